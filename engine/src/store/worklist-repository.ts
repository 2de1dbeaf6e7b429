/**
 * The caller's worklist: open cases, in the caller's districts, whose active states list one of
 * the caller's roles under `roles:` in the template. Longest waiting first.
 */
import { sql } from 'drizzle-orm';
import { CASE_COLUMNS, toCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import { scopeCondition } from './district-scope.js';
import { cursorTime, fromCursor, pageLimit, toCursor, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import { nextEvents } from './next-events.js';
import type { NextEvent } from './next-events.js';
import { jsonb } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';
import type { CompiledTemplate } from '../compile/compile-template.js';

/** Whose worklist, and which page of it. */
export interface WorklistQuery {
  roles: readonly string[];
  scope?: string | undefined;
  programmeId?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** A case waiting on the caller, with the states that make it so. */
export interface WorkItem {
  case: CaseRecord;
  programmeTitle: string;
  templateId: string;
  /** The active states whose roles include one of the caller's. */
  waitingIn: string[];
  /** Events the case accepts now that one of the caller's roles may send. */
  nextEvents: NextEvent[];
}

/** One page of the caller's worklist. */
export async function worklist(ctx: StoreContext, query: WorklistQuery): Promise<Page<WorkItem>> {
  const limit = pageLimit(query.limit);
  const programmes = await ctx.sql.query<{
    id: string;
    template_id: string;
    template_version: number;
  }>(sql`
    select id, template_id, template_version from programmes
    where status = 'active' and ${scopeCondition(sql`district`, query.scope)}
      ${query.programmeId === undefined ? sql`` : sql`and id::text = ${query.programmeId}`}`);
  // Programme id → states that wait on one of the caller's roles.
  const wanted: Record<string, string[]> = {};
  const compiledOf = new Map<string, CompiledTemplate>();
  for (const p of programmes) {
    const compiled = await compiledTemplate(ctx, p.template_id, p.template_version);
    compiledOf.set(p.id, compiled);
    const states = [...compiled.states.values()]
      .filter((s) => s.def.roles?.some((r) => query.roles.includes(r)))
      .map((s) => s.id);
    if (states.length > 0) wanted[p.id] = states;
  }
  if (Object.keys(wanted).length === 0) return { items: [], nextCursor: null };
  const after = query.cursor === undefined ? null : fromCursor(query.cursor);
  const rows = await ctx.sql.query(sql`
    with wanted as (
      select key::uuid as programme_id, array(select jsonb_array_elements_text(value)) as states from jsonb_each(${jsonb(wanted)}))
    select ${CASE_COLUMNS}, p.title as programme_title, p.template_id,
           array(select s from unnest(c.active_states) s where s = any(w.states)) as waiting_in,
           ${cursorTime(sql`c.updated_at`)} as cursor_at
    from wanted w join cases c on c.programme_id = w.programme_id join programmes p on p.id = c.programme_id
    where not c.done and c.active_states && w.states and ${scopeCondition(sql`c.district`, query.scope)}
      ${after === null ? sql`` : sql`and (c.updated_at, c.id) > (${after.at}::text::timestamptz, ${after.id}::uuid)`}
    order by c.updated_at, c.id limit ${limit + 1}`);
  const cursors = new Map(rows.map((row) => [row.id as string, row.cursor_at as string]));
  const items = rows.map((row) => {
    const record = toCaseRecord(row);
    return {
      case: record,
      programmeTitle: row.programme_title as string,
      templateId: row.template_id as string,
      waitingIn: row.waiting_in as string[],
      nextEvents: nextEvents(compiledOf.get(record.programmeId)!, record, query.roles),
    };
  });
  return toPage(items, limit, (last) => toCursor(cursors.get(last.case.id)!, last.case.id));
}
