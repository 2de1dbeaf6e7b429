/** Operations of the API: the cases of a programme, their events and history. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { Access, OperationSpec } from '../operation-spec.js';

const READERS: Access = ['admin', 'auditor', 'integrator', 'worker'];

/** Cases. */
export const CASE_OPERATIONS = [
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
      'CSV (`text/csv`, UTF-8, header row = data fields, plus optional `ref` and `district` columns; values are typed by the template\'s data schema; an empty cell leaves the field to its default) or NDJSON (`application/x-ndjson`, one `{ "data": {…}, "ref": "…", "district": "…" }` per line). `district` places a case below the programme\'s district, as in `POST /cases`. The body is parsed as it streams in, up to 20 MB. Every row is checked; valid rows are opened, invalid ones reported with their row and line numbers. `dedupe=ref` skips rows whose `ref` already exists; `dryRun=true` checks without writing. The answer counts every row and lists the first 1,000 cases and 1,000 refusals; when more cases were opened, `casesCursor` pages the rest through `GET /programmes/{id}/cases`.',
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
      {
        name: 'text',
        in: 'query',
        description:
          'Only cases whose `ref` or any top-level data value (a name, an address, a phone number) contains this text, ignoring case.',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'district',
        in: 'query',
        description:
          'Only cases in this district or below it (a street or committee of the programme).',
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
    description:
      'Oldest first, a page at a time: follow `nextCursor` (keyset on `seq`, so events appended meanwhile are neither repeated nor skipped). Pages hold 500 events unless `limit` asks for fewer.',
    access: READERS,
    parameters: [
      CURSOR_PARAMETER,
      { ...LIMIT_PARAMETER, description: 'Page size, 1 to 500 (default 500).' },
    ],
    success: { status: 200, schema: 'history' },
    problems: [403, 404],
  },
] as const satisfies readonly OperationSpec[];
