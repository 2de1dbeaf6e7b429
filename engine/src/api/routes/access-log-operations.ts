/** Operations of the API: the access log of case reads, for auditors. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { Access, OperationSpec } from '../operation-spec.js';

const AUDITORS: Access = ['admin', 'auditor'];

/** The access log. */
export const ACCESS_LOG_OPERATIONS = [
  {
    id: 'listCaseReads',
    method: 'get',
    path: '/api/v1/cases/{id}/reads',
    tag: 'access',
    summary: 'Who read this case, when, and through which endpoint, newest first',
    access: AUDITORS,
    parameters: [CURSOR_PARAMETER, LIMIT_PARAMETER],
    success: { status: 200, schema: 'case-read-list' },
    problems: [403, 404],
  },
  {
    id: 'listAccessLog',
    method: 'get',
    path: '/api/v1/access-log',
    tag: 'access',
    summary: 'Case reads in your districts, newest first, by reader or programme',
    access: AUDITORS,
    parameters: [
      {
        name: 'reader',
        in: 'query',
        description: 'Only reads by this person id or key id.',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'programme',
        in: 'query',
        description: 'Only reads of this programme’s cases.',
        schema: { type: 'string', maxLength: 200 },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'case-read-list' },
    problems: [403],
  },
  {
    id: 'listAccessFlags',
    method: 'get',
    path: '/api/v1/access-log/flags',
    tag: 'access',
    summary:
      'Readers who read more than `threshold` cases of one programme within `window` minutes',
    description:
      'Counted over whole windows since `since` (default: the last 7 days). Defaults: 50 cases in 60 minutes.',
    access: AUDITORS,
    parameters: [
      {
        name: 'threshold',
        in: 'query',
        description: 'Flag more than this many distinct cases (1–100000, default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 100000 },
      },
      {
        name: 'window',
        in: 'query',
        description: 'Window length in minutes (1–10080, default 60).',
        schema: { type: 'integer', minimum: 1, maximum: 10080 },
      },
      {
        name: 'since',
        in: 'query',
        description: 'Only reads from this time on (ISO 8601).',
        schema: { type: 'string', format: 'date-time' },
      },
    ],
    success: { status: 200, schema: 'access-flag-list' },
    problems: [400, 403],
  },
] as const satisfies readonly OperationSpec[];
