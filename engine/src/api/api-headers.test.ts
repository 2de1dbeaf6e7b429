import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import type { ApiEnv } from './api-context.js';
import { SECURITY_HEADERS, answerJson, apiHeaders } from './api-headers.js';

/** Every header of an answer but its content type and length. */
const headersOf = (res: Response): Record<string, string> => {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'content-type' && name !== 'content-length') headers[name] = value;
  });
  return headers;
};

function testApp(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', apiHeaders());
  app.get('/fast', (c) => answerJson(c, { ok: true }, 200, { etag: '"3"' }));
  app.get('/plain', (c) => c.json({ ok: true }));
  app.get('/fails', () => {
    throw new Error('boom');
  });
  app.onError((_, c) => c.json({ status: 500 }, 500));
  return app;
}

describe('apiHeaders and answerJson', () => {
  it('set exactly the headers of Hono’s secureHeaders without HSTS', async () => {
    const hono = new Hono();
    hono.use('*', secureHeaders({ strictTransportSecurity: false }));
    hono.get('/', (c) => c.text('x'));
    expect(headersOf(await hono.request('/'))).toEqual(SECURITY_HEADERS);
  });

  it('give every answer, fast, plain or failed, the request id and the security headers', async () => {
    const app = testApp();
    for (const path of ['/fast', '/plain', '/fails']) {
      const res = await app.request(path);
      const headers = headersOf(res);
      expect(headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers, path).toMatchObject(SECURITY_HEADERS);
      expect(res.headers.get('content-type'), path).toBe('application/json');
    }
    const fast = await app.request('/fast');
    expect(fast.headers.get('etag')).toBe('"3"');
    expect(await fast.json()).toEqual({ ok: true });
  });

  it('keep a sane client request id and replace any other', async () => {
    const app = testApp();
    const sent = async (id: string): Promise<Headers> =>
      (await app.request('/fast', { headers: { 'x-request-id': id } })).headers;
    expect((await sent('trace-123=')).get('x-request-id')).toBe('trace-123=');
    for (const bad of ['a b', 'x'.repeat(256), '<script>', 'a;b'])
      expect((await sent(bad)).get('x-request-id'), bad).toMatch(/^[0-9a-f-]{36}$/);
  });
});
