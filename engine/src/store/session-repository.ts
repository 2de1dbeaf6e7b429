/**
 * Sessions of people signed in to the web app. The cookie holds 32 random bytes; only their
 * SHA-256 is stored (as for API keys: nothing to brute-force at that entropy). A session lives until
 * it is revoked, idle longer than `idleMs`, or older than `absoluteMs`, whichever comes first;
 * every request reads the person afresh, so a change of roles or a disabled account counts at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PersonRecord } from './person-repository.js';
import { revokeSessionsOfPerson } from './person-repository.js';
import type { Row } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';

/** How long sessions last. */
export interface SessionPolicy {
  /** Ends after this long without a request (default 12 hours). */
  idleMs: number;
  /** Ends this long after sign-in whatever happens (default 7 days). */
  absoluteMs: number;
}

/** Twelve hours idle (a working day and an evening), seven days at most. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 12 * 3600_000,
  absoluteMs: 7 * 24 * 3600_000,
};

/** A live session and its person. */
export interface SessionRecord {
  id: string;
  person: PersonRecord;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Last-seen times are written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Start a session for a person; returns the record and the cookie token (not stored). */
export async function createSession(
  ctx: StoreContext,
  person: PersonRecord,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<{ session: SessionRecord; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  const id = randomUUID();
  await ctx.sql.query(sql`
    insert into sessions (id, token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at)
    values (${id}, ${hashToken(token)}, ${person.id}, ${csrfToken}, ${now}, ${now}, ${expiresAt})`);
  return { session: { id, person, csrfToken, createdAt: now, expiresAt }, token };
}

function toPerson(row: Row): PersonRecord {
  return {
    id: row.person_id as string,
    login: row.login as string,
    displayName: row.display_name as string,
    roles: row.roles as string[],
    district: row.district as string,
    disabled: false,
    createdBy: row.created_by as string | null,
    createdAt: row.person_created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

/** The live session of a cookie token, if any (and its person, if not disabled). */
export async function findSession(
  ctx: StoreContext,
  token: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<SessionRecord | undefined> {
  const now = ctx.clock.now();
  const idleSince = new Date(now.getTime() - policy.idleMs);
  const [row] = await ctx.sql.query(sql`
    select s.id, s.person_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
           p.login, p.display_name, p.roles, p.district, p.created_by,
           p.created_at as person_created_at, p.updated_at
    from sessions s join people p on p.id = s.person_id
    where s.token_hash = ${hashToken(token)} and s.revoked_at is null and p.disabled_at is null
      and s.expires_at > ${now} and s.last_seen_at > ${idleSince}`);
  if (!row) return undefined;
  const id = row.id as string;
  if (now.getTime() - (row.last_seen_at as Date).getTime() > TOUCH_EVERY_MS)
    await ctx.sql.query(sql`update sessions set last_seen_at = ${now} where id = ${id}`);
  return {
    id,
    person: toPerson(row),
    csrfToken: row.csrf_token as string,
    createdAt: row.created_at as Date,
    expiresAt: row.expires_at as Date,
  };
}

/** End one session (signing out); ending it twice is harmless. */
export async function revokeSession(ctx: StoreContext, id: string): Promise<void> {
  await ctx.sql.query(
    sql`update sessions set revoked_at = coalesce(revoked_at, ${ctx.clock.now()}) where id = ${id}`,
  );
}

/** End every session of a person (sign out everywhere); returns how many were live. */
export function revokeAllSessions(ctx: StoreContext, personId: string): Promise<number> {
  return revokeSessionsOfPerson(ctx.sql, personId, ctx.clock.now());
}
