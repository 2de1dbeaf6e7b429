/**
 * Issue 10, items 2, 3 and 6 over real HTTP: an expression that would take the server's heap or
 * CPU (nested maps, string doubling), a backtracking regex in `matches()` or a data `pattern`,
 * and event types that name `Object.prototype` members are each refused with a 4xx within a
 * second, while a concurrent request is answered at once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient, ApiResponse } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const SOURCE = readFileSync(new URL('./hostile-expressions.yaml', import.meta.url), 'utf8');

describe('hostile expressions over HTTP', () => {
  let t: TestServer;
  let api: ApiClient;
  let admin: string;
  let worker: string;
  let designer: string;
  let programme: string;

  beforeAll(async () => {
    t = await startTestServer('pglite');
    ({ api } = await connect(t.url));
    admin = await createKey(api, t.ownerKey, ['admin'], 'sh');
    worker = await createKey(api, t.ownerKey, ['worker'], 'sh');
    designer = await createKey(api, t.ownerKey, ['designer'], 'sh');
    const yaml = { key: designer, body: SOURCE, type: 'application/yaml' };
    const saved = await api.request('POST', '/api/v1/templates', yaml);
    expect(saved.status, saved.text).toBe(201);
    const published = await api.post(
      '/api/v1/templates/hostile-expressions/versions/1/publish',
      designer,
    );
    expect(published.status, published.text).toBe(200);
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'hostile-expressions',
      district: 'sh/putuo',
    });
    expect(started.status, started.text).toBe(201);
    programme = started.body.id as string;
  });

  afterAll(async () => {
    await t?.close();
  });

  const openCase = async (data: Record<string, unknown>): Promise<string> => {
    const res = await api.post(`/api/v1/programmes/${programme}/cases`, admin, { data });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };

  /** Send `attack`; 30 ms later a health check. Both answers, with their times in ms. */
  const alongside = async (
    attack: () => Promise<ApiResponse>,
  ): Promise<{ res: ApiResponse; ms: number; healthMs: number }> => {
    const started = performance.now();
    const sent = attack().then((res) => ({ res, ms: performance.now() - started }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const healthStarted = performance.now();
    const health = await api.get('/api/v1/health');
    const healthMs = performance.now() - healthStarted;
    expect(health.status).toBe(200);
    const { res, ms } = await sent;
    return { res, ms, healthMs };
  };

  it('three nested maps over a 1,000-element list: refused by the step budget, server keeps serving', async () => {
    const id = await openCase({ items: Array.from({ length: 1000 }, (_, i) => i) });
    const { res, ms, healthMs } = await alongside(() =>
      api.post(`/api/v1/cases/${id}/events`, worker, { type: 'nest' }),
    );
    expectProblem(res, 422, 'expression-budget-exceeded');
    expect(res.body.detail).toMatch(/steps/);
    expect(res.body.details.messageZh).toMatch(/步/);
    expect(ms, `refused after ${Math.round(ms)} ms`).toBeLessThan(1000);
    expect(healthMs, `health answered after ${Math.round(healthMs)} ms`).toBeLessThan(1000);
    const after = await api.get(`/api/v1/cases/${id}`, worker);
    expect(after.body.state).toEqual('open'); // nothing changed
  });

  it('cel.bind string doubling: refused by the string length limit', async () => {
    const id = await openCase({ name: 'x'.repeat(100_000) });
    const { res, ms, healthMs } = await alongside(() =>
      api.post(`/api/v1/cases/${id}/events`, worker, { type: 'double' }),
    );
    expectProblem(res, 422, 'expression-budget-exceeded');
    expect(res.body.detail).toMatch(/characters/);
    expect(ms, `refused after ${Math.round(ms)} ms`).toBeLessThan(1000);
    expect(healthMs, `health answered after ${Math.round(healthMs)} ms`).toBeLessThan(1000);
  });

  it("matches('^(a+)+$') on 32 and 10,000 characters runs in linear time", async () => {
    for (const n of [32, 10_000]) {
      const id = await openCase({ name: `${'a'.repeat(n)}!` });
      const { res, ms, healthMs } = await alongside(() =>
        api.post(`/api/v1/cases/${id}/events`, worker, { type: 'redos' }),
      );
      expectProblem(res, 409, 'guard-refused');
      expect(ms, `refused after ${Math.round(ms)} ms`).toBeLessThan(1000);
      expect(healthMs, `health answered after ${Math.round(healthMs)} ms`).toBeLessThan(1000);
    }
    const id = await openCase({ name: 'aaaa' });
    const res = await api.post(`/api/v1/cases/${id}/events`, worker, { type: 'redos' });
    expect(res.status, res.text).toBe(200);
  });

  it("a data pattern '^([0-9]+-?)+$' on 30 and 100,000 digits answers at once", async () => {
    for (const n of [30, 100_000]) {
      const { res, ms, healthMs } = await alongside(() =>
        api.post(`/api/v1/programmes/${programme}/cases`, admin, {
          data: { phone: `${'1'.repeat(n)}x` },
        }),
      );
      expectProblem(res, 422, 'validation-failed');
      expect(res.text).toContain('/phone');
      expect(ms, `refused after ${Math.round(ms)} ms`).toBeLessThan(1000);
      expect(healthMs, `health answered after ${Math.round(healthMs)} ms`).toBeLessThan(1000);
    }
    expect(
      (
        await api.post(`/api/v1/programmes/${programme}/cases`, admin, {
          data: { phone: '0371-6688' },
        })
      ).status,
    ).toBe(201);
  });

  it('event types named after Object.prototype members are unknown events (409), not 500s', async () => {
    const id = await openCase({});
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await api.post(`/api/v1/cases/${id}/events`, worker, { type });
      expectProblem(res, 409, 'event-not-accepted');
      expect(res.body.detail).toContain(`'${type}'`);
    }
    const ok = await api.post(`/api/v1/cases/${id}/events`, worker, { type: 'ok' });
    expect(ok.status, ok.text).toBe(200);
  });
  it('validation refuses what is visibly too costly or cannot run, located; warns about unbounded nesting', async () => {
    const lit = `[${Array.from({ length: 1000 }, (_, i) => i).join(',')}]`;
    let source = SOURCE.replace('version: 1', 'version: 2')
      .replace("pattern: '^([0-9]+-?)+$'", () => "pattern: '^(?=.*[0-9]).+$'")
      .replace(
        "guard: data.name.matches('^(a+)+$')",
        `guard: >-\n          ${lit}.map(a, ${lit}.map(b, ${lit}.map(c, 1))).size() > 0 && data.name.matches('(a)\\\\1')`,
      );
    const res = await api.request('POST', '/api/v1/templates/validate', {
      key: designer,
      body: source,
      type: 'application/yaml',
    });
    expectProblem(res, 422, 'template-invalid');
    const codes = (res.body.errors as { code: string; pointer: string }[]).map(
      (e) => `${e.code} ${e.pointer}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'regex-unsupported /data/properties/phone/pattern',
        'expr-cost /states/open/on/redos/guard',
        'regex-unsupported /states/open/on/redos/guard',
      ]),
    );
    // The shipped attack template itself validates, with a warning at the nested map.
    source = SOURCE.replace('version: 1', 'version: 3');
    const ok = await api.request('POST', '/api/v1/templates/validate', {
      key: designer,
      body: source,
      type: 'application/yaml',
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.warnings).toEqual([
      expect.objectContaining({
        code: 'expr-cost-unbounded',
        pointer: '/states/open/on/nest/guard',
      }),
    ]);
  });

  it('60,000 unknown fields: the 422 lists 100 and counts the rest (issue 10, item 11)', async () => {
    const data = Object.fromEntries(
      Array.from({ length: 60_000 }, (_, i) => [`f${i}`, 1] as const),
    );
    const res = await api.post(`/api/v1/programmes/${programme}/cases`, admin, { data });
    expectProblem(res, 422, 'validation-failed');
    expect(res.body.errors).toHaveLength(100);
    expect(res.body.errorsOmitted).toBe(59_900);
    expect(res.body.detail).toMatch(/; and 59990 more$/);
    expect(res.text.length).toBeLessThan(20_000);
  });
});
