/**
 * The web app's one client of the REST API. Every operation is called by its id (the OpenAPI
 * `operationId`), and its path, query, headers, body and answer are the types the contract
 * generates from the server's own operation table and schemas (`@relief/engine/contract`), so a
 * change on the server is a compile error here, not a guessed shape. Requests carry a signed-in
 * person's session cookie (with `X-CSRF-Token` on unsafe methods) or a pasted API key as
 * `Authorization: Bearer`; every failure is an `ApiProblem`.
 */
import { API_ROUTES } from '@relief/engine/contract';
import type { ApiOperationId, ApiOperations } from '@relief/engine/contract';
import { ApiProblem } from './api-problem.js';

/** How requests are authenticated right now. */
export interface Credentials {
  key?: string | undefined;
  csrfToken?: string | undefined;
}

/** How the client reaches the server. */
export interface ApiClientOptions {
  /** Read on every request. */
  credentials: () => Credentials;
  /** Where the server is (`''`: the page's own origin). */
  origin?: string;
  fetch?: typeof fetch;
}

/** What an operation takes, and an abort signal. */
export type ApiInput<Id extends ApiOperationId> = ApiOperations[Id]['input'] & {
  signal?: AbortSignal;
};

/** What an operation answers on success. */
export type ApiOutput<Id extends ApiOperationId> = ApiOperations[Id]['response'];

/** An answer with its headers (for `ETag`). */
export interface ApiAnswer<Id extends ApiOperationId> {
  body: ApiOutput<Id>;
  headers: Headers;
}

/** The input may be left out when the operation needs none. */
type ArgsOf<Id extends ApiOperationId> =
  Record<never, never> extends ApiOperations[Id]['input']
    ? [input?: ApiInput<Id>]
    : [input: ApiInput<Id>];

/** Every input, read the same way at run time. */
interface AnyInput {
  path?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

/** Create a client that reads its credentials on every request. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function answer<Id extends ApiOperationId>(
    id: Id,
    ...[given]: ArgsOf<Id>
  ): Promise<ApiAnswer<Id>> {
    const route = API_ROUTES[id];
    // The generic input is read field by field; its type was checked at the call.
    const input = (given ?? {}) as AnyInput;
    const path = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      encodeURIComponent(String(input.path?.[name] ?? '')),
    );
    const query = Object.entries(input.query ?? {})
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const { key, csrfToken } = options.credentials();
    const headers = new Headers();
    for (const [name, value] of Object.entries(input.headers ?? {}))
      if (value !== undefined) headers.set(name, value);
    headers.set('Accept', 'application/json, application/problem+json');
    if (key) headers.set('Authorization', `Bearer ${key}`);
    if (route.method !== 'get' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
    let body: string | undefined;
    const bodyTypes: readonly string[] = route.bodyTypes;
    if (typeof input.body === 'string') {
      body = input.body;
      headers.set(
        'Content-Type',
        input.contentType ?? bodyTypes.find((type) => !isJson(type)) ?? 'text/plain',
      );
    } else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      headers.set('Content-Type', 'application/json');
    }
    const response = await doFetch(`${options.origin ?? ''}${path}${query ? `?${query}` : ''}`, {
      method: route.method.toUpperCase(),
      headers,
      body,
      credentials: 'same-origin',
      signal: input.signal ?? null,
    });
    if (!response.ok) throw await ApiProblem.from(response);
    const text = await response.text();
    const json = /json/.test(response.headers.get('Content-Type') ?? '');
    // The contract types the answer of this operation id; JSON.parse cannot know it.
    const read = (text === '' ? undefined : json ? JSON.parse(text) : text) as ApiOutput<Id>;
    return { body: read, headers: response.headers };
  }

  return {
    /** Call an operation by id; resolves with the answer's body. */
    async call<Id extends ApiOperationId>(id: Id, ...input: ArgsOf<Id>): Promise<ApiOutput<Id>> {
      return (await answer(id, ...input)).body;
    },
    /** Call an operation by id; resolves with the body and the headers. */
    answer,
  };
}

/** The client's type. */
export type ApiClient = ReturnType<typeof createApiClient>;
