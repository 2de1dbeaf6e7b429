/** Operations of the API: signing in and out with a session cookie. */
import type { OperationSpec } from '../operation-spec.js';

/** Sessions of people signed in to the web app. */
export const SESSION_OPERATIONS = [
  {
    id: 'signIn',
    method: 'post',
    path: '/api/v1/session',
    tag: 'people',
    summary: 'Sign in with a login and password',
    description:
      "Sets the `relief_session` cookie (HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS). Requests with the cookie act with the person's roles and district, exactly as a key would; every POST, PATCH and DELETE must also carry `X-CSRF-Token` with the `csrfToken` of the answer. 401 does not say whether the login or the password was wrong. After 5 failures for a login within 15 minutes the login is locked for 15 minutes: 429 with `Retry-After` (seconds), even for the right password.",
    access: 'public',
    body: { schema: 'session-create', types: ['application/json'] },
    success: { status: 200, schema: 'session' },
    problems: [401, 413, 415, 422, 429],
  },
  {
    id: 'getSession',
    method: 'get',
    path: '/api/v1/session',
    tag: 'people',
    summary: 'The person signed in with this session cookie, and its CSRF token',
    description:
      '401 when the cookie is missing, or its session ended (signed out, expired, revoked).',
    access: 'session',
    success: { status: 200, schema: 'session' },
    problems: [],
  },
  {
    id: 'signOut',
    method: 'delete',
    path: '/api/v1/session',
    tag: 'people',
    summary: 'Sign out: end this session and clear its cookie',
    access: 'session',
    success: { status: 204, schema: null },
    problems: [403],
  },
  {
    id: 'signOutEverywhere',
    method: 'post',
    path: '/api/v1/session/sign-out-everywhere',
    tag: 'people',
    summary: 'End every session of the person signed in, on every device',
    access: 'session',
    success: { status: 204, schema: null },
    problems: [403],
  },
] as const satisfies readonly OperationSpec[];
