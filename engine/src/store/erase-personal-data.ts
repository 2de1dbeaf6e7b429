/**
 * Retention and erasure: a case's personal data — the fields its template marks with
 * `x-relief-sensitivity` — removed from its record and from every history payload (and the stored
 * idempotent answers), recorded in `case_erasures`. The case, its state, its history rows and so
 * its counts and figures stay. `applyRetention` erases the cases that ended longer ago than their
 * template's `x-relief-retention`; an admin erases one case at a resident's request.
 */
import { sql } from 'drizzle-orm';
import { CaseStillOpenError, NotFoundError } from '../errors/engine-error.js';
import { addDuration } from '../runtime/add-duration.js';
import { dataMarks, formMarks } from '../template/privacy-marks.js';
import type { Template } from '../template/template.js';
import { getCase } from './case-repository.js';
import { jsonb, textArray } from './sql/sql-client.js';
import type { SqlClient } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';
import { caseTemplateVersion } from './case-template-version.js';

/** One recorded erasure. */
export interface ErasureRecord {
  caseId: string;
  fields: string[];
  reason: 'retention' | 'request';
  actor: string | null;
  /** Why, in the admin's words (a resident's request); null for retention. */
  note: string | null;
  at: Date;
}

/** An erasure at a resident's request, and whether it had already been done before this call. */
export interface RequestErasure extends ErasureRecord {
  alreadyErased: boolean;
}

/**
 * Fields the template's figures read (`where`, `by: { field }`, `sum: { data }`, a summed payload
 * `field`): erasure keeps them, so the programme's figures stay as they were.
 */
export function figureFields(template: Template): Set<string> {
  const fields = new Set<string>();
  for (const figure of Object.values(template.figures ?? {})) {
    if (figure.sum?.data) fields.add(figure.sum.data);
    if (figure.sum?.field) fields.add(figure.sum.field);
    if (typeof figure.by === 'object' && 'field' in figure.by) fields.add(figure.by.field);
    for (const m of (figure.where ?? '').matchAll(
      /\bdata\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*['"]([^'"]+)['"]\s*\])/g,
    ))
      fields.add(m[1] ?? m[2]!);
  }
  return fields;
}

function without(record: Record<string, unknown>, names: ReadonlySet<string>) {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.has(name)));
}

/** Erase in one transaction; returns the erased data fields (possibly none, still recorded). */
async function eraseIn(
  ctx: StoreContext,
  tx: SqlClient,
  template: Template,
  caseId: string,
  reason: 'retention' | 'request',
  actor: string | null,
  note: string | null = null,
  at: Date = ctx.clock.now(),
): Promise<string[]> {
  const [row] = await tx.query<{ data: Record<string, unknown>; programme_id: string }>(sql`
    select data, programme_id from cases where id = ${caseId} for update`);
  if (!row) throw new NotFoundError('case', caseId);
  // Another server process may have erased it meanwhile (the row lock orders the two): once is enough.
  if (reason === 'retention') {
    const [done] = await tx.query(sql`
      select 1 from case_erasures where case_id = ${caseId} and reason = 'retention' limit 1`);
    if (done) return [];
  }
  const kept = figureFields(template);
  const marked = new Set([...dataMarks(template).keys()].filter((name) => !kept.has(name)));
  const erased = Object.keys(row.data).filter((name) => marked.has(name));
  await tx.query(sql`select set_config('relief.erasure', 'on', true)`);
  if (erased.length > 0)
    await tx.query(sql`
      update cases set data = ${jsonb(without(row.data, marked))}, version = version + 1,
        updated_at = updated_at where id = ${caseId}`);
  const history = await tx.query<{ seq: number; event_type: string; payload: unknown }>(sql`
    select seq, event_type, payload from case_history where case_id = ${caseId} order by seq`);
  for (const entry of history) {
    const payload = (entry.payload ?? {}) as Record<string, unknown>;
    const names = new Set(
      [...formMarks(template, entry.event_type).keys()].filter((name) => !kept.has(name)),
    );
    await tx.query(sql`
      update case_history set payload = ${jsonb(without(payload, names))}, result = null
      where case_id = ${caseId} and seq = ${entry.seq}`);
  }
  await tx.query(sql`
    insert into case_erasures (case_id, programme_id, fields, reason, actor, note, at)
    values (${caseId}, ${row.programme_id}, ${textArray(erased)}, ${reason}, ${actor}, ${note}, ${at})`);
  return erased;
}

/**
 * Erase one case's personal data at a resident's request (an admin serves it), recorded with who,
 * when and why (`note`). Counts and figures are kept. Only an ended case: an open one still serves
 * the resident with that data (`CaseStillOpenError`; it is ended through the programme first).
 * Idempotent: a case already erased at a request answers that erasure and records nothing new.
 */
export async function erasePersonalData(
  ctx: StoreContext,
  caseId: string,
  caller: { actorId: string | null; scope?: string | undefined; note: string },
): Promise<RequestErasure> {
  const record = await getCase(ctx, caseId, caller.scope);
  if (!record.done) throw new CaseStillOpenError(record.id, record.state);
  // The marks of the version the case runs on (its own when a migration left it behind).
  const { template } = (await caseTemplateVersion(ctx, record.id)).compiled;
  return ctx.sql.transaction(async (tx) => {
    // The row lock orders concurrent requests: the second one finds the first's record.
    await tx.query(sql`select 1 from cases where id = ${record.id} for update`);
    const [done] = await tx.query(sql`
      select ${ERASURE_COLUMNS} from case_erasures
      where case_id = ${record.id} and reason = 'request' order by id limit 1`);
    if (done) return { ...toErasureRecord(done), alreadyErased: true };
    const at = ctx.clock.now();
    const fields = await eraseIn(
      ctx,
      tx,
      template,
      record.id,
      'request',
      caller.actorId,
      caller.note,
      at,
    );
    return {
      caseId: record.id,
      fields,
      reason: 'request' as const,
      actor: caller.actorId,
      note: caller.note,
      at,
      alreadyErased: false,
    };
  });
}

const ERASURE_COLUMNS = sql.raw('case_id, fields, reason, actor, note, at');

function toErasureRecord(row: Record<string, unknown>): ErasureRecord {
  return {
    caseId: row.case_id as string,
    fields: row.fields as string[],
    reason: row.reason as 'retention' | 'request',
    actor: row.actor as string | null,
    note: row.note as string | null,
    at: new Date(row.at as string | Date),
  };
}

/** The erasures recorded for a case, oldest first. */
export async function caseErasures(ctx: StoreContext, caseId: string): Promise<ErasureRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${ERASURE_COLUMNS} from case_erasures where case_id = ${caseId} order by id`);
  return rows.map(toErasureRecord);
}

/**
 * The retention job: every ended case whose template declares `x-relief-retention` and whose end
 * (its last change) lies longer ago than that, not erased yet, is erased. Returns how many.
 */
export async function applyRetention(ctx: StoreContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const programmes = await ctx.sql.query<{
    id: string;
    template_id: string;
    template_version: number;
  }>(sql`select id, template_id, template_version from programmes`);
  let erased = 0;
  for (const p of programmes) {
    const { template } = await compiledTemplate(ctx, p.template_id, p.template_version);
    const retention = template.data?.['x-relief-retention'];
    if (typeof retention !== 'string') continue;
    // ended before `now - retention`: shift `now` back by the duration, month- and year-exact
    const due = await ctx.sql.query<{
      id: string;
      updated_at: Date | string;
      own_version: number | null;
    }>(sql`
      select c.id, c.updated_at, c.template_version as own_version from cases c
      where c.programme_id = ${p.id} and c.done
        and not exists (select 1 from case_erasures e where e.case_id = c.id and e.reason = 'retention')
      order by c.updated_at limit ${limit}`);
    for (const c of due) {
      if (addDuration(new Date(c.updated_at), retention) > now) break;
      // Erased by the marks of the version the case runs on (a migration may have left it behind).
      const own =
        c.own_version === null || Number(c.own_version) === p.template_version
          ? template
          : (await compiledTemplate(ctx, p.template_id, Number(c.own_version))).template;
      await ctx.sql.transaction((tx) => eraseIn(ctx, tx, own, c.id, 'retention', null));
      erased += 1; // counted even if another process got there first: it is erased either way
    }
  }
  return erased;
}
