/** What waits on the caller: the worklist, reassignment, and the notifications for their roles. */
import {
  countUnread,
  getProgramme,
  listNotifications,
  markNotificationsRead,
  matchAssignees,
  nextEvents,
  reassignCase,
  worklist,
} from '../../store/index.js';
import type { AssigneeChange, NotificationRead } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import type { Caller } from '../caller.js';
import { toStoreCaller } from '../caller.js';
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
      if (programmeId !== undefined) await getProgramme(ctx.store, programmeId, caller.scope);
      const since = sinceOf(queryValue(c, 'since', 40));
      const page = await worklist(ctx.store, {
        roles: caller.programmeRoles,
        person: personOf(caller),
        scope: caller.scope,
        programmeId,
        state: queryValue(c, 'state'),
        text: queryValue(c, 'q', 100),
        since,
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
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
      const record = await reassignCase(
        ctx.store,
        c.req.param('id') ?? '',
        written === '' ? null : written,
        toStoreCaller(caller),
        ifMatch,
      );
      const programme = await getProgramme(ctx.store, record.programmeId);
      const compiled = await ctx.store.templates.compiled(
        programme.templateId,
        programme.templateVersion,
        ctx.store.sql,
      );
      const [assignment] = await matchAssignees(ctx.store, [record]);
      c.header('etag', `"${record.version}"`);
      return c.json({
        ...toCaseView(record),
        template: { id: programme.templateId, version: programme.templateVersion },
        nextEvents: nextEvents(compiled, record, caller.programmeRoles),
        assignment: assignment ?? null,
      });
    },
    async listNotifications(c) {
      const caller = c.var.caller;
      const programmeId = queryValue(c, 'programme');
      const caseId = queryValue(c, 'case');
      if (programmeId !== undefined) await getProgramme(ctx.store, programmeId, caller.scope);
      const visible = notificationsVisibleTo(caller);
      const [page, unread] = await Promise.all([
        listNotifications(ctx.store, {
          ...visible,
          reader: caller.actorId,
          unreadOnly: queryBool(c, 'unread'),
          programmeId,
          caseId,
          cursor: queryValue(c, 'cursor', 500),
          limit: queryInt(c, 'limit', 1, 500),
        }),
        countUnread(ctx.store, { ...visible, reader: caller.actorId }),
      ]);
      return c.json({ ...page, unread });
    },
    async markNotificationsRead(c) {
      const caller = c.var.caller;
      const body = await readJson<NotificationRead>(ctx, c, 'markNotificationsRead');
      const visible = notificationsVisibleTo(caller);
      const changed = await markNotificationsRead(
        ctx.store,
        body.ids,
        caller.actorId,
        body.read ?? true,
        visible,
      );
      const unread = await countUnread(ctx.store, { ...visible, reader: caller.actorId });
      return c.json({ changed, unread });
    },
  };
}
