/**
 * A limiter for failed authentication, kept in the database so that every server process counts
 * the same failures: after `maxFailures` within `windowMs` a subject (`login:<login>`, …) is locked
 * for `lockMs`. A lock refuses even the right password, so guessing gains nothing while it lasts.
 */
import { sql } from 'drizzle-orm';
import type { StoreContext } from './store-context.js';

/** When failures lead to a lock. */
export interface FailurePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Five failures within 15 minutes lock for 15 minutes. */
export const SIGN_IN_FAILURE_POLICY: FailurePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/**
 * Unknown API keys from one client address: 20 within a minute lock that address's unknown keys
 * out for a minute (429). Keys are 256-bit, so this is not about guessing but about load and noise
 * in the logs; a valid key is never checked against it, so it is never slowed or refused.
 */
export const API_KEY_FAILURE_POLICY: FailurePolicy = {
  maxFailures: 20,
  windowMs: 60_000,
  lockMs: 60_000,
};

/** When the subject's lock ends, if it is locked now. */
export async function lockedUntil(ctx: StoreContext, subject: string): Promise<Date | undefined> {
  const [row] = await ctx.sql.query<{ locked_until: Date | null }>(
    sql`select locked_until from auth_failures where subject = ${subject}`,
  );
  const until = row?.locked_until ?? undefined;
  return until && until > ctx.clock.now() ? until : undefined;
}

/**
 * Count one failure (a new window when the last one is over); returns the end of the lock if this
 * failure reached the limit. One statement, so concurrent failures are all counted.
 */
export async function recordFailure(
  ctx: StoreContext,
  subject: string,
  policy: FailurePolicy,
): Promise<Date | undefined> {
  const now = ctx.clock.now();
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockEnd = new Date(now.getTime() + policy.lockMs);
  const [row] = await ctx.sql.query<{ locked_until: Date | null }>(sql`
    insert into auth_failures as f (subject, failures, window_started_at, locked_until)
    values (${subject}, 1, ${now}, ${policy.maxFailures <= 1 ? lockEnd : null})
    on conflict (subject) do update set
      failures = case when f.window_started_at <= ${windowStart} then 1 else f.failures + 1 end,
      window_started_at = case when f.window_started_at <= ${windowStart} then ${now} else f.window_started_at end,
      locked_until = case
        when f.window_started_at > ${windowStart} and f.failures + 1 >= ${policy.maxFailures} then ${lockEnd}::timestamptz
        else f.locked_until end
    returning locked_until`);
  const until = row?.locked_until ?? undefined;
  return until && until > now ? until : undefined;
}

/** Forget the failures of a subject (after a success). */
export async function clearFailures(ctx: StoreContext, subject: string): Promise<void> {
  await ctx.sql.query(sql`delete from auth_failures where subject = ${subject}`);
}
