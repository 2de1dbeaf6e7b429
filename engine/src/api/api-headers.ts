/**
 * The headers every answer carries: the request id (the client's `X-Request-Id` when it is a
 * sane one, else a new UUID) and the usual security headers of an API and its web app (nosniff,
 * no framing by other sites, no referrer: Hono's `secureHeaders` defaults without HSTS, which a
 * TLS proxy in front sets).
 *
 * Why not Hono's `requestId()` and `secureHeaders()`: they set those 11 headers one by one on a
 * WHATWG `Headers`, which node-server then sorts and converts again for every answer (measured:
 * about a tenth of the server's allocation per event, docs/performance.md). An answer built by
 * `answerJson` carries them already, as a plain header object node-server hands straight to
 * Node; any other answer gets them after its handler, as before.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiEnv } from './api-context.js';

/** Exactly what `secureHeaders({ strictTransportSecurity: false })` sets (api-headers.test.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const REQUEST_ID = 'x-request-id';
/** A client's id is kept when it is short and plain (it goes into logs and answers as is). */
const SANE_ID = /^[\w\-=]{1,255}$/;

/** Answers built by `answerJson`: their headers are complete. */
const complete = new WeakSet<Response>();

/** Sets `requestId`; after the handler, adds the headers to an answer that lacks them. */
export function apiHeaders(): MiddlewareHandler<ApiEnv> {
  return async function apiHeaders(c, next) {
    const sent = c.req.header(REQUEST_ID);
    c.set('requestId', sent !== undefined && SANE_ID.test(sent) ? sent : crypto.randomUUID());
    await next();
    const res = c.res;
    if (complete.has(res)) return;
    const headers = res.headers;
    headers.set(REQUEST_ID, c.get('requestId'));
    for (const name in SECURITY_HEADERS) headers.set(name, SECURITY_HEADERS[name]!);
  };
}

/**
 * A JSON answer with every header of `apiHeaders` and `extra` (lower-case names), built without a
 * `Headers` object: for the hot routes (an event sent). Other routes use `c.json`.
 */
export function answerJson(
  c: Context<ApiEnv>,
  body: unknown,
  status: ContentfulStatusCode = 200,
  extra: Readonly<Record<string, string>> = {},
): Response {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      [REQUEST_ID]: c.get('requestId'),
      ...SECURITY_HEADERS,
      ...extra,
    },
  });
  complete.add(res);
  return res;
}
