/**
 * A programme's numbers: cases by state, accepted events by type and day, ledger balances, and the
 * figures its template declares.
 */
import { sql } from 'drizzle-orm';
import { programmeFigures } from './programme-figures.js';
import type { FigureValue } from './programme-figures.js';
import { getProgramme } from './programme-repository.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** What `GET /programmes/{id}/stats` shows. */
export interface ProgrammeStats {
  cases: { total: number; open: number; done: number; byState: Record<string, number> };
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
  const [states, events, ledgers, figures] = await Promise.all([
    ctx.sql.query(
      sql`select state, done, count(*)::int as n from cases where programme_id = ${programmeId} group by state, done order by state`,
    ),
    ctx.sql.query(sql`
      select h.event_type, to_char(h.at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*)::int as n
      from case_history h join cases c on c.id = h.case_id
      where c.programme_id = ${programmeId} group by 1, 2 order by 2, 1`),
    ctx.sql.query(
      sql`select name, balance from ledgers where programme_id = ${programmeId} order by name`,
    ),
    programmeFigures(ctx.sql, template, {
      programmeId,
      district: programme.district,
      params: programme.params,
      timeZone,
      now: ctx.clock.now(),
    }),
  ]);
  const byState: Record<string, number> = {};
  let open = 0;
  let done = 0;
  for (const row of states) {
    const n = row.n as number;
    byState[row.state as string] = (byState[row.state as string] ?? 0) + n;
    if (row.done) done += n;
    else open += n;
  }
  return {
    cases: { total: open + done, open, done, byState },
    events: events.map((row) => ({
      type: row.event_type as string,
      day: row.day as string,
      count: row.n as number,
    })),
    ledgers: Object.fromEntries(ledgers.map((row) => [row.name as string, toNumber(row.balance)])),
    figures,
  };
}
