/**
 * Issue 10, item 7 over real HTTP: `multipleOf: 0.01` is compared with ajv's `multipleOfPrecision`,
 * so a payment of 0.07 is taken (and moves the ledger by exactly 0.07), while 0.004 is refused
 * with 422 naming the field and the ledger is untouched.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const SOURCE = readFileSync(new URL('./fen-amounts.yaml', import.meta.url), 'utf8');

describe.each(DATABASES)('amounts in fen over HTTP (%s)', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let admin: string;
  let worker: string;
  let caseId: string;
  let programmeId: string;
  const fund = async () =>
    (await api.get(`/api/v1/programmes/${programmeId}`, admin)).body.ledgers.fund as unknown;

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    admin = await createKey(api, t.ownerKey, ['admin'], 'sh');
    worker = await createKey(api, t.ownerKey, ['worker'], 'sh');
    const designer = await createKey(api, t.ownerKey, ['designer'], 'sh');
    const saved = await api.request('POST', '/api/v1/templates', {
      key: designer,
      body: SOURCE,
      type: 'application/yaml',
    });
    expect(saved.status, saved.text).toBe(201);
    const published = await api.post('/api/v1/templates/fen-amounts/versions/1/publish', designer);
    expect(published.status, published.text).toBe(200);
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'fen-amounts',
      district: 'sh',
    });
    expect(started.status, started.text).toBe(201);
    programmeId = started.body.id as string;
    const opened = await api.post(`/api/v1/programmes/${programmeId}/cases`, admin, {
      data: { name: 'x' },
    });
    expect(opened.status, opened.text).toBe(201);
    caseId = opened.body.id as string;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('takes 0.07 for multipleOf 0.01 and moves the ledger by exactly that', async () => {
    const paid = await api.post(`/api/v1/cases/${caseId}/events`, worker, {
      type: 'pay',
      payload: { amount: 0.07 },
    });
    expect(paid.status, paid.text).toBe(200);
    expect(await fund()).toBe(99.93);
  });

  it('refuses 0.004 with 422 naming the field, and writes nothing', async () => {
    const before = await api.get(`/api/v1/cases/${caseId}`, worker);
    const refused = await api.post(`/api/v1/cases/${caseId}/events`, worker, {
      type: 'pay',
      payload: { amount: 0.004 },
    });
    expectProblem(refused, 422, 'validation-failed');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        path: '/amount',
        message: expect.stringMatching(/multiple of 0\.01/),
      }),
    ]);
    const after = await api.get(`/api/v1/cases/${caseId}`, worker);
    expect(after.body.version).toBe(before.body.version);
    expect(await fund()).toBe(99.93);
  });
});
