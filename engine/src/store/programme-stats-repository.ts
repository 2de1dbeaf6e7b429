/**
 * A programme's numbers: cases by state, accepted events by type and day, ledger balances, and the
 * figures its template declares.
 */
import { sql } from 'drizzle-orm';
import { historyOfCase, programmeFigures } from './programme-figures.js';
import type { FigureValue } from './programme-figures.js';
import { getProgramme } from './programme-repository.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** Cases of one sub-district (or the programme's own district, for cases placed there). */
export interface DistrictCaseCounts {
  district: string;
  total: number;
  open: number;
  done: number;
  byState: Record<string, number>;
}

/** A pending durable timer: when the case will move (or should already have). */
export interface PendingTimer {
  caseId: string;
  ref: string | null;
  state: string;
  event: string;
  dueAt: Date;
}

/** An open case whose last accepted event was a timer: its deadline passed and nobody acted since. */
export interface LapsedCase {
  caseId: string;
  ref: string | null;
  /** The case's state now. */
  state: string;
  /** The timer that fired (`after:<state>:<i>`). */
  event: string;
  /** When it fired. */
  at: Date;
}

/** How many pending timers (and lapsed cases) to list. */
export const LISTED_TIMERS = 20;

/** What `GET /programmes/{id}/stats` shows. */
export interface ProgrammeStats {
  cases: {
    total: number;
    open: number;
    done: number;
    byState: Record<string, number>;
    /** Rolled up one level below the programme's district (区 → 街道 → 居委会 → 网格). */
    byDistrict: DistrictCaseCounts[];
  };
  /**
   * Deadlines: pending timers (how many, how many past due and not fired yet, the soonest), and
   * the open cases whose last event was a timer firing (how many, the longest waiting).
   */
  timers: {
    pending: number;
    overdue: number;
    soonest: PendingTimer[];
    lapsed: number;
    lapsedCases: LapsedCase[];
  };
  /** Accepted events per type and calendar day (in `timeZone`), oldest day first; opening is `(open)`. */
  events: { type: string; day: string; count: number }[];
  ledgers: Record<string, number>;
  /** The template's declared figures, in declaration order. */
  figures: FigureValue[];
}

/** Stats of one programme in the caller's scope; days are counted in `timeZone` (default UTC). */
export async function programmeStats(
  ctx: StoreContext,
  programmeId: string,
  options: { scope?: string | undefined; timeZone?: string | undefined } = {},
): Promise<ProgrammeStats> {
  const programme = await getProgramme(ctx, programmeId, options.scope);
  const timeZone = options.timeZone ?? 'UTC';
  const { template } = await ctx.templates.compiled(
    programme.templateId,
    programme.templateVersion,
    ctx.sql,
  );
  // The sub-district a case counts under: its path cut one level below the programme's district.
  const childDepth = programme.district.split('/').length + 1;
  const now = ctx.clock.now();
  const [states, events, ledgers, figures, timerCounts, soonest, lapsed] = await Promise.all([
    ctx.sql.query(sql`
      select state, done, array_to_string((string_to_array(district, '/'))[1:${sql.raw(String(childDepth))}], '/') as sub,
        count(*)::int as n
      from cases where programme_id = ${programmeId} group by 1, 2, 3 order by 3, 1`),
    ctx.sql.query(sql`
      select h.event_type, to_char(h.at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*)::int as n
      from cases c cross join lateral ${historyOfCase(sql`h.event_type, h.at`)} h
      where c.programme_id = ${programmeId} group by 1, 2 order by 2, 1`),
    ctx.sql.query(
      sql`select name, balance from ledgers where programme_id = ${programmeId} order by name`,
    ),
    programmeFigures(ctx.sql, template, {
      programmeId,
      district: programme.district,
      params: programme.params,
      timeZone,
      now,
    }),
    ctx.sql.query(sql`
      select count(*)::int as pending, count(*) filter (where due_at <= ${now.toISOString()}::timestamptz)::int as overdue
      from timers where programme_id = ${programmeId} and status = 'pending'`),
    ctx.sql.query(sql`
      select t.case_id, c.ref, t.state, t.event_type, t.due_at from timers t join cases c on c.id = t.case_id
      where t.programme_id = ${programmeId} and t.status = 'pending' order by t.due_at, t.id limit ${LISTED_TIMERS}`),
    // The last history row is the one whose seq is the case's version (a unique index lookup).
    ctx.sql.query(sql`
      select c.id, c.ref, c.state, h.event_type, h.at, count(*) over ()::int as total
      from cases c join case_history h on h.case_id = c.id and h.seq = c.version
      where c.programme_id = ${programmeId} and not c.done and h.actor is null and starts_with(h.event_type, 'after:')
      order by h.at, c.id limit ${LISTED_TIMERS}`),
  ]);
  const all = emptyCounts('');
  const subDistricts = new Map<string, DistrictCaseCounts>();
  for (const row of states) {
    const sub = row.sub as string;
    let counts = subDistricts.get(sub);
    if (!counts) subDistricts.set(sub, (counts = emptyCounts(sub)));
    for (const target of [all, counts])
      count(target, row.state as string, !!row.done, row.n as number);
  }
  const [timerRow] = timerCounts;
  return {
    cases: {
      total: all.total,
      open: all.open,
      done: all.done,
      byState: all.byState,
      byDistrict: [...subDistricts.values()],
    },
    timers: {
      pending: (timerRow?.pending as number | undefined) ?? 0,
      overdue: (timerRow?.overdue as number | undefined) ?? 0,
      soonest: soonest.map((row) => ({
        caseId: row.case_id as string,
        ref: row.ref as string | null,
        state: row.state as string,
        event: row.event_type as string,
        dueAt: new Date(row.due_at as string | Date),
      })),
      lapsed: (lapsed[0]?.total as number | undefined) ?? 0,
      lapsedCases: lapsed.map((row) => ({
        caseId: row.id as string,
        ref: row.ref as string | null,
        state: row.state as string,
        event: row.event_type as string,
        at: new Date(row.at as string | Date),
      })),
    },
    events: events.map((row) => ({
      type: row.event_type as string,
      day: row.day as string,
      count: row.n as number,
    })),
    ledgers: Object.fromEntries(ledgers.map((row) => [row.name as string, toNumber(row.balance)])),
    figures,
  };
}

function emptyCounts(district: string): DistrictCaseCounts {
  return { district, total: 0, open: 0, done: 0, byState: {} };
}

function count(target: DistrictCaseCounts, state: string, done: boolean, n: number): void {
  target.byState[state] = (target.byState[state] ?? 0) + n;
  target.total += n;
  if (done) target.done += n;
  else target.open += n;
}
