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
    id: 'migrateProgramme',
    method: 'post',
    path: '/api/v1/programmes/{id}/migrate',
    tag: 'programmes',
    summary: 'Move the running cases to a newer published version (dry run first)',
    description:
      "States are mapped by key when the key still exists, by `stateMap` otherwise; missing required data comes from the template's defaults, then `dataDefaults`; parameters are re-validated (422 when they do not fit). `dryRun: true` answers the plan of every case (its new state, timers kept, cancelled or armed, fields filled) and writes nothing. Applying moves nothing unless every case can move (409 `migration-refused`, naming the cases) or `onlyMovable` is set; it writes one transaction per batch, each case getting a `migrated` history entry with both versions; events keep being accepted meanwhile. Retrying resumes where a failure stopped and moves nothing twice. The programme's changes list the migration.",
    access: ['admin'],
    body: { schema: 'programme-migrate', types: ['application/json'] },
    success: { status: 200, schema: 'programme-migration' },
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
