/** Operations of the API: the people of a district, who sign in to the web app. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { OperationSpec } from '../operation-spec.js';

/** People. */
export const PERSON_OPERATIONS = [
  {
    id: 'listPeople',
    method: 'get',
    path: '/api/v1/people',
    tag: 'people',
    summary: 'People in your districts, oldest first, a page at a time',
    access: ['admin', 'auditor'],
    parameters: [
      {
        name: 'district',
        in: 'query',
        description: 'Only this district and below.',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'role',
        in: 'query',
        description: 'Only people holding this role.',
        schema: { type: 'string', maxLength: 64 },
      },
      {
        name: 'text',
        in: 'query',
        description: 'Only people whose login or display name contains this text (any case).',
        schema: { type: 'string', maxLength: 100 },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'person-list' },
    problems: [403],
  },
  {
    id: 'createPerson',
    method: 'post',
    path: '/api/v1/people',
    tag: 'people',
    summary: 'Create a person who signs in (an admin, cadre or volunteer)',
    description:
      'The district must lie within yours (404 otherwise), and you may grant only roles you hold yourself (403); the owner key grants any role. 409 `login-taken` when the login is in use.',
    access: ['admin'],
    body: { schema: 'person-create', types: ['application/json'] },
    success: { status: 201, schema: 'person' },
    problems: [403, 404, 409, 413, 415, 422],
  },
  {
    id: 'getPerson',
    method: 'get',
    path: '/api/v1/people/{id}',
    tag: 'people',
    summary: 'A person',
    access: ['admin', 'auditor'],
    success: { status: 200, schema: 'person' },
    problems: [403, 404],
  },
  {
    id: 'changePerson',
    method: 'patch',
    path: '/api/v1/people/{id}',
    tag: 'people',
    summary: 'Change a person: display name, roles, district, or disable (ends their sessions)',
    description:
      'You may change only people who hold no role you lack, and grant only roles you hold and districts within yours.',
    access: ['admin'],
    body: {
      schema: 'person-patch',
      types: ['application/json', 'application/merge-patch+json'],
    },
    success: { status: 200, schema: 'person' },
    problems: [403, 404, 413, 415, 422],
  },
  {
    id: 'resetPassword',
    method: 'post',
    path: '/api/v1/people/{id}/password',
    tag: 'people',
    summary: "Set a person's password (an admin's reset); every session of theirs ends",
    access: ['admin'],
    body: { schema: 'password-reset', types: ['application/json'] },
    success: { status: 204, schema: null },
    problems: [403, 404, 413, 415, 422],
  },
] as const satisfies readonly OperationSpec[];
