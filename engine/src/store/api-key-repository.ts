/**
 * API keys. A key is 32 random bytes shown once to whoever created it; only its SHA-256 is stored,
 * which is enough for a key of that entropy (no salt or slow hash needed: nothing to brute-force).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
import { API_KEY_CHANNEL, apiKeyCacheOf } from './api-key-cache.js';
import { checkDistrict, scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import type { Row, SqlClient } from './sql/sql-client.js';
import { textArray } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';

/** A stored key (never the key itself). `district` '' means every district. */
export interface ApiKeyRecord {
  id: string;
  label: string | null;
  roles: string[];
  district: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What a new key gets. */
export interface NewApiKey {
  roles: readonly string[];
  /** A district path, or '' for every district (the owner key). */
  district: string;
  label?: string | null | undefined;
}

/** Prefix that makes a leaked key easy to recognise in a scanner or a log. */
const PREFIX = 'rk_';

/** The stored form of a key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function toRecord(row: Row): ApiKeyRecord {
  return {
    id: row.id as string,
    label: row.label as string | null,
    roles: row.roles as string[],
    district: row.district as string,
    createdAt: row.created_at as Date,
    revokedAt: row.revoked_at as Date | null,
  };
}

/** How long a revocation's answer waits after this process heard its notification back. */
const REVOKE_GRACE_MS = 20;

const COLUMNS = sql.raw('id, label, roles, district, created_at, revoked_at');

/** Create a key; returns the record and the key itself, which is not stored and cannot be shown again. */
export async function createApiKey(
  ctx: StoreContext,
  input: NewApiKey,
  client: SqlClient = ctx.sql,
): Promise<{ record: ApiKeyRecord; key: string }> {
  const district = input.district === '' ? '' : checkDistrict(input.district);
  const key = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await client.query(sql`
    insert into api_keys (id, key_hash, label, roles, district, created_at)
    values (${randomUUID()}, ${hashApiKey(key)}, ${input.label ?? null}, ${textArray(input.roles)},
            ${district}, ${ctx.clock.now()})
    returning ${COLUMNS}`);
  return { record: toRecord(row!), key };
}

/**
 * The owner key on an empty key table, else nothing. Serialised by a lock, so two processes
 * starting together on one database make one owner key, not two.
 */
export async function createOwnerKeyIfNone(
  ctx: StoreContext,
): Promise<{ record: ApiKeyRecord; key: string } | undefined> {
  return ctx.sql.transaction(async (tx) => {
    await tx.query(sql`lock table api_keys in share row exclusive mode`);
    const [row] = await tx.query(sql`select 1 from api_keys limit 1`);
    if (row) return undefined;
    return createApiKey(ctx, { roles: ['owner'], district: '', label: 'owner' }, tx);
  });
}

/**
 * The live key with this secret, if any. A key verified in the last few seconds is answered from
 * this process's cache (`api-key-cache.ts`), which every revocation clears on every process.
 */
export async function findApiKey(
  ctx: StoreContext,
  key: string,
): Promise<ApiKeyRecord | undefined> {
  const hash = hashApiKey(key);
  const cache = apiKeyCacheOf<ApiKeyRecord>(ctx.sql);
  if (cache.get(hash)) {
    // One turn of the event loop first: a revocation that reached this process's socket no later
    // than this request did is read (and clears the cache) before the answer is trusted.
    await new Promise((resolve) => setImmediate(resolve));
    const hit = cache.get(hash);
    if (hit) return hit;
  }
  const generation = cache.generation;
  const [row] = await ctx.sql.query(
    sql`select ${COLUMNS} from api_keys where key_hash = ${hash} and revoked_at is null`,
  );
  if (!row) return undefined;
  const record = toRecord(row);
  cache.put(hash, record, generation);
  return record;
}

/** Keys whose district lies in `scope` (absent: all), newest first. */
export async function listApiKeys(ctx: StoreContext, scope?: string): Promise<ApiKeyRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${COLUMNS} from api_keys where ${scopeCondition(sql`district`, scope)}
    order by created_at desc, id`);
  return rows.map(toRecord);
}

/** One key in `scope` (any key when absent), or undefined. */
export async function getApiKey(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<ApiKeyRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ctx.sql.query(sql`
    select ${COLUMNS} from api_keys where id = ${id} and ${scopeCondition(sql`district`, scope)}`);
  return row ? toRecord(row) : undefined;
}

/**
 * Revoke a key in `scope`; revoking twice is harmless. The notification goes out with the commit;
 * the answer waits until this process has heard it back (at most a second), by which time the
 * database has handed it to every listening process too, so the key is refused everywhere at once.
 */
export async function revokeApiKey(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<ApiKeyRecord> {
  if (!isUuid(id)) throw new NotFoundError('key', id);
  const cache = apiKeyCacheOf<ApiKeyRecord>(ctx.sql);
  // Waiting from before the commit: the notification may come back before the commit's answer.
  const heard = cache.heard(id, 1_000);
  const row = await ctx.sql.transaction(async (tx) => {
    const [updated] = await tx.query(sql`
      update api_keys set revoked_at = coalesce(revoked_at, ${ctx.clock.now()})
      where id = ${id} and ${scopeCondition(sql`district`, scope)} returning ${COLUMNS}`);
    if (updated) await tx.query(sql`select 1 as sent from pg_notify(${API_KEY_CHANNEL}, ${id})`);
    return updated;
  });
  if (!row) throw new NotFoundError('key', id);
  cache.clear();
  await heard;
  // The database signals every listening session at the commit; give the others' sessions time
  // to pass it on, so a client told "revoked" finds the key refused by every process.
  await new Promise((resolve) => setTimeout(resolve, REVOKE_GRACE_MS));
  return toRecord(row);
}
