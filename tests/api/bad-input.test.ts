/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Bad input of every class gets a 4xx problem with a clear message, nothing reaches the database
 * half-written, and the server keeps serving: malformed JSON, YAML and CSV, wrong media types and
 * charsets, bodies over the limits, unknown fields, invalid UTF-8, bad headers and query values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem, templateSource } from './api-fixtures.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

describe('bad input over HTTP', () => {
  let t: TestServer;
  let api: ApiClient;
  let admin: string;
  let designer: string;
  let committee: string;
  let programme: string;
  let caseId: string;
  const count = async () =>
    (await api.get(`/api/v1/programmes/${programme}/stats`, admin)).body.cases.total as number;

  beforeAll(async () => {
    t = await startTestServer('pglite');
    ({ api } = await connect(t.url));
    admin = await createKey(api, t.ownerKey, ['admin'], 'sh');
    designer = await createKey(api, t.ownerKey, ['designer'], 'sh');
    committee = await createKey(api, t.ownerKey, ['committee'], 'sh');
    programme = (
      await api.post('/api/v1/programmes', admin, {
        template: 'love-meals',
        district: 'sh/putuo/changzheng',
      })
    ).body.id;
    caseId = (
      await api.post(`/api/v1/programmes/${programme}/cases`, admin, {
        data: { name: '王阿婆', age: 85, address: '梅岭北路 3 号', phone: '13800000001' },
        ref: 'A-1',
      })
    ).body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('malformed JSON: 400 that says where', async () => {
    const res = await api.request('POST', '/api/v1/programmes', {
      key: admin,
      body: '{"template": "love-meals",',
      type: 'application/json',
    });
    expectProblem(res, 400, 'malformed-json');
    expect(res.body.detail).toMatch(/not valid JSON/);
    const deep = '['.repeat(100) + ']'.repeat(100);
    expectProblem(
      await api.request('POST', `/api/v1/cases/${caseId}/events`, {
        key: committee,
        body: `{"type":"assess","payload":{"x":${deep}}}`,
        type: 'application/json',
      }),
      400,
      'malformed-json',
    );
  });

  it('malformed YAML: 422 with the same located findings as the CLI', async () => {
    const source = templateSource('love-meals')
      .replace('target: rejected', 'target: rejectd')
      .replace('  review:\n    title', '  review:\n\ttitle');
    const res = await api.request('POST', '/api/v1/templates/validate', {
      key: designer,
      body: source,
      type: 'application/yaml',
    });
    expectProblem(res, 422, 'template-invalid');
    const cli = validateTemplate(source).issues.map(
      ({ line, col, pointer, code, severity, message }) => ({
        line,
        col,
        pointer,
        code,
        severity,
        message,
      }),
    );
    expect(res.body.errors).toEqual(cli);
    expect(res.body.errors.map((e: any) => e.code)).toContain('yaml-tab');
    const typo = templateSource('love-meals').replace(
      '        - target: rejected',
      '        - target: rejectd',
    );
    const located = await api.request('POST', '/api/v1/templates', {
      key: designer,
      body: typo,
      type: 'application/yaml',
    });
    expectProblem(located, 422, 'template-invalid');
    const line = typo.split('\n').findIndex((l) => l.includes('rejectd')) + 1;
    expect(located.body.errors).toContainEqual(
      expect.objectContaining({
        code: 'unknown-target',
        line,
        pointer: '/states/applied/on/review/1/target',
      }),
    );
    const json = await api.post('/api/v1/templates/validate', designer, {
      source: 'dsl: relief/v1\nid: [',
    });
    expectProblem(json, 422, 'template-invalid');
    expect(json.body.errors[0]).toMatchObject({ code: 'yaml-syntax', line: 2 });
  });

  it('text the database cannot store (NUL, lone surrogates): 400, or a row error in an import', async () => {
    for (const text of ['a\\u0000b', '\\ud800'])
      expectProblem(
        await api.request('POST', `/api/v1/cases/${caseId}/events`, {
          key: committee,
          body: `{"type":"assess","payload":{"note":"${text}"}}`,
          type: 'application/json',
        }),
        400,
        'invalid-string',
      );
    const ndjson =
      '{"data":{"name":"a\\u0000","age":80,"address":"x"}}\n{"data":{"name":"ok","age":80,"address":"x"}}\n';
    const res = await api.request(
      'POST',
      `/api/v1/programmes/${programme}/cases/import?dryRun=true`,
      { key: admin, body: ndjson, type: 'application/x-ndjson' },
    );
    expect(res.body).toMatchObject({
      created: 1,
      failed: 1,
      errors: [{ row: 1, code: 'invalid-string' }],
    });
    expectProblem(
      await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
        key: admin,
        body: 'name\n\u0000\n',
        type: 'text/csv',
      }),
      400,
      'invalid-string',
    );
    const yaml = templateSource('love-meals')
      .replace(
        'title: { zh: 爱心餐, en: Love meals }',
        'title: { zh: "爱心餐\\0", en: Love meals }',
      )
      .replace(/^version: 1$/m, 'version: 9');
    const stored = await api.request('POST', '/api/v1/templates', {
      key: designer,
      body: yaml,
      type: 'application/yaml',
    });
    expect(stored.status).toBeGreaterThanOrEqual(400);
    expect(stored.status).toBeLessThan(500);
  });

  it('wrong media type or charset: 415', async () => {
    expectProblem(
      await api.request('POST', '/api/v1/programmes', {
        key: admin,
        body: 'template=love-meals',
        type: 'application/x-www-form-urlencoded',
      }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await api.request('POST', '/api/v1/programmes', { key: admin, body: '{}' }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
        key: admin,
        body: '{}',
        type: 'application/json',
      }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
        key: admin,
        body: 'name\n',
        type: 'text/csv; charset=gbk',
      }),
      415,
      'unsupported-charset',
    );
  });

  it('bodies over the limits: 413, and an oversized import writes nothing', async () => {
    const big = JSON.stringify({ data: { name: 'x'.repeat(1_100_000), age: 80, address: 'a' } });
    expectProblem(
      await api.request('POST', `/api/v1/programmes/${programme}/cases`, {
        key: admin,
        body: big,
        type: 'application/json',
      }),
      413,
      'content-too-large',
    );
    const before = await count();
    // One endless quoted cell, sent as a stream without Content-Length: the limit is enforced as
    // the bytes arrive, before any row is complete.
    const chunk = new TextEncoder().encode('王'.repeat(1 << 18));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name,age,address\n"'));
        for (let sent = 0; sent < 21_000_000; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${t.url}/api/v1/programmes/${programme}/cases/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('an import over 100,000 rows: 422 before anything is written', async () => {
    const before = await count();
    const csv = 'name,age,address\n' + '张,80,某地\n'.repeat(100_001);
    const res = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: csv,
      type: 'text/csv',
    });
    expectProblem(res, 422, 'import-too-many-rows');
    expect(await count()).toBe(before);
  });

  it('unknown fields: 422 with the field paths', async () => {
    const res = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district: 'sh/putuo',
      colour: 'red',
    });
    expectProblem(res, 422, 'validation-failed');
    expect(res.body.errors).toEqual([{ path: '/colour', message: 'is not a declared field' }]);
    const data = await api.post(`/api/v1/programmes/${programme}/cases`, admin, {
      data: { name: '李', age: 90, address: 'a', nickname: '阿李' },
    });
    expectProblem(data, 422, 'validation-failed');
    expect(data.body.errors).toEqual([{ path: '/nickname', message: 'is not a declared field' }]);
    const header = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: 'name,age,address,身份证号\n李,90,a,310000\n',
      type: 'text/csv',
    });
    expectProblem(header, 422, 'import-header-invalid');
    expect(header.body.errors).toEqual([
      {
        path: '/header/3',
        message: expect.stringContaining("column '身份证号' is not a data field"),
      },
    ]);
    const payload = await api.post(`/api/v1/cases/${caseId}/events`, committee, {
      type: 'assess',
      payload: { careLevel: 1, mobilityImpaired: true, extra: 1 },
    });
    expectProblem(payload, 422, 'validation-failed');
  });

  it('invalid UTF-8: 400, and an import with a bad byte in the middle writes nothing', async () => {
    const json = Buffer.concat([
      Buffer.from('{"template":"love-meals","district":"sh/'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    expectProblem(
      await api.request('POST', '/api/v1/programmes', {
        key: admin,
        body: json,
        type: 'application/json',
      }),
      400,
      'invalid-utf8',
    );
    const before = await count();
    const csv = Buffer.concat([
      Buffer.from('name,age,address\n张三,80,某地\n'),
      Buffer.from([0xd5, 0xc5]),
      Buffer.from('三,81,某地\n'),
    ]);
    const res = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: csv,
      type: 'text/csv',
    });
    expectProblem(res, 400, 'invalid-utf8');
    expect(res.body.detail).toMatch(/CSV UTF-8/);
    expect(await count()).toBe(before);
  });

  it('malformed CSV: 400 with the line, nothing written', async () => {
    const before = await count();
    const res = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: 'name,age,address\n张三,80,某地\n"李四,81,某地\n',
      type: 'text/csv',
    });
    expectProblem(res, 400, 'malformed-csv');
    expect(await count()).toBe(before);
    expectProblem(
      await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
        key: admin,
        body: '',
        type: 'text/csv',
      }),
      422,
      'import-empty',
    );
  });

  it('bad headers, query values, ids and methods', async () => {
    expectProblem(
      await api.post(
        `/api/v1/cases/${caseId}/events`,
        committee,
        { type: 'review' },
        { 'if-match': 'yesterday' },
      ),
      400,
      'invalid-if-match',
    );
    expectProblem(
      await api.post(
        `/api/v1/cases/${caseId}/events`,
        committee,
        { type: 'review' },
        { 'idempotency-key': 'k'.repeat(201) },
      ),
      400,
      'invalid-idempotency-key',
    );
    expectProblem(
      await api.get(`/api/v1/programmes/${programme}/cases?limit=0`, admin),
      400,
      'invalid-query',
    );
    expectProblem(
      await api.get(`/api/v1/programmes/${programme}/cases?limit=1&limit=2`, admin),
      400,
      'invalid-query',
    );
    expectProblem(
      await api.get(`/api/v1/programmes/${programme}/stats?tz=Mars/Olympus`, admin),
      400,
      'invalid-query',
    );
    expectProblem(
      await api.get(`/api/v1/programmes/${programme}/cases?cursor=garbage`, admin),
      404,
      'not-found',
    );
    expectProblem(await api.get('/api/v1/cases/not-a-uuid', admin), 404, 'not-found');
    expectProblem(
      await api.get('/api/v1/templates/love-meals/versions/one', admin),
      404,
      'not-found',
    );
    expectProblem(await api.get('/api/v1/nothing-here', admin), 404, 'no-route');
    const put = await api.request('PUT', `/api/v1/programmes/${programme}`, {
      key: admin,
      json: {},
    });
    expectProblem(put, 405, 'method-not-allowed');
    expect(put.headers.get('allow')).toBe('GET, PATCH');
    expectProblem(
      await api.patch(`/api/v1/programmes/${programme}`, admin, {}),
      422,
      'validation-failed',
    );
    expectProblem(
      await api.post('/api/v1/programmes', admin, { template: 'love-meals', district: '../etc' }),
      422,
      'validation-failed',
    );
    expectProblem(
      await api.request('GET', '/api/v1/health', { headers: { accept: 'text/html' } }),
      406,
      'not-acceptable',
    );
  });

  it('refused changes leave no trace, and the server keeps serving without logging personal data', async () => {
    const programmesBefore = (await api.get('/api/v1/programmes', admin)).body.items.length;
    expectProblem(
      await api.post('/api/v1/programmes', admin, {
        template: 'love-meals',
        district: 'sh/putuo',
        params: { minAge: 'eighty' },
      }),
      422,
      'validation-failed',
    );
    expectProblem(
      await api.post('/api/v1/programmes', admin, {
        template: 'no-such-template',
        district: 'sh/putuo',
      }),
      409,
      'template-not-published',
    );
    expect((await api.get('/api/v1/programmes', admin)).body.items.length).toBe(programmesBefore);
    const before = (await api.get(`/api/v1/cases/${caseId}`, admin)).body.version;
    expectProblem(
      await api.post(`/api/v1/cases/${caseId}/events`, committee, {
        type: 'fail',
        payload: { reason: 'x' },
      }),
      409,
      'event-not-accepted',
    );
    expect((await api.get(`/api/v1/cases/${caseId}`, admin)).body.version).toBe(before);
    expectProblem(
      await api.post(`/api/v1/programmes/${programme}/cases`, admin, {
        data: { name: '重复', age: 80, address: 'a' },
        ref: 'A-1',
      }),
      409,
      'duplicate-ref',
    );
    expect((await api.get('/api/v1/health')).body).toMatchObject({
      status: 'ok',
      database: 'pglite',
    });
    const logged = JSON.stringify(t.logs);
    for (const secret of ['王阿婆', '13800000001', '梅岭北路', '张三', '李四', '重复'])
      expect(logged).not.toContain(secret);
    expect(
      t.logs
        .filter((l) => l.msg === 'request')
        .every((l) => typeof l.requestId === 'string' && typeof l.status === 'number'),
    ).toBe(true);
  });
});
