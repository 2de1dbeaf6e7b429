/** Operations of the API: API keys. */
import type { OperationSpec } from '../operation-spec.js';

/** API keys. */
export const KEY_OPERATIONS = [
  {
    id: 'createKey',
    method: 'post',
    path: '/api/v1/keys',
    tag: 'keys',
    summary: 'Create an API key (shown once)',
    description:
      'Only the owner may create `designer` or `admin` keys; an admin creates `auditor`, `integrator` and programme-role keys for districts in its own scope.',
    access: ['admin'],
    body: { schema: 'key-create', types: ['application/json'] },
    success: { status: 201, schema: 'api-key' },
    problems: [403, 404, 413, 415, 422],
  },
  {
    id: 'listKeys',
    method: 'get',
    path: '/api/v1/keys',
    tag: 'keys',
    summary: 'API keys in your districts',
    access: ['admin'],
    success: { status: 200, schema: 'api-key-list' },
    problems: [403],
  },
  {
    id: 'revokeKey',
    method: 'delete',
    path: '/api/v1/keys/{id}',
    tag: 'keys',
    summary: 'Revoke an API key',
    access: ['admin'],
    success: { status: 200, schema: 'api-key' },
    problems: [403, 404],
  },
] as const satisfies readonly OperationSpec[];
