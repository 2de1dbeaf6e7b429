/**
 * API keys. A key is 32 random bytes shown once to whoever created it; only its SHA-256 is stored,
 * which is enough for a key of that entropy (no salt or slow hash needed: nothing to brute-force).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
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

/** The live key with this secret, if any. */
export async function findApiKey(
  ctx: StoreContext,
  key: string,
): Promise<ApiKeyRecord | undefined> {
  const [row] = await ctx.sql.query(
    sql`select ${COLUMNS} from api_keys where key_hash = ${hashApiKey(key)} and revoked_at is null`,
  );
  return row ? toRecord(row) : undefined;
}

/** Keys whose district lies in `scope` (absent: all), newest first. */
export async function listApiKeys(ctx: StoreContext, scope?: string): Promise<ApiKeyRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${COLUMNS} from api_keys where ${scopeCondition(sql`district`, scope)}
    order by created_at desc, id`);
  return rows.map(toRecord);
}

/** Revoke a key in `scope`; revoking twice is harmless. */
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

export async function revokeApiKey(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<ApiKeyRecord> {
  const [row] = isUuid(id)
    ? await ctx.sql.query(sql`
        update api_keys set revoked_at = coalesce(revoked_at, ${ctx.clock.now()})
        where id = ${id} and ${scopeCondition(sql`district`, scope)} returning ${COLUMNS}`)
    : [];
  if (!row) throw new NotFoundError('key', id);
  return toRecord(row);
}
