/** What waits on the caller: the worklist and the notifications for their roles. */
import { getProgramme } from '../../store/programme-repository.js';
import { listNotifications } from '../../store/notification-repository.js';
import { worklist } from '../../store/worklist-repository.js';
import type { ApiContext } from '../api-context.js';
import { toCaseView } from './case-routes.js';
import { nextEvents } from '../../store/next-events.js';
import { queryInt, queryValue } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { WORK_OPERATIONS } from './work-operations.js';

/** Handlers of the worklist and notification operations. */
export function workRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof WORK_OPERATIONS>> {
  return {
    async getWorklist(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      if (programmeId !== undefined) await getProgramme(ctx.store, programmeId, caller.scope);
      if (caller.programmeRoles.length === 0) return c.json({ items: [], nextCursor: null });
      const page = await worklist(ctx.store, {
        roles: caller.programmeRoles,
        scope: caller.scope,
        programmeId,
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      const items = [];
      const programmes = new Map<string, Awaited<ReturnType<typeof getProgramme>>>();
      for (const item of page.items) {
        let programme = programmes.get(item.case.programmeId);
        if (!programme) {
          programme = await getProgramme(ctx.store, item.case.programmeId);
          programmes.set(programme.id, programme);
        }
        const compiled = await ctx.store.templates.compiled(
          programme.templateId,
          programme.templateVersion,
          ctx.store.sql,
        );
        items.push({
          case: toCaseView(item.case),
          programmeTitle: item.programmeTitle,
          templateId: item.templateId,
          waitingIn: item.waitingIn,
          nextEvents: nextEvents(compiled, item.case, caller.programmeRoles).map((e) => e.type),
        });
      }
      return c.json({ items, nextCursor: page.nextCursor });
    },
    async listNotifications(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      const caseId = queryValue(c, 'case');
      if (programmeId !== undefined) await getProgramme(ctx.store, programmeId, caller.scope);
      const seesAll = caller.system.has('admin') || caller.system.has('auditor');
      const page = await listNotifications(ctx.store, {
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
