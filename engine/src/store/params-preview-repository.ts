/**
 * The store's half of a parameter-change preview: read the programme, merge and validate the new
 * parameters exactly as `changeProgramme` does, load the open cases with their pending timers, and
 * hand them to the pure `previewParamsChange`. Reads only: nothing is written.
 */
import { sql } from 'drizzle-orm';
import type { StateValue } from 'xstate';
import { previewParamsChange } from '../runtime/preview-params-change.js';
import type { ParamsPreview, PreviewCase } from '../runtime/preview-params-change.js';
import { validateParams } from '../runtime/validate-case-input.js';
import { checkStorable } from './check-storable.js';
import { getProgramme, ledgerBalances } from './programme-repository.js';
import type { StoreContext } from './store-context.js';

/** A preview and the parameters it compares. */
export interface ProgrammeParamsPreview extends ParamsPreview {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Preview merging `params` into programme `id`'s parameters (in the caller's `scope`). */
export async function previewProgrammeParams(
  ctx: StoreContext,
  id: string,
  params: Record<string, unknown>,
  scope?: string,
): Promise<ProgrammeParamsPreview> {
  const programme = await getProgramme(ctx, id, scope);
  checkStorable('parameters', params);
  const compiled = await ctx.templates.compiled(
    programme.templateId,
    programme.templateVersion,
    ctx.sql,
  );
  const after = validateParams(compiled, { ...programme.params, ...params });
  const [ledger, rows, timers] = await Promise.all([
    ledgerBalances(ctx, id, scope),
    ctx.sql.query(sql`
      select id, ref, value, data, assignee from cases
      where programme_id = ${id} and not done order by created_at, id`),
    ctx.sql.query(sql`
      select case_id, event_type, due_at from timers
      where programme_id = ${id} and status = 'pending' order by due_at, id`),
  ]);
  const timersOf = new Map<string, { eventType: string; dueAt: Date }[]>();
  for (const t of timers) {
    const list = timersOf.get(t.case_id as string) ?? [];
    list.push({ eventType: t.event_type as string, dueAt: t.due_at as Date });
    timersOf.set(t.case_id as string, list);
  }
  const cases = rows.map((row): PreviewCase => ({
    id: row.id as string,
    ref: row.ref as string | null,
    value: row.value as StateValue,
    data: row.data as Record<string, unknown>,
    assignee: row.assignee as string | null,
    timers: timersOf.get(row.id as string),
  }));
  const preview = previewParamsChange(compiled, cases, programme.params, after, {
    ledger,
    now: ctx.clock.now(),
  });
  return { before: programme.params, after, ...preview };
}
