/** Opening cases and reading them back. */
import { sql } from 'drizzle-orm';
import type { EngineError } from '../errors/engine-error.js';
import {
  DuplicateCaseRefError,
  NotFoundError,
  ProgrammeNotActiveError,
} from '../errors/engine-error.js';
import { startCase } from '../runtime/step-case.js';
import { validateCaseData } from '../runtime/validate-case-input.js';
import { activeStateIds } from '../runtime/active-state-ids.js';
import { matchAssignees } from './assignee-people.js';
import { stateTitle } from '../runtime/worker-card.js';
import type { Label } from '../template/template.js';
import type { AssigneeMatch } from './assignee-people.js';
import { CASE_COLUMNS, newCaseRecord, toCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import { checkStorable } from './check-storable.js';
import { caseDistrict, inScope, scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { newCaseId } from './new-case-id.js';
import { nextEvents } from './next-events.js';
import type { NextEvent } from './next-events.js';
import { cursorTime, fromCursor, pageLimit, toCursor, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import { databaseErrorOf, jsonb, settleStatements, textArray } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';
import type { Reader } from '../template/privacy-marks.js';
import { hiddenFields, projectCase, projectEventPayload } from './visible-case.js';
import { writeStepEffects } from './write-step-effects.js';
import { caseTemplateVersion } from './case-template-version.js';

/** A new case: its data (validated against the template's `data`) and an optional unique ref. */
export interface OpenCaseInput {
  data: Record<string, unknown>;
  ref?: string | null | undefined;
  /** The programme's district (the default) or a district below it. */
  district?: string | null | undefined;
}

/** One row of a bulk open: the case, or why it was refused. */
export type OpenCaseOutcome = { ok: true; case: CaseRecord } | { ok: false; error: EngineError };

/** Filters and paging for a programme's cases. */
export interface CaseListQuery {
  /** A state id (`enrolled`, `enrolled.waiting`): cases where it is active. */
  state?: string | undefined;
  assignee?: string | undefined;
  /** Text found in the ref or in any top-level data value (a name, an address), ignoring case. */
  text?: string | undefined;
  /** Only cases in this district or below it (a street of a district's programme). */
  district?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  scope?: string | undefined;
  /** Who reads: their data is projected to what they may see (default: no marked field). */
  viewer?: Reader | undefined;
}

/** One accepted event of a case. */
export interface HistoryRecord {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
  roles: string[] | null;
  from: string | null;
  to: string;
  at: Date;
}

/** Open a case: data validated, the initial state entered, its effects written; history seq 1. */
export async function openCase(
  ctx: StoreContext,
  programmeId: string,
  input: OpenCaseInput,
  caller: Caller,
): Promise<CaseRecord> {
  if (!isUuid(programmeId)) throw new NotFoundError('programme', programmeId);
  checkStorable('case', { data: input.data, ref: input.ref ?? '' });
  const now = ctx.clock.now();
  const id = newCaseId();
  const ref = input.ref ?? null;
  try {
    return await ctx.sql.transaction(async (tx) => {
      const [programme] = await tx.query<{
        template_id: string;
        template_version: number;
        params: Record<string, unknown>;
        status: string;
        district: string;
        ledger: Record<string, number>;
      }>(sql`
        select template_id, template_version, params, status, district,
               coalesce((select json_object_agg(name, balance) from ledgers where programme_id = p.id), '{}'::json) as ledger
        from programmes p where id = ${programmeId}`);
      if (!programme || !inScope(programme.district, caller.scope))
        throw new NotFoundError('programme', programmeId);
      if (programme.status !== 'active')
        throw new ProgrammeNotActiveError(programmeId, programme.status);
      const compiled = await ctx.templates.compiled(
        programme.template_id,
        programme.template_version,
        tx,
      );
      const data = validateCaseData(compiled, input.data);
      const district = caseDistrict(programme.district, input.district);
      const ledger = Object.fromEntries(
        Object.entries(programme.ledger).map(([name, balance]) => [name, Number(balance)]),
      );
      const result = startCase(compiled, data, { params: programme.params, ledger, now });
      const record = newCaseRecord({ id, programmeId, ref, district }, result, caller.actorId, now);
      const state = record.state;
      const writes = [
        tx.query(sql`
          insert into cases (id, programme_id, ref, state, active_states, value, data, version, assignee, district, done, created_by, created_at, updated_at)
          values (${id}, ${programmeId}, ${ref}, ${state}, ${textArray(activeStateIds(result.value))}, ${jsonb(result.value)}, ${jsonb(result.data)}, 1,
                  ${result.assignee}, ${district}, ${result.done}, ${caller.actorId}, ${now}, ${now})`),
        tx.query(sql`
          insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
          values (${id}, 1, '(open)', ${jsonb(data)}, ${caller.actorId}, null, ${state}, ${now})`),
        ...writeStepEffects(
          tx,
          {
            programmeId,
            caseId: id,
            district,
            seq: 1,
            actorId: caller.actorId,
            now,
            ledgerBefore: ledger,
            state,
          },
          result,
        ),
      ];
      tx.commitEarly();
      await settleStatements(writes);
      return record;
    });
  } catch (error) {
    if (ref !== null && databaseErrorOf(error)?.constraint === 'cases_programme_ref_idx')
      throw new DuplicateCaseRefError(programmeId, ref);
    throw error;
  }
}

/** One case in the caller's scope. */
export async function getCase(
  ctx: StoreContext,
  caseId: string,
  scope?: string,
): Promise<CaseRecord> {
  const [row] = isUuid(caseId)
    ? await ctx.sql.query(sql`select ${CASE_COLUMNS} from cases c where c.id = ${caseId}`)
    : [];
  if (!row || !inScope(row.district as string, scope)) throw new NotFoundError('case', caseId);
  return toCaseRecord(row);
}

/** A case with its template version and the events the caller may send to it now. */
export interface CaseDetail {
  case: CaseRecord;
  template: { id: string; version: number };
  nextEvents: NextEvent[];
  /** The assignee matched to a person of the case's district; null without an assignee. */
  assignment: AssigneeMatch | null;
  /** Title of the state the case is in (the innermost active state that has one). */
  stateTitle: Label | null;
}

/** One case in the caller's scope, read with its template version and next events (`roles`: the caller's). */
export async function caseDetail(
  ctx: StoreContext,
  caseId: string,
  caller: {
    scope?: string | undefined;
    roles?: readonly string[] | undefined;
    /** Who reads: the data is projected to what they may see (default: no marked field). */
    viewer?: Reader | undefined;
  },
): Promise<CaseDetail> {
  const record = await getCase(ctx, caseId, caller.scope);
  const { compiled, id, version } = await caseTemplateVersion(ctx, record.id);
  return {
    case: projectCase(compiled.template, record, caller.viewer),
    template: { id, version },
    nextEvents: nextEvents(compiled, record, caller.roles),
    assignment: (await matchAssignees(ctx, [record]))[0] ?? null,
    stateTitle: stateTitle(compiled, record.value),
  };
}

/** Title of the state a stored case is in, from the template version it runs on. */
export async function caseStateTitle(ctx: StoreContext, record: CaseRecord): Promise<Label | null> {
  const { compiled } = await caseTemplateVersion(ctx, record.id);
  return stateTitle(compiled, record.value);
}

/** A programme's cases, oldest first, filtered by active state and assignee, a page at a time. */
export async function listCases(
  ctx: StoreContext,
  programmeId: string,
  query: CaseListQuery = {},
): Promise<Page<CaseRecord>> {
  const [programme] = isUuid(programmeId)
    ? await ctx.sql.query<{ district: string; template_id: string; template_version: number }>(
        sql`select district, template_id, template_version from programmes where id = ${programmeId}`,
      )
    : [];
  if (!programme || !inScope(programme.district, query.scope))
    throw new NotFoundError('programme', programmeId);
  const { template } = await compiledTemplate(
    ctx,
    programme.template_id,
    programme.template_version,
  );
  const hidden = hiddenFields(template, query.viewer);
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? null : fromCursor(query.cursor);
  const rows = await ctx.sql.query(sql`
    select ${CASE_COLUMNS}, ${cursorTime(sql`c.created_at`)} as cursor_at,
      c.template_version as own_version from cases c
    where c.programme_id = ${programmeId}
      ${query.state === undefined ? sql`` : sql`and c.active_states @> ${textArray([query.state])}`}
      ${query.assignee === undefined ? sql`` : sql`and c.assignee = ${query.assignee}`}
      ${query.district === undefined ? sql`` : sql`and ${scopeCondition(sql`c.district`, query.district)}`}
      ${query.text === undefined || query.text === '' ? sql`` : textCondition(query.text, hidden)}
      ${after === null ? sql`` : sql`and (c.created_at, c.id) > (${after.at}::text::timestamptz, ${after.id}::uuid)`}
    order by c.created_at, c.id limit ${limit + 1}`);
  const page = toPage(rows, limit, (last) => toCursor(last.cursor_at as string, last.id as string));
  // A case left on an older version by a migration is projected by that version's marks.
  const templates = new Map([[programme.template_version, template]]);
  for (const row of page.items) {
    const own = row.own_version === null ? undefined : Number(row.own_version);
    if (own !== undefined && !templates.has(own))
      templates.set(own, (await compiledTemplate(ctx, programme.template_id, own)).template);
  }
  return {
    items: page.items.map((row) =>
      projectCase(
        templates.get(
          row.own_version === null ? programme.template_version : Number(row.own_version),
        )!,
        toCaseRecord(row),
        query.viewer,
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

/**
 * The `listCases` cursor whose page starts at case `caseId` (which exists): the position after
 * its `created_at` and the smallest id, so it and every later case follow.
 */
export async function caseListCursorAt(ctx: StoreContext, caseId: string): Promise<string> {
  const [row] = await ctx.sql.query<{ at: string }>(
    sql`select ${cursorTime(sql`created_at`)} as at from cases where id = ${caseId}`,
  );
  return toCursor(row!.at, '00000000-0000-0000-0000-000000000000');
}

/**
 * `ILIKE` on the ref and on each top-level data value the reader may see (a search must not tell
 * what a hidden field holds); `%` and `_` typed by a person are literal.
 */
function textCondition(text: string, hidden: readonly string[]) {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`and (c.ref ilike ${pattern} or exists (
    select 1 from jsonb_each_text(c.data) as field
    where field.value ilike ${pattern} and not (field.key = any(${textArray([...hidden])}))))`;
}

/** Every accepted event of a case, in order. */
export async function caseHistory(
  ctx: StoreContext,
  caseId: string,
  scope?: string,
): Promise<HistoryRecord[]> {
  await getCase(ctx, caseId, scope);
  const rows = await ctx.sql.query(sql`
    select ${HISTORY_COLUMNS} from case_history where case_id = ${caseId} order by seq`);
  return rows.map(toHistoryRecord);
}

/** Where a page of history starts and how long it is. */
export interface HistoryPageQuery {
  scope?: string | undefined;
  /** Who reads: payloads are projected to what they may see (default: no marked field). */
  viewer?: Reader | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** 1 to 500; default 500, so most cases' history is one page. */
  limit?: number | undefined;
}

/**
 * A case's history a page at a time, keyset on `seq` (strictly increasing within a case, never
 * reused), so a page boundary never repeats or skips an event while events are appended.
 */
export async function caseHistoryPage(
  ctx: StoreContext,
  caseId: string,
  query: HistoryPageQuery = {},
): Promise<Page<HistoryRecord>> {
  const after = query.cursor === undefined ? 0 : fromHistoryCursor(query.cursor);
  const record = await getCase(ctx, caseId, query.scope);
  const { template } = (await caseTemplateVersion(ctx, record.id)).compiled;
  const limit = pageLimit(query.limit ?? HISTORY_PAGE_DEFAULT);
  const rows = await ctx.sql.query(sql`
    select ${HISTORY_COLUMNS} from case_history where case_id = ${caseId} and seq > ${after}
    order by seq limit ${limit + 1}`);
  const page = toPage(rows.map(toHistoryRecord), limit, (last) => toHistoryCursor(last.seq));
  return {
    ...page,
    items: page.items.map((entry) => ({
      ...entry,
      payload: projectEventPayload(template, entry.type, entry.payload, query.viewer),
    })),
  };
}

/** History page size when none is asked for. */
export const HISTORY_PAGE_DEFAULT = 500;

const HISTORY_COLUMNS = sql.raw('seq, event_type, payload, actor, roles, from_state, to_state, at');

function toHistoryRecord(row: Record<string, unknown>): HistoryRecord {
  return {
    seq: row.seq as number,
    type: row.event_type as string,
    payload: row.payload as Record<string, unknown>,
    actor: row.actor as string | null,
    roles: row.roles as string[] | null,
    from: row.from_state as string | null,
    to: row.to_state as string,
    at: row.at as Date,
  };
}

/** The cursor after history row `seq`. */
function toHistoryCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString('base64url');
}

/** The `seq` a history cursor continues after; a forged one is refused as not found. */
function fromHistoryCursor(cursor: string): number {
  try {
    const { seq } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      seq?: unknown;
    };
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1) return seq;
  } catch {
    // Not base64url JSON: refused below like any other forged cursor.
  }
  throw new NotFoundError('cursor', cursor);
}
