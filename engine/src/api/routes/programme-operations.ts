/** Operations of the API: programmes, their figures and their changes. */
import type { OperationSpec } from '../operation-spec.js';

/** Programmes. */
export const PROGRAMME_OPERATIONS = [
  {
    id: 'startProgramme',
    method: 'post',
    path: '/api/v1/programmes',
    tag: 'programmes',
    summary: 'Start a programme from a published template version',
    description:
      'Parameters are validated against the template and defaults filled; ledgers open with their opening balances. The district must lie in your own scope.',
    access: ['admin'],
    body: { schema: 'programme-create', types: ['application/json'] },
    success: { status: 201, schema: 'programme' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'listProgrammes',
    method: 'get',
    path: '/api/v1/programmes',
    tag: 'programmes',
    summary: 'Programmes in your districts, newest first',
    access: 'any',
    parameters: [
      {
        name: 'district',
        in: 'query',
        description: 'Only this district and below.',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'template',
        in: 'query',
        description: 'Only programmes of this template.',
        schema: { type: 'string', maxLength: 100 },
      },
      {
        name: 'status',
        in: 'query',
        description: 'Only programmes with this status.',
        schema: { type: 'string', enum: ['active', 'paused', 'closed'] },
      },
    ],
    success: { status: 200, schema: 'programme-list' },
    problems: [],
  },
  {
    id: 'getProgramme',
    method: 'get',
    path: '/api/v1/programmes/{id}',
    tag: 'programmes',
    summary: 'A programme with its ledger balances and parameter changes',
    access: 'any',
    success: { status: 200, schema: 'programme' },
    problems: [404],
  },
  {
    id: 'changeProgramme',
    method: 'patch',
    path: '/api/v1/programmes/{id}',
    tag: 'programmes',
    summary: 'Change parameters (recorded) or status (`active`, `paused`, `closed`)',
    access: ['admin'],
    body: {
      schema: 'programme-patch',
      types: ['application/json', 'application/merge-patch+json'],
    },
    success: { status: 200, schema: 'programme' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'getProgrammeStats',
    method: 'get',
    path: '/api/v1/programmes/{id}/stats',
    tag: 'programmes',
    summary: 'Cases by state, accepted events by type and day, ledger balances',
    access: 'any',
    parameters: [
      {
        name: 'tz',
        in: 'query',
        description: 'IANA time zone that days are counted in (default `Asia/Shanghai`).',
        schema: { type: 'string', maxLength: 64 },
      },
    ],
    success: { status: 200, schema: 'programme-stats' },
    problems: [404],
  },
] as const satisfies readonly OperationSpec[];
