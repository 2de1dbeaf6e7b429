/** What waits on the caller: the worklist and the notifications for their roles. */
import type { ApiContext } from '../api-context.js';
import { toCaseView } from './case-routes.js';
import { queryInt, queryValue } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { WORK_OPERATIONS } from './work-operations.js';

/** Handlers of the worklist and notification operations. */
export function workRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof WORK_OPERATIONS>> {
  return {
    async getWorklist(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      if (programmeId !== undefined) await ctx.store.getProgramme(programmeId, caller.scope);
      if (caller.programmeRoles.length === 0) return c.json({ items: [], nextCursor: null });
      const page = await ctx.store.worklist({
        roles: caller.programmeRoles,
        scope: caller.scope,
        programmeId,
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      const items = page.items.map((item) => ({
        case: toCaseView(item.case),
        programmeTitle: item.programmeTitle,
        templateId: item.templateId,
        waitingIn: item.waitingIn,
        nextEvents: item.nextEvents.map((e) => e.type),
      }));
      return c.json({ items, nextCursor: page.nextCursor });
    },
    async listNotifications(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      const caseId = queryValue(c, 'case');
      if (programmeId !== undefined) await ctx.store.getProgramme(programmeId, caller.scope);
      const seesAll = caller.system.has('admin') || caller.system.has('auditor');
      const page = await ctx.store.listNotifications({
        roles: seesAll ? undefined : caller.programmeRoles,
        scope: caller.scope,
        programmeId,
        caseId,
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      return c.json(page);
    },
  };
}
