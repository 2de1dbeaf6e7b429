/** Operations of the API: what waits on a caller: the worklist and notifications. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { OperationSpec } from '../operation-spec.js';

/** What waits on a caller: the worklist and notifications. */
export const WORK_OPERATIONS = [
  {
    id: 'getWorklist',
    method: 'get',
    path: '/api/v1/worklist',
    tag: 'work',
    summary: 'Open cases waiting on your roles, in your districts, longest waiting first',
    access: 'any',
    parameters: [
      {
        name: 'programme',
        in: 'query',
        description: 'Only cases of this programme.',
        schema: { type: 'string', format: 'uuid' },
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
    summary: 'Messages from `notify` actions for your roles, newest first',
    description:
      'Admins, auditors and the owner see the messages for every role in their districts.',
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
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'notification-list' },
    problems: [],
  },
] as const satisfies readonly OperationSpec[];
