/** The app in process (`app.request()`): routing, authentication, problems, the docs. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReliefStore, openDatabase } from '../store/index.js';
import type { Database } from '../store/index.js';
import type { ApiContext } from './api-context.js';
import { API_OPERATIONS } from './api-operations.js';
import { createApp } from './create-app.js';
import { createLogger } from './create-logger.js';
import { DEFAULT_BODY_LIMITS } from './read-body.js';

describe('createApp', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let owner: string;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    const store = createReliefStore(database);
    owner = (await store.createOwnerKeyIfNone())!.key;
    const ctx: ApiContext = {
      store,
      database: database.kind,
      log: createLogger({ write: (line) => lines.push(line) }),
      limits: DEFAULT_BODY_LIMITS,
      version: '0.0.0-test',
    };
    app = createApp(ctx);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('answers health without a key, naming the database', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite', version: '0.0.0-test' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps a request id the client sends, and logs it with the route pattern only', async () => {
    const res = await app.request(
      '/api/v1/cases/00000000-0000-4000-8000-000000000000?assignee=王',
      {
        headers: { 'x-request-id': 'trace-123', authorization: `Bearer ${owner}` },
      },
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const line = JSON.parse(lines.find((l) => l.includes('trace-123'))!) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'request', route: '/api/v1/cases/:id', status: 404 });
    expect(lines.join('\n')).not.toContain('王');
  });

  it('refuses a missing or malformed key with 401 problem+json', async () => {
    for (const authorization of [undefined, 'Token abc', 'Bearer rk_unknown']) {
      const res = await app.request('/api/v1/programmes', {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="relief"');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        type: 'urn:relief:problem:unauthenticated',
        title: 'Unauthenticated',
        status: 401,
        code: 'unauthenticated',
        instance: '/api/v1/programmes',
      });
    }
  });

  it('mounts every operation of the table, and answers 405 with Allow for other methods', async () => {
    const res = await app.request('/api/v1/worklist', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    const mounted = app.routes.map((r) => `${r.method} ${r.path}`);
    for (const op of API_OPERATIONS)
      expect(mounted).toContain(
        `${op.method.toUpperCase()} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`,
      );
  });

  it('serves the OpenAPI document and a self-contained reference page', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Record<
      string,
      unknown
    >;
    expect(doc.openapi).toBe('3.1.0');
    const page = await app.request('/api/docs');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('POST /api/v1/cases/{id}/events');
    expect(html).toContain('id="schema-Problem"');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    // Chinese first: the page's own words; the document's descriptions stay English, marked so.
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('接口参考');
    expect(html).toContain('<th>字段</th>');
    expect(html).toContain('个案 <code>cases</code>');
    expect(html).toMatch(/<div lang="en"><p><strong>/);
    expect(html).toContain('您的辖区里没有这个资源');
    const english = await (await app.request('/api/docs?lang=en')).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<th>field</th>');
    expect(english).not.toContain('接口参考');
    expect(english).toContain('>中文</a>');
    expect((await app.request('/api/docs?lang=fr')).status).toBe(400);
  });

  it('turns an unexpected failure into a 500 without internals, and logs it', async () => {
    const res = await app.request(
      '/api/v1/programmes/00000000-0000-4000-8000-000000000000/stats?tz=UTC',
      {
        headers: { authorization: `Bearer ${owner}` },
      },
    );
    expect(res.status).toBe(404);
    const closed = await openDatabase({ dataDir: 'memory://' });
    const store = createReliefStore(closed);
    await closed.close();
    const broken = createApp({
      store,
      database: 'pglite',
      log: createLogger({ write: (line) => lines.push(line) }),
      limits: DEFAULT_BODY_LIMITS,
      version: 'x',
    });
    const failed = await broken.request('/api/v1/programmes', {
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'internal', status: 500 });
    expect(JSON.stringify(body)).not.toMatch(/stack|at \w+ \(/);
    expect(lines.some((l) => l.includes('"level":"error"'))).toBe(true);
    const health = await broken.request('/api/v1/health');
    expect(health.status).toBe(503);
  });

  it('serves the editor at / when its build exists, with client routes falling back to index.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-editor-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>editor</title>');
      writeFileSync(join(dir, 'app.js'), 'console.log(1)');
      const store = createReliefStore(database);
      const withEditor = createApp({
        store,
        database: 'pglite',
        log: createLogger({ silent: true }),
        limits: DEFAULT_BODY_LIMITS,
        version: 'x',
        editorDir: dir,
      });
      const page = await withEditor.request('/');
      expect(await page.text()).toContain('<title>editor</title>');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      // No page but the designer's may turn text into code (issue 10, item 11).
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain('unsafe-eval');
      for (const path of ['/programmes/x/cases', '/work', '/admin/keys', '/designer'])
        expect((await withEditor.request(path)).headers.get('content-security-policy')).toBe(csp);
      for (const path of ['/design', '/design/x'])
        expect((await withEditor.request(path)).headers.get('content-security-policy')).toBe(
          csp.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
        );
      const script = await withEditor.request('/app.js');
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(await (await withEditor.request('/templates/love-meals')).text()).toContain('editor');
      const api = await withEditor.request('/api/v1/nothing');
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
