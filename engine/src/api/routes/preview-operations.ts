/** Operations of the API: the rule-change preview of a programme. */
import type { OperationSpec } from '../operation-spec.js';

/** What a parameter change would alter, before it is made. */
export const PREVIEW_OPERATIONS = [
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
] as const satisfies readonly OperationSpec[];
