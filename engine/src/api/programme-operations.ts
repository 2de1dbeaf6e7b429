/** Operations of the API: programmes and their cases. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from './operation-spec.js';
import type { Access, OperationSpec } from './operation-spec.js';

const READERS: Access = ['admin', 'auditor', 'integrator', 'worker'];

/** Programmes and their cases. */
export const PROGRAMME_OPERATIONS: readonly OperationSpec[] = [
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
    id: 'previewParams',
    method: 'post',
    path: '/api/v1/programmes/{id}/params/preview',
    tag: 'programmes',
    summary:
      'Preview a parameter change: which next transitions and timers of open cases it alters',
    description:
      'The body is as for `PATCH /programmes/{id}` (`{ "params": { … } }`), merged with the current values and validated the same way. For every open case, each event its active states handle (evaluated without a payload: guards that read the event\'s payload are not reported) and each pending timer is resolved under the current and the new parameters on the case\'s own data; the ones that would go elsewhere are listed, with counts by state, event and outcome. Nothing is changed. Timer delays are fixed durations, so no due time moves; a timer whose guard reads a parameter may fire differently.',
    access: ['admin', 'auditor'],
    body: { schema: 'params-preview-request', types: ['application/json'] },
    parameters: [
      {
        name: 'limit',
        in: 'query',
        description:
          'Affected cases to list, 0 to 5000 (default 500); the summary counts them all.',
        schema: { type: 'integer', minimum: 0, maximum: 5000 },
      },
    ],
    success: { status: 200, schema: 'params-preview' },
    problems: [403, 404, 413, 415, 422],
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
  {
    id: 'openCase',
    method: 'post',
    path: '/api/v1/programmes/{id}/cases',
    tag: 'cases',
    summary: 'Open a case',
    access: ['admin', 'integrator'],
    body: { schema: 'case-create', types: ['application/json'] },
    success: { status: 201, schema: 'case' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'importCases',
    method: 'post',
    path: '/api/v1/programmes/{id}/cases/import',
    tag: 'cases',
    summary: 'Open many cases from CSV or NDJSON',
    description:
      'CSV (`text/csv`, UTF-8, header row = data fields, plus an optional `ref` column; values are typed by the template\'s data schema; an empty cell leaves the field to its default) or NDJSON (`application/x-ndjson`, one `{ "data": {…}, "ref": "…" }` per line). The body is parsed as it streams in, up to 20 MB. Every row is checked; valid rows are opened, invalid ones reported with their row and line numbers. `dedupe=ref` skips rows whose `ref` already exists; `dryRun=true` checks without writing.',
    access: ['admin', 'integrator'],
    body: { types: ['text/csv', 'application/x-ndjson'] },
    parameters: [
      {
        name: 'dryRun',
        in: 'query',
        description: 'Check every row and report, but open no case.',
        schema: { type: 'boolean' },
      },
      {
        name: 'dedupe',
        in: 'query',
        description:
          '`ref`: skip rows whose `ref` is already a case of the programme (or appeared earlier in the file) instead of reporting them as errors.',
        schema: { type: 'string', enum: ['ref'] },
      },
    ],
    success: { status: 200, schema: 'import-result' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'listCases',
    method: 'get',
    path: '/api/v1/programmes/{id}/cases',
    tag: 'cases',
    summary: "A programme's cases, oldest first, a page at a time",
    access: READERS,
    parameters: [
      {
        name: 'state',
        in: 'query',
        description:
          'Only cases where this state is active (`enrolled` also matches `enrolled.prepared`).',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'assignee',
        in: 'query',
        description: 'Only cases assigned to this worker id.',
        schema: { type: 'string', maxLength: 200 },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'case-list' },
    problems: [403, 404],
  },
  {
    id: 'getCase',
    method: 'get',
    path: '/api/v1/cases/{id}',
    tag: 'cases',
    summary: 'A case, and the events you may send it now with their forms',
    description: 'The `ETag` header carries the case version, for `If-Match`.',
    access: READERS,
    success: { status: 200, schema: 'case-detail' },
    problems: [403, 404],
  },
  {
    id: 'sendEvent',
    method: 'post',
    path: '/api/v1/cases/{id}/events',
    tag: 'cases',
    summary: 'Send an event to a case',
    description:
      "403: none of your roles may send this event. 409: not accepted in the current state, no guard held, a ledger would go below zero, the programme is not active, or `If-Match` is not the current version. 422: the payload does not match the event's form. A retry with the same `Idempotency-Key` returns the first answer and applies nothing twice.",
    access: ['admin', 'integrator', 'worker'],
    body: { schema: 'event-request', types: ['application/json'] },
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        description: 'Any unique string (1–200 characters) per logical request; retries reuse it.',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
      {
        name: 'If-Match',
        in: 'header',
        description: 'Apply only if the case is at this version (`3` or `"3"`, as in the ETag).',
        schema: { type: 'string', maxLength: 20 },
      },
    ],
    success: { status: 200, schema: 'event-result' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'getCaseHistory',
    method: 'get',
    path: '/api/v1/cases/{id}/history',
    tag: 'cases',
    summary: 'Every accepted event of a case: seq, type, payload, actor, from, to, time',
    access: READERS,
    success: { status: 200, schema: 'history' },
    problems: [403, 404],
  },
];
