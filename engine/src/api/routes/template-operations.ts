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
      'The id and version come from the YAML. Storing the same draft version again replaces it; a published version is immutable (409: store it as a new version).',
    access: ['designer'],
    body: { schema: 'template-source', types: YAML },
    success: { status: 201, schema: 'template-version' },
    problems: [403, 409, 413, 415, 422],
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
    access: ['designer'],
    success: { status: 200, schema: 'template-version' },
    problems: [403, 404],
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
