/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Retention, as a scenario: a love-meals programme (`x-relief-retention: P1Y`) enrols and rejects
 * residents and ends a service; the clock moves past a year; the retention job (the server runs it
 * hourly; here it is called once) erases the personal fields of the ended cases from the cases,
 * their history payloads and the case list the console exports, keeps what the figures read, and
 * the statistics are unchanged. An open case keeps everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const DAY = 86_400_000;
/** Marked in love-meals and read by no figure (`age` is: `where: data.age >= 80`). */
const ERASED = [
  'name',
  'address',
  'phone',
  'careLevel',
  'mobilityImpaired',
  'suspendReason',
  'endReason',
];

describe.each(DATABASES)('retention of personal data on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    api = (await connect(t.url)).api;
  }, 240_000);
  afterAll(async () => t?.close());

  it('erases the personal fields of cases ended more than a year ago; figures stay', async () => {
    const admin = await createKey(api, t.ownerKey, ['admin'], 'sh/putuo');
    const committee = await createKey(api, t.ownerKey, ['committee'], 'sh/putuo');
    const p = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district: 'sh/putuo/changzheng',
    });
    expect(p.status, p.text).toBe(201);
    const open = async (name: string, age: number, mobilityImpaired: boolean) => {
      const c = await api.post(`/api/v1/programmes/${p.body.id}/cases`, admin, {
        data: { name, age, address: `长征镇${name}家`, phone: '13800000000', mobilityImpaired },
      });
      expect(c.status, c.text).toBe(201);
      const id = c.body.id as string;
      const reviewed = await api.post(`/api/v1/cases/${id}/events`, committee, { type: 'review' });
      expect(reviewed.status, reviewed.text).toBe(200);
      return id;
    };
    const ended = await open('王阿婆', 86, true);
    const rejected = await open('李大爷', 70, false);
    const active = await open('张奶奶', 90, true);
    const end = await api.post(`/api/v1/cases/${ended}/events`, committee, {
      type: 'end',
      payload: { reason: '入住养老院' },
    });
    expect(end.status, end.text).toBe(200);
    const stats = async () =>
      (await api.get(`/api/v1/programmes/${p.body.id}/stats`, admin)).body as unknown;
    // not yet a year: nothing is erased
    t.clock.advance(300 * DAY);
    expect(await t.server.store.applyRetention()).toBe(0);
    t.clock.advance(70 * DAY);
    const before = await stats();
    expect(await t.server.store.applyRetention()).toBe(2);
    expect(await t.server.store.applyRetention()).toBe(0);

    for (const id of [ended, rejected]) {
      const c = await api.get(`/api/v1/cases/${id}`, admin);
      for (const field of ERASED) expect(c.body.data, `case ${field}`).not.toHaveProperty(field);
      expect(c.body.data.age, 'kept: a figure reads it').toBeGreaterThan(0);
      const history = await api.get(`/api/v1/cases/${id}/history`, admin);
      for (const entry of history.body.items)
        for (const field of [...ERASED, 'reason'])
          expect(entry.payload, `history ${entry.type} ${field}`).not.toHaveProperty(field);
      expect(history.body.items.length).toBeGreaterThan(1);
    }
    const list = await api.get(`/api/v1/programmes/${p.body.id}/cases`, admin);
    const byId = new Map(list.body.items.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys((byId.get(ended) as { data: object }).data)).not.toContain('name');
    expect((byId.get(active) as { data: { name: string } }).data.name).toBe('张奶奶');
    expect((await api.get(`/api/v1/cases/${active}`, admin)).body.data.phone).toBe('13800000000');
    expect(await stats()).toEqual(before);
    const erasures = await t.server.store.caseErasures(ended);
    expect(erasures).toEqual([
      expect.objectContaining({ reason: 'retention', actor: null, fields: expect.any(Array) }),
    ]);
    expect([...erasures[0]!.fields].sort()).toEqual([...ERASED].sort());
  }, 120_000);
});
