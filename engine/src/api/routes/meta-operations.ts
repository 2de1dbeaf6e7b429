/** Operations of the API: health, the OpenAPI document and the reference page. */
import type { OperationSpec } from '../operation-spec.js';

/** Health, the OpenAPI document and the reference page. */
export const META_OPERATIONS = [
  {
    id: 'getHealth',
    method: 'get',
    path: '/api/v1/health',
    tag: 'meta',
    summary: 'Liveness, and which database is in use',
    access: 'public',
    success: { status: 200, schema: 'health' },
    problems: [406, 503],
  },
  {
    id: 'getOpenApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'meta',
    summary: 'This OpenAPI 3.1 document',
    access: 'public',
    success: { status: 200, schema: null, contentType: 'application/json' },
    problems: [406],
  },
  {
    id: 'getDocs',
    method: 'get',
    path: '/api/docs',
    tag: 'meta',
    summary: 'A reference page for people, built from this document',
    description:
      "In Chinese unless `lang=en`: the page's own words (introduction, headings, table heads); the operations' and schemas' descriptions are this document's, in English.",
    access: 'public',
    parameters: [
      {
        name: 'lang',
        in: 'query',
        description: "The language of the page's own words: `zh` (the default) or `en`.",
        schema: { type: 'string', enum: ['zh', 'en'] },
      },
    ],
    success: { status: 200, schema: null, contentType: 'text/html' },
    problems: [400, 406],
  },
] as const satisfies readonly OperationSpec[];
