/** Cases: open one, import many, list, read with next events, send events, history. */
import type { Context } from 'hono';
import type { CaseRecord } from '../../store/index.js';
import type { CaseCreate, EventRequest } from '../../contract/api-types.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import { answerJson } from '../api-headers.js';
import { caseReaderOf, readerOf, toStoreCaller } from '../caller.js';
import { badRequest } from '../http-problem.js';
import { importCases } from './import-cases.js';
import { queryBool, queryEnum, queryInt, queryValue, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { CASE_OPERATIONS } from './case-operations.js';

/** A case as the API shows it. */
export function toCaseView(record: CaseRecord) {
  return {
    id: record.id,
    programmeId: record.programmeId,
    ref: record.ref,
    state: record.state,
    value: record.value,
    data: record.data,
    version: record.version,
    assignee: record.assignee,
    district: record.district,
    done: record.done,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** `If-Match: 3` or `"3"` (an ETag as this API sends it) → 3. */
export function ifMatchOf(c: Context<ApiEnv>): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,8})"?\s*$/.exec(header);
  if (!match)
    throw badRequest(
      'invalid-if-match',
      `If-Match must be a case version such as "3", not ${JSON.stringify(header.slice(0, 40))}`,
    );
  return Number(match[1]);
}

function idempotencyKeyOf(c: Context<ApiEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw badRequest(
      'invalid-idempotency-key',
      'Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is a good choice)',
    );
  return key;
}

/** Handlers of the case operations. */
export function caseRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof CASE_OPERATIONS>> {
  return {
    async openCase(c) {
      const programmeId = c.req.param('id') ?? '';
      await ctx.store.getProgramme(programmeId, c.var.caller.scope);
      const input = await readJson<CaseCreate>(ctx, c, 'openCase');
      const record = await ctx.store.openCase(programmeId, input, toStoreCaller(c.var.caller));
      c.header('location', `/api/v1/cases/${record.id}`);
      c.header('etag', `"${record.version}"`);
      return c.json(toCaseView(await ctx.store.visibleCase(record, readerOf(c.var.caller))), 201);
    },
    async importCases(c) {
      const result = await importCases(ctx, c, c.req.param('id') ?? '', {
        dryRun: queryBool(c, 'dryRun'),
        dedupe: queryEnum(c, 'dedupe', ['ref']) === 'ref',
      });
      return c.json(result);
    },
    async listCases(c) {
      const page = await ctx.store.listCases(c.req.param('id') ?? '', {
        state: queryValue(c, 'state'),
        assignee: queryValue(c, 'assignee'),
        text: queryValue(c, 'text'),
        district: queryValue(c, 'district'),
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
        scope: c.var.caller.scope,
        viewer: readerOf(c.var.caller),
      });
      await ctx.store.recordCaseReads(
        page.items.map((item) => item.id),
        caseReaderOf(c.var.caller),
        'listCases',
      );
      return c.json({ items: page.items.map(toCaseView), nextCursor: page.nextCursor });
    },
    async getCase(c) {
      const detail = await ctx.store.caseDetail(c.req.param('id') ?? '', {
        scope: c.var.caller.scope,
        roles: c.var.caller.programmeRoles,
        viewer: readerOf(c.var.caller),
      });
      await ctx.store.recordCaseReads([detail.case.id], caseReaderOf(c.var.caller), 'getCase');
      c.header('etag', `"${detail.case.version}"`);
      return c.json({
        ...toCaseView(detail.case),
        template: detail.template,
        nextEvents: detail.nextEvents,
        assignment: detail.assignment,
        stateTitle: detail.stateTitle,
      });
    },
    async sendEvent(c) {
      const caller = c.var.caller;
      const ifMatch = ifMatchOf(c);
      const idempotencyKey = idempotencyKeyOf(c);
      const event = await readJson<EventRequest>(ctx, c, 'sendEvent');
      // The access-log row is written in the event's transaction, and the answer is projected
      // for the caller from the template version the case runs on: no query after the commit.
      const applied = await ctx.store.applyEvent(c.req.param('id') ?? '', event, {
        actorId: caller.actorId,
        roles: caller.programmeRoles,
        ifMatch,
        idempotencyKey,
        scope: caller.scope,
        read: { reader: caseReaderOf(caller), via: 'sendEvent' },
        viewer: readerOf(caller),
      });
      const view = applied.view!;
      const etag = `"${applied.case.version}"`;
      return answerJson(
        c,
        {
          case: toCaseView(view.case),
          seq: applied.seq,
          replayed: applied.replayed,
          stateTitle: view.stateTitle,
        },
        200,
        applied.replayed ? { etag, 'idempotent-replayed': 'true' } : { etag },
      );
    },
    async getCaseHistory(c) {
      const page = await ctx.store.caseHistoryPage(c.req.param('id') ?? '', {
        scope: c.var.caller.scope,
        viewer: readerOf(c.var.caller),
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      await ctx.store.recordCaseReads(
        [c.req.param('id') ?? ''],
        caseReaderOf(c.var.caller),
        'getCaseHistory',
      );
      return c.json({ items: page.items, nextCursor: page.nextCursor });
    },
  };
}
