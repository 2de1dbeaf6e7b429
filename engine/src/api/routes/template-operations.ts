/** Operations of the API: templates: validate, store drafts, publish, read. */
import type { Access, OperationSpec } from '../operation-spec.js';

const TEMPLATE_READERS: Access = ['designer', 'admin', 'auditor', 'integrator'];
const YAML = ['application/yaml', 'application/json'] as const;

/** Templates: validate, store drafts, publish, read. */
export const TEMPLATE_OPERATIONS = [
  {
    id: 'validateTemplate',
    method: 'post',
    path: '/api/v1/templates/validate',
    tag: 'templates',
    summary: 'Check a template source without storing it',
    description:
      'Send the YAML as `application/yaml` (or `{ "source": "…" }` as JSON). 422 lists every finding with line, column and JSON pointer: the same findings `relief validate` prints.',
    access: ['designer', 'admin'],
    body: { schema: 'template-source', types: YAML },
    success: { status: 200, schema: 'template-validation' },
    problems: [403, 413, 415, 422],
  },
  {
    id: 'createTemplate',
    method: 'post',
    path: '/api/v1/templates',
    tag: 'templates',
    summary: 'Store a template version as a draft',
    description:
      'The id and version come from the YAML. No save replaces another by accident: replacing an existing draft needs its `ETag` in `If-Match` (412 `template-version-stale` when someone saved it since, with who and when in `details`; 428 `template-etag-required` without one). A new version may name in `If-Match` the ETag of the version it was edited from (412 if that version was saved again since, or if another save already created this version). `If-None-Match: *` creates a new template only (409 `template-exists` when the id is taken). A published version is immutable (409 `template-version-published`: store it as a new version). The answer carries the new `ETag`.',
    access: ['designer'],
    body: { schema: 'template-source', types: YAML },
    parameters: [
      {
        name: 'If-Match',
        in: 'header',
        description:
          'The `ETag` of the version you edited (`"love-meals.2.3"`): the draft you replace, or the version you started from.',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'If-None-Match',
        in: 'header',
        description: '`*`: this is a new template; refuse (409) if its id exists.',
        schema: { type: 'string', enum: ['*'] },
      },
    ],
    success: { status: 201, schema: 'template-version' },
    problems: [403, 409, 412, 413, 415, 422, 428],
  },
  {
    id: 'listTemplates',
    method: 'get',
    path: '/api/v1/templates',
    tag: 'templates',
    summary: 'Every template with its latest and published versions',
    access: TEMPLATE_READERS,
    success: { status: 200, schema: 'template-list' },
    problems: [403],
  },
  {
    id: 'getTemplate',
    method: 'get',
    path: '/api/v1/templates/{id}',
    tag: 'templates',
    summary: 'The latest version of a template, and the list of its versions',
    access: TEMPLATE_READERS,
    success: { status: 200, schema: 'template-version' },
    problems: [403, 404],
  },
  {
    id: 'getTemplateVersion',
    method: 'get',
    path: '/api/v1/templates/{id}/versions/{v}',
    tag: 'templates',
    summary: 'One version: YAML source and checked definition',
    access: TEMPLATE_READERS,
    success: { status: 200, schema: 'template-version' },
    problems: [403, 404],
  },
  {
    id: 'publishTemplate',
    method: 'post',
    path: '/api/v1/templates/{id}/versions/{v}/publish',
    tag: 'templates',
    summary: 'Freeze a version so programmes can start from it (publishing twice is harmless)',
    description:
      'Records who published and, optionally, why (`{ "note": "…" }`; the body may be empty). A published version never changes.',
    access: ['designer'],
    body: { schema: 'template-publish', types: ['application/json'] },
    success: { status: 200, schema: 'template-version' },
    problems: [403, 404, 413, 415],
  },
  {
    id: 'diffTemplate',
    method: 'get',
    path: '/api/v1/templates/{id}/diff',
    tag: 'templates',
    summary: 'Semantic diff of two versions, with the verdict for running cases',
    description:
      'Every state, transition, timer, entry/exit list, event, form field, data and parameter field, role, ledger and figure added, removed or changed, with both values and its line and column in both YAML sources. `compatibility` says what the change means for cases running on `from`: `compatible`, `review` (something got stricter; the migration dry run checks each case) or `needs-input` (a removed state needs a `stateMap` entry, a newly required field without a default needs `dataDefaults`). Without `to`, the latest version; without `from`, the latest published version before `to` (or `to - 1`).',
    access: TEMPLATE_READERS,
    parameters: [
      {
        name: 'from',
        in: 'query',
        description: 'The older version.',
        schema: { type: 'integer', minimum: 1 },
      },
      {
        name: 'to',
        in: 'query',
        description: 'The newer version.',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    success: { status: 200, schema: 'template-diff' },
    problems: [403, 404],
  },
] as const satisfies readonly OperationSpec[];
