/** People and sessions for the black-box suites: create a person, sign in, act with the cookie. */
import { expect } from 'vitest';
import type { ApiClient, ApiResponse, Body } from './api-client.js';

/** A person's signed-in session: the cookie to send and the CSRF token for unsafe requests. */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
  person: Body;
  /** The raw `Set-Cookie` of the sign-in answer. */
  setCookie: string;
}

/** Create a person (as `key`, default password `password-123`); returns the answer's body. */
export async function createPerson(
  api: ApiClient,
  key: string,
  person: {
    login: string;
    roles: string[];
    district: string;
    displayName?: string;
    password?: string;
  },
): Promise<Body> {
  const res = await api.post('/api/v1/people', key, {
    displayName: person.displayName ?? person.login,
    password: 'password-123',
    ...person,
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Sign in; fails the test unless it answers 200 with a session cookie. */
export async function signIn(
  api: ApiClient,
  login: string,
  password = 'password-123',
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await api.request('POST', '/api/v1/session', { json: { login, password }, headers });
  expect(res.status, res.text).toBe(200);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('relief_session='));
  expect(setCookie, 'a relief_session cookie').toBeDefined();
  return {
    cookie: setCookie!.split(';')[0]!,
    csrfToken: res.body.csrfToken as string,
    person: res.body.person,
    setCookie: setCookie!,
  };
}

/** A request made with the session cookie (and its CSRF token unless `csrf: false`). */
export function asPerson(
  api: ApiClient,
  session: SignedIn,
  method: string,
  path: string,
  options: { json?: unknown; csrf?: boolean; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  return api.request(method, path, {
    json: options.json,
    headers: {
      cookie: session.cookie,
      ...(options.csrf !== false && method !== 'GET' && { 'x-csrf-token': session.csrfToken }),
      ...options.headers,
    },
  });
}
