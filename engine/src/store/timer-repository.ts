/** Timer rows: claiming due ones for a scheduler, and finding when the next falls due. */
import { sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** A due timer claimed by one scheduler. */
export interface DueTimer {
  id: number;
  programmeId: string;
  caseId: string;
  eventType: string;
  dueAt: Date;
  /** Claims so far, this one included. */
  attempts: number;
}

/** How to claim: who claims, how many, and how long a claim keeps other schedulers off. */
export interface ClaimOptions {
  owner: string;
  limit: number;
  leaseMs: number;
  programmeId?: string | undefined;
}

/**
 * Claim due timers of active programmes, earliest first. `FOR UPDATE SKIP LOCKED` lets several
 * schedulers claim at once without waiting on or taking each other's rows; the claim is a lease,
 * so a scheduler that dies mid-batch leaves its timers to be claimed again once the lease ends.
 * Exactly-once does not rest on the lease: firing re-checks `status = 'pending'` under the lock.
 */
export async function claimDueTimers(
  ctx: StoreContext,
  options: ClaimOptions,
): Promise<DueTimer[]> {
  if (options.programmeId !== undefined && !isUuid(options.programmeId)) return [];
  const now = ctx.clock.now();
  const leaseEnd = new Date(now.getTime() - options.leaseMs);
  const rows = await ctx.sql.query(sql`
    update timers t set claimed_by = ${options.owner}, claimed_at = ${now}, attempts = t.attempts + 1
    where t.id in (
      select d.id from timers d join programmes p on p.id = d.programme_id
      where d.status = 'pending' and d.due_at <= ${now} and p.status = 'active'
        and (d.claimed_at is null or d.claimed_at <= ${leaseEnd})
        ${options.programmeId === undefined ? sql`` : sql`and d.programme_id = ${options.programmeId}`}
      order by d.due_at, d.id limit ${options.limit}
      for update of d skip locked)
    returning t.id, t.programme_id, t.case_id, t.event_type, t.due_at, t.attempts`);
  return rows
    .map((row) => ({
      id: toNumber(row.id),
      programmeId: row.programme_id as string,
      caseId: row.case_id as string,
      eventType: row.event_type as string,
      dueAt: row.due_at as Date,
      attempts: row.attempts as number,
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** Cancel a timer that will never fire (refused, stale, or given up on), saying why. */
export async function cancelTimer(ctx: StoreContext, id: number, note: string): Promise<void> {
  await ctx.sql.query(
    sql`update timers set status = 'cancelled', note = ${note} where id = ${id} and status = 'pending'`,
  );
}

/** Give a claimed timer back untouched (its programme was paused meanwhile): it fires once active again. */
export async function releaseTimer(ctx: StoreContext, id: number): Promise<void> {
  await ctx.sql.query(
    sql`update timers set claimed_by = null, claimed_at = null, attempts = greatest(attempts - 1, 0) where id = ${id} and status = 'pending'`,
  );
}

/** When the earliest pending timer (of active programmes) falls due, or null. */
export async function nextTimerDue(
  ctx: StoreContext,
  filter: { programmeId?: string | undefined } = {},
): Promise<Date | null> {
  if (filter.programmeId !== undefined && !isUuid(filter.programmeId)) return null;
  const [row] = await ctx.sql.query<{ due: Date | null }>(sql`
    select min(t.due_at) as due from timers t join programmes p on p.id = t.programme_id
    where t.status = 'pending' and p.status = 'active'
      ${filter.programmeId === undefined ? sql`` : sql`and t.programme_id = ${filter.programmeId}`}`);
  return row?.due ?? null;
}

/** Pending timers of a case, earliest first (for the API and for tests). */
export async function pendingTimers(
  ctx: StoreContext,
  caseId: string,
): Promise<{ state: string; index: number; eventType: string; dueAt: Date }[]> {
  if (!isUuid(caseId)) return [];
  const rows = await ctx.sql.query(sql`
    select state, idx, event_type, due_at from timers where case_id = ${caseId} and status = 'pending' order by due_at, id`);
  return rows.map((row) => ({
    state: row.state as string,
    index: row.idx as number,
    eventType: row.event_type as string,
    dueAt: row.due_at as Date,
  }));
}

/**
 * Give back every claim: on PGlite only one process can hold the data folder, so a claim found at
 * start belongs to a process that died before firing it, and would otherwise wait out its lease.
 */
export async function releaseAllClaims(ctx: StoreContext): Promise<number> {
  const rows = await ctx.sql.query(
    sql`update timers set claimed_by = null, claimed_at = null where status = 'pending' and claimed_by is not null returning id`,
  );
  return rows.length;
}
