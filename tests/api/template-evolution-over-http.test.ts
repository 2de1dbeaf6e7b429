/**
 * Templates evolving under running programmes, over real HTTP on each database: the semantic diff
 * of two stored versions with its verdict for running cases.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loveMealsV2, loveMealsV3 } from '../../engine/src/template/love-meals-versions.fixture.js';
import { connect } from './api-client.js';
import type { ApiClient, Body } from './api-client.js';
import { expectProblem } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const V1 = readFileSync(new URL('../../templates/love-meals.yaml', import.meta.url), 'utf8');
const V2 = loveMealsV2(V1);
const V3 = loveMealsV3(V2);

describe.each(DATABASES)('template evolution on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  const yaml = (source: string, headers?: Record<string, string>) => ({
    body: source,
    type: 'application/yaml',
    key: t.ownerKey,
    headers,
  });

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a stale save with 412, a taken id with 409, and keeps who published and why', async () => {
    const v1 = await api.request('GET', '/api/v1/templates/love-meals/versions/1', {
      key: t.ownerKey,
    });
    const base = v1.headers.get('etag')!;
    expect(base).toBe(v1.body.etag);
    const draft = V1.replace(/^version: 1$/m, 'version: 5');
    // Designer A and B opened v1; A saves v5 from it first.
    const a = await api.request('POST', '/api/v1/templates', yaml(draft, { 'if-match': base }));
    expect(a.status, a.text).toBe(201);
    expect(a.headers.get('etag')).toBe('"love-meals.5.1"');
    const b = await api.request(
      'POST',
      '/api/v1/templates',
      yaml(draft.replace('en: Love meals }', 'en: Love meals B }'), { 'if-match': base }),
    );
    expectProblem(b, 412, 'template-version-stale');
    expect(b.body.details).toMatchObject({ etag: '"love-meals.5.1"', version: 5 });
    expect(b.body.details.messageZh).toContain('未保存');
    // A saves again with the ETag it holds; the one it replaced is now stale.
    const again = await api.request(
      'POST',
      '/api/v1/templates',
      yaml(draft.replace('en: Love meals }', 'en: Love meals A }'), { 'if-match': a.body.etag }),
    );
    expect(again.body.etag).toBe('"love-meals.5.2"');
    expectProblem(
      await api.request('POST', '/api/v1/templates', yaml(draft, { 'if-match': a.body.etag })),
      412,
      'template-version-stale',
    );
    expectProblem(
      await api.request('POST', '/api/v1/templates', yaml(draft)),
      428,
      'template-etag-required',
    );
    expectProblem(
      await api.request('POST', '/api/v1/templates', yaml(draft, { 'if-none-match': '*' })),
      409,
      'template-exists',
    );
    const v5 = await api.request('GET', '/api/v1/templates/love-meals/versions/5', {
      key: t.ownerKey,
    });
    expect(v5.body.source).toContain('Love meals A');
    const published = await api.request('POST', '/api/v1/templates/love-meals/versions/5/publish', {
      key: t.ownerKey,
      json: { note: '加上备注 / with a note' },
    });
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({
      publishNote: '加上备注 / with a note',
      publishedBy: expect.any(String) as string,
    });
  });

  it('diffs two stored versions with places in both and a verdict', async () => {
    for (const source of [V2, V3]) {
      const saved = await api.request('POST', '/api/v1/templates', yaml(source));
      expect(saved.status, saved.text).toBe(201);
    }
    const d = await api.request('GET', '/api/v1/templates/love-meals/diff?from=1&to=2', {
      key: t.ownerKey,
    });
    expect(d.status, d.text).toBe(200);
    expect((d.body.changes as Body[]).map((c) => `${c.kind}:${c.change}:${c.key}`)).toEqual([
      'transition:changed:enrolled.failed · retry',
      'state:added:enrolled.reheated',
      'transition:added:enrolled.reheated · carryToGate',
      'data:added:allergies',
    ]);
    expect(d.body.compatibility.verdict).toBe('compatible');
    // Without `from`: the latest published version before `to` (v1; v2 is a draft).
    const d3 = await api.request('GET', '/api/v1/templates/love-meals/diff?to=3', {
      key: t.ownerKey,
    });
    expect(d3.body.from).toBe(1);
    expect(d3.body.compatibility.verdict).toBe('needs-input');
    expect(d3.body.compatibility.concerns[0]).toMatchObject({
      code: 'state-removed',
      key: 'suspended',
      from: { line: expect.any(Number) as number },
    });
    expectProblem(
      await api.request('GET', '/api/v1/templates/love-meals/diff?from=1&to=9', {
        key: t.ownerKey,
      }),
      404,
      'not-found',
    );
    expectProblem(
      await api.request('GET', '/api/v1/templates/love-meals/diff?from=x', { key: t.ownerKey }),
      400,
      'invalid-query',
    );
  });

  it('migrates a running programme: dry run per case, apply, recorded in its changes', async () => {
    const key = t.ownerKey;
    expect(
      (
        await api.request('POST', '/api/v1/templates/love-meals/versions/2/publish', {
          key,
          json: {},
        })
      ).status,
    ).toBe(200);
    const p = await api.request('POST', '/api/v1/programmes', {
      key,
      json: { template: 'love-meals', version: 1, district: 'sh/putuo/changzheng' },
    });
    const programme = p.body.id as string;
    for (const name of ['甲', '乙'])
      await api.request('POST', `/api/v1/programmes/${programme}/cases`, {
        key,
        json: { data: { name, age: 85, address: '某地', careLevel: 5 } },
      });
    const path = `/api/v1/programmes/${programme}/migrate`;
    expectProblem(
      await api.request('POST', path, { key, json: { toVersion: 3 } }),
      409,
      'template-not-published',
    );
    expectProblem(
      await api.request('POST', path, { key, json: { toVersion: 2, stateMap: { applied: 'x' } } }),
      422,
      'validation-failed',
    );
    const dry = await api.request('POST', path, { key, json: { toVersion: 2, dryRun: true } });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ status: 'planned', total: 2, movable: 2, moved: 0 });
    expect(dry.body.cases[0]).toMatchObject({
      movable: true,
      fromState: 'applied',
      toState: 'applied',
      filled: ['allergies'],
      timers: { kept: [{ state: 'applied', index: 0 }] },
    });
    const done = await api.request('POST', path, { key, json: { toVersion: 2 } });
    expect(done.body).toMatchObject({ status: 'done', moved: 2 });
    const after = await api.request('GET', `/api/v1/programmes/${programme}`, { key });
    expect(after.body).toMatchObject({ template: 'love-meals', version: 2 });
    expect((after.body.changes as Body[]).at(-1)).toMatchObject({
      kind: 'migration',
      before: { version: 1 },
      after: { version: 2, moved: 2 },
    });
  });
});
