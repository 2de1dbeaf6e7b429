/** Operations of the API: what waits on a caller: the worklist, assignments and notifications. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { OperationSpec } from '../operation-spec.js';

/** What waits on a caller: the worklist and notifications. */
export const WORK_OPERATIONS = [
  {
    id: 'getWorklist',
    method: 'get',
    path: '/api/v1/worklist',
    tag: 'work',
    summary: 'Open cases waiting on you: yours first, then by deadline, then longest waiting',
    description:
      'A case waits on a role when an event that role may send is accepted in one of its active states: a transition for it exists there and has no guard, a guard that reads the event payload, or a guard that holds for the case now. Each item carries the events you may send with their forms, and the deadline (the earliest pending timer). With `since` (the `asOf` of an earlier answer) only cases changed after it are listed, and `removed` names those that no longer wait on you.',
    access: 'any',
    parameters: [
      {
        name: 'programme',
        in: 'query',
        description: 'Only cases of this programme.',
        schema: { type: 'string', format: 'uuid' },
      },
      {
        name: 'state',
        in: 'query',
        description:
          'Only cases with this state active (`enrolled.atGate`, or a parent such as `enrolled`).',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'q',
        in: 'query',
        description: "Part of the case's name, address or ref, any case.",
        schema: { type: 'string', maxLength: 100 },
      },
      {
        name: 'since',
        in: 'query',
        description: 'The `asOf` of an earlier answer: only cases changed after it.',
        schema: { type: 'string', format: 'date-time' },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'worklist' },
    problems: [404],
  },
  {
    id: 'listNotifications',
    method: 'get',
    path: '/api/v1/notifications',
    tag: 'work',
    summary: 'Messages from `notify` actions for your roles and your cases, newest first',
    description:
      'Admins, auditors and the owner see the messages for every role in their districts. Each carries your read flag; `unread` counts yours.',
    access: 'any',
    parameters: [
      {
        name: 'programme',
        in: 'query',
        description: 'Only messages of this programme.',
        schema: { type: 'string', format: 'uuid' },
      },
      {
        name: 'case',
        in: 'query',
        description: 'Only messages about this case.',
        schema: { type: 'string', format: 'uuid' },
      },
      {
        name: 'unread',
        in: 'query',
        description: 'Only the ones you have not read.',
        schema: { type: 'boolean' },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'notification-list' },
    problems: [],
  },
  {
    id: 'markNotificationsRead',
    method: 'post',
    path: '/api/v1/notifications/read',
    tag: 'work',
    summary: 'Mark notifications read (or unread again) for you',
    access: 'any',
    body: { schema: 'notification-read', types: ['application/json'] },
    success: { status: 200, schema: 'notification-read-result' },
    problems: [413, 415, 422],
  },
  {
    id: 'reassignCase',
    method: 'post',
    path: '/api/v1/cases/{id}/assignee',
    tag: 'work',
    summary: 'Reassign a case to a person (admins)',
    description:
      "Recorded in the history as `(reassign)` and moves the case's version on. An assignee that names nobody in the case's district is kept and flagged (`assignment.person` null).",
    access: ['admin'],
    body: { schema: 'assignee-change', types: ['application/json'] },
    parameters: [
      {
        name: 'If-Match',
        in: 'header',
        description: 'Apply only if the case is at this version (`3` or `"3"`, as in the ETag).',
        schema: { type: 'string', maxLength: 20 },
      },
    ],
    success: { status: 200, schema: 'case-detail' },
    problems: [403, 404, 409, 413, 415, 422],
  },
] as const satisfies readonly OperationSpec[];
