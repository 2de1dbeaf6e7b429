/** What waits on the caller: the worklist, reassignment, and the notifications for their roles. */
import type { AssigneeChange, NotificationRead } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import type { Caller } from '../caller.js';
import { caseReaderOf, readerOf, toStoreCaller } from '../caller.js';
import { badRequest } from '../http-problem.js';
import { ifMatchOf, toCaseView } from './case-routes.js';
import { queryBool, queryInt, queryValue, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { WORK_OPERATIONS } from './work-operations.js';

/** The person behind a session, as an assignee names them (a key has no cases of its own). */
const personOf = (caller: Caller) =>
  caller.person ? { id: caller.person.id, login: caller.person.login } : undefined;

/** Admins, auditors and the owner read every role's messages in their districts. */
const notificationsVisibleTo = (caller: Caller) => {
  const seesAll = caller.system.has('admin') || caller.system.has('auditor');
  return {
    roles: seesAll ? undefined : caller.programmeRoles,
    assignedTo: personOf(caller),
    scope: caller.scope,
  };
};

function sinceOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime()))
    throw badRequest(
      'invalid-since',
      `since must be a time such as the answer's asOf, not ${JSON.stringify(text.slice(0, 40))}`,
    );
  return at;
}

/** Handlers of the worklist, reassignment and notification operations. */
export function workRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof WORK_OPERATIONS>> {
  return {
    async getWorklist(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      if (programmeId !== undefined) await ctx.store.getProgramme(programmeId, caller.scope);
      const since = sinceOf(queryValue(c, 'since', 40));
      const page = await ctx.store.worklist({
        roles: caller.programmeRoles,
        person: personOf(caller),
        scope: caller.scope,
        programmeId,
        state: queryValue(c, 'state'),
        text: queryValue(c, 'q', 100),
        since,
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
        viewer: readerOf(caller),
      });
      await ctx.store.recordCaseReads(
        page.items.map((item) => item.case.id),
        caseReaderOf(caller),
        'getWorklist',
      );
      return c.json({
        items: page.items.map((item) => ({
          case: toCaseView(item.case),
          programmeTitle: item.programmeTitle,
          templateId: item.templateId,
          templateVersion: item.templateVersion,
          waitingIn: item.waitingIn,
          nextEvents: item.nextEvents,
          stateTitle: item.stateTitle,
          card: item.card,
          eventTitles: item.eventTitles,
          deadline: item.deadline,
          mine: item.mine,
          assignment: item.assignment,
        })),
        nextCursor: page.nextCursor,
        asOf: page.asOf,
        removed: page.removed,
      });
    },
    async reassignCase(c) {
      const caller = c.var.caller;
      const ifMatch = ifMatchOf(c);
      const { assignee } = await readJson<AssigneeChange>(ctx, c, 'reassignCase');
      const written = assignee === null ? null : assignee.trim();
      const id = c.req.param('id') ?? '';
      await ctx.store.reassignCase(
        id,
        written === '' ? null : written,
        toStoreCaller(caller),
        ifMatch,
      );
      // Read back as `GET /cases/{id}` answers, with the new assignment matched.
      const detail = await ctx.store.caseDetail(id, {
        scope: caller.scope,
        roles: caller.programmeRoles,
        viewer: readerOf(caller),
      });
      await ctx.store.recordCaseReads([detail.case.id], caseReaderOf(caller), 'reassignCase');
      c.header('etag', `"${detail.case.version}"`);
      return c.json({
        ...toCaseView(detail.case),
        template: detail.template,
        nextEvents: detail.nextEvents,
        assignment: detail.assignment,
        stateTitle: detail.stateTitle,
      });
    },
    async listNotifications(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      const caseId = queryValue(c, 'case');
      if (programmeId !== undefined) await ctx.store.getProgramme(programmeId, caller.scope);
      const visible = notificationsVisibleTo(caller);
      const [page, unread] = await Promise.all([
        ctx.store.listNotifications({
          ...visible,
          reader: caller.actorId,
          unreadOnly: queryBool(c, 'unread'),
          programmeId,
          caseId,
          cursor: queryValue(c, 'cursor', 500),
          limit: queryInt(c, 'limit', 1, 500),
        }),
        ctx.store.countUnread({ ...visible, reader: caller.actorId }),
      ]);
      return c.json({ ...page, unread });
    },
    async markNotificationsRead(c) {
      const caller = c.var.caller;
      const body = await readJson<NotificationRead>(ctx, c, 'markNotificationsRead');
      const visible = notificationsVisibleTo(caller);
      const changed = await ctx.store.markNotificationsRead(
        body.ids,
        caller.actorId,
        body.read ?? true,
        visible,
      );
      const unread = await ctx.store.countUnread({ ...visible, reader: caller.actorId });
      return c.json({ changed, unread });
    },
  };
}
