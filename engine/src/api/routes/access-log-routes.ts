/** The access log: reads per case, per reader, and the readers flagged for reading many cases. */
import type { CaseReadRecord } from '../../store/index.js';
import type { ApiContext } from '../api-context.js';
import { badRequest } from '../http-problem.js';
import { queryInt, queryValue } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { ACCESS_LOG_OPERATIONS } from './access-log-operations.js';

const WEEK_MS = 7 * 24 * 3_600_000;

function toReadView(r: CaseReadRecord) {
  return {
    id: r.id,
    caseId: r.caseId,
    programmeId: r.programmeId,
    district: r.district,
    reader: r.reader,
    readerKind: r.readerKind,
    via: r.via,
    at: r.at,
  };
}

/** Handlers of the access-log operations. */
export function accessLogRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof ACCESS_LOG_OPERATIONS>> {
  return {
    async listCaseReads(c) {
      const caseId = c.req.param('id') ?? '';
      await ctx.store.getCase(caseId, c.var.caller.scope);
      const page = await ctx.store.listCaseReads({
        caseId,
        scope: c.var.caller.scope,
        cursor: queryValue(c, 'cursor', 40),
        limit: queryInt(c, 'limit', 1, 500),
      });
      return c.json({ items: page.items.map(toReadView), nextCursor: page.nextCursor });
    },
    async listAccessLog(c) {
      const page = await ctx.store.listCaseReads({
        reader: queryValue(c, 'reader'),
        programmeId: queryValue(c, 'programme'),
        scope: c.var.caller.scope,
        cursor: queryValue(c, 'cursor', 40),
        limit: queryInt(c, 'limit', 1, 500),
      });
      return c.json({ items: page.items.map(toReadView), nextCursor: page.nextCursor });
    },
    async listAccessFlags(c) {
      const threshold = queryInt(c, 'threshold', 1, 100_000) ?? 50;
      const windowMinutes = queryInt(c, 'window', 1, 10_080) ?? 60;
      const sinceText = queryValue(c, 'since', 40);
      const since =
        sinceText === undefined
          ? new Date(ctx.store.clock.now().getTime() - WEEK_MS)
          : new Date(sinceText);
      if (Number.isNaN(since.getTime()))
        throw badRequest(
          'invalid-since',
          `since must be a time such as 2026-12-01T08:00:00Z, not ${JSON.stringify(sinceText)}`,
        );
      const items = await ctx.store.accessFlags({
        scope: c.var.caller.scope,
        since,
        threshold,
        windowMinutes,
      });
      return c.json({ threshold, windowMinutes, since, items });
    },
  };
}
