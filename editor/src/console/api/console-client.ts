/**
 * The console's HTTP client: a signed-in person's session cookie (with `X-CSRF-Token` on unsafe
 * requests), or, as the integrator/owner fallback, a pasted API key as `Authorization: Bearer`.
 * Every failure is a `ConsoleProblem` read from problem+json.
 */
import { ConsoleProblem } from './console-problem.js';

/** How requests are authenticated right now. */
export interface Credentials {
  key?: string | undefined;
  csrfToken?: string | undefined;
}

/** Options of one request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as is (NDJSON, CSV); otherwise `body` is JSON. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

/** A response body with its headers (for `ETag`). */
export interface Answer<T> {
  body: T;
  headers: Headers;
}

/** Create a client that reads its credentials on every request. */
export function createConsoleClient(credentials: () => Credentials, base = '/api/v1') {
  async function send<T>(path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const method = options.method ?? 'GET';
    const { key, csrfToken } = credentials();
    const headers = new Headers(options.headers);
    headers.set('Accept', 'application/json, application/problem+json');
    if (key) headers.set('Authorization', `Bearer ${key}`);
    if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers.set('Content-Type', options.contentType ?? 'text/plain');
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set('Content-Type', 'application/json');
    }
    const query = Object.entries(options.query ?? {})
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const response = await fetch(`${base}${path}${query ? `?${query}` : ''}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
    if (!response.ok) throw await ConsoleProblem.from(response);
    const text = await response.text();
    return { body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
  }
  return {
    send,
    /** The body only. */
    async get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
      return (await send<T>(path, { query, signal })).body;
    },
    async post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      return (await send<T>(path, { ...options, method: 'POST', body })).body;
    },
    async patch<T>(path: string, body: unknown): Promise<T> {
      return (await send<T>(path, { method: 'PATCH', body })).body;
    },
    async del(path: string): Promise<void> {
      await send(path, { method: 'DELETE' });
    },
  };
}

/** The client's type. */
export type ConsoleClient = ReturnType<typeof createConsoleClient>;

/** `/x/{id}` with the id encoded. */
export const at = (template: TemplateStringsArray, ...ids: (string | number)[]): string =>
  template.reduce(
    (out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''),
    '',
  );
