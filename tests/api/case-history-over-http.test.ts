/**
 * Issue 10, item 11 over real HTTP: a case's history is served a page at a time, keyset on `seq`.
 * Following `nextCursor` returns every event exactly once, in order, even while events are
 * appended between pages; a cursor sent again returns the same page; a forged one is 404.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const SOURCE = readFileSync(new URL('./fen-amounts.yaml', import.meta.url), 'utf8');
const EVENTS = 24;

describe.each(DATABASES)('case history pages over HTTP (%s)', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let worker: string;
  let caseId: string;

  const pay = async () => {
    const res = await api.post(`/api/v1/cases/${caseId}/events`, worker, {
      type: 'pay',
      payload: { amount: 0.01 },
    });
    expect(res.status, res.text).toBe(200);
  };
  const history = (query: string) => api.get(`/api/v1/cases/${caseId}/history${query}`, worker);

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    const admin = await createKey(api, t.ownerKey, ['admin'], 'sh');
    worker = await createKey(api, t.ownerKey, ['worker'], 'sh');
    const designer = await createKey(api, t.ownerKey, ['designer'], 'sh');
    const yaml = { key: designer, body: SOURCE, type: 'application/yaml' };
    expect((await api.request('POST', '/api/v1/templates', yaml)).status).toBe(201);
    await api.post('/api/v1/templates/fen-amounts/versions/1/publish', designer);
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'fen-amounts',
      district: 'sh',
    });
    expect(started.status, started.text).toBe(201);
    const opened = await api.post(`/api/v1/programmes/${started.body.id as string}/cases`, admin, {
      data: { name: 'x' },
    });
    caseId = opened.body.id as string;
    for (let i = 0; i < EVENTS; i++) await pay();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pages with limit and cursor, every event once and in order, while events are appended', async () => {
    const seqs: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await history(`?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.text).toBe(200);
      const items = res.body.items as { seq: number }[];
      expect(items.length).toBeLessThanOrEqual(10);
      seqs.push(...items.map((e) => e.seq));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      // An event appended after the first page is served on a later one, not lost.
      if (pages === 1) await pay();
    } while (cursor !== null && pages < 10);
    expect(cursor).toBeNull();
    expect(seqs).toEqual(Array.from({ length: EVENTS + 2 }, (_, i) => i + 1));
    expect(pages).toBe(3);
  });

  it('answers the same page for the same cursor, and 404 for a forged one', async () => {
    const first = await history('?limit=5');
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const again = await history(`?limit=5&cursor=${cursor}`);
    const twice = await history(`?limit=5&cursor=${cursor}`);
    expect(again.body).toEqual(twice.body);
    expect((again.body.items as { seq: number }[]).map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
    expectProblem(await history('?cursor=bm90LWEtY3Vyc29y'), 404, 'not-found');
    expectProblem(await history('?limit=0'), 400, 'invalid-query');
  });

  it('serves up to 500 events on one page when no limit is asked', async () => {
    const all = await history('');
    expect(all.body.items).toHaveLength(EVENTS + 2);
    expect(all.body.nextCursor).toBeNull();
  });
});
