/* eslint-disable @typescript-eslint/no-unsafe-call --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * The access log over HTTP: every read of case data by a person or a key is recorded with who,
 * when and through which endpoint; auditors read it per case and per reader; a reader who reads
 * more than the threshold of one programme's cases in a window is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { createPerson, signIn } from './people-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

describe.each(DATABASES)('access log on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    api = (await connect(t.url)).api;
  }, 180_000);
  afterAll(async () => t?.close());

  it('records who read which case, when and how; auditors read it; bulk readers are flagged', async () => {
    const owner = t.ownerKey;
    const admin = await createKey(api, owner, ['admin'], 'sh/putuo');
    const auditor = await createKey(api, owner, ['auditor'], 'sh/putuo');
    const courier = await createKey(api, owner, ['courier'], 'sh/putuo');
    const p = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district: 'sh/putuo',
    });
    expect(p.status, p.text).toBe(201);
    const cases: string[] = [];
    for (const name of ['王阿婆', '李大爷', '张奶奶']) {
      const c = await api.post(`/api/v1/programmes/${p.body.id}/cases`, admin, {
        data: { name, age: 85, address: '长征镇' },
      });
      cases.push(c.body.id as string);
    }
    // opening a case is not a read; reading it is
    expect((await api.get(`/api/v1/cases/${cases[0]}/reads`, auditor)).body.items).toEqual([]);
    await api.get(`/api/v1/cases/${cases[0]}`, courier);
    await api.get(`/api/v1/cases/${cases[0]}/history`, courier);
    await api.get(`/api/v1/programmes/${p.body.id}/cases`, admin);
    await createPerson(api, owner, { login: 'log.cadre', roles: ['cadre'], district: 'sh/putuo' });
    const person = await signIn(api, 'log.cadre');
    const read = await api.request('GET', `/api/v1/cases/${cases[1]}`, {
      headers: { cookie: person.cookie },
    });
    expect(read.status, read.text).toBe(200);

    const first = await api.get(`/api/v1/cases/${cases[0]}/reads`, auditor);
    expect(first.status, first.text).toBe(200);
    const rows = first.body.items as { via: string; readerKind: string; reader: string }[];
    expect(rows.map((r) => [r.via, r.readerKind])).toEqual([
      ['listCases', 'key'],
      ['getCaseHistory', 'key'],
      ['getCase', 'key'],
    ]);
    const courierId = rows[2]!.reader;
    const byCourier = await api.get(`/api/v1/access-log?reader=${courierId}`, auditor);
    expect(byCourier.body.items.map((r: { caseId: string }) => r.caseId)).toEqual([
      cases[0],
      cases[0],
    ]);
    const second = await api.get(`/api/v1/cases/${cases[1]}/reads`, admin);
    expect(second.body.items[0]).toMatchObject({
      via: 'getCase',
      readerKind: 'person',
      reader: person.person.id,
    });
    // the admin read three cases of the programme in one window: flagged above 2, not above 3
    const flagged = await api.get('/api/v1/access-log/flags?threshold=2&window=60', auditor);
    expect(flagged.status, flagged.text).toBe(200);
    expect(flagged.body.items).toEqual([
      expect.objectContaining({ programmeId: p.body.id, cases: 3, readerKind: 'key' }),
    ]);
    expect((await api.get('/api/v1/access-log/flags?threshold=3', auditor)).body.items).toEqual([]);
    // bad input is refused and located
    expectProblem(
      await api.get('/api/v1/access-log/flags?threshold=0', auditor),
      400,
      'invalid-query',
    );
    expectProblem(
      await api.get('/api/v1/access-log/flags?since=yesterday', auditor),
      400,
      'invalid-since',
    );
    // the courier may not read the log; another district's auditor sees none of it
    expectProblem(await api.get(`/api/v1/cases/${cases[0]}/reads`, courier), 403, 'forbidden');
    const elsewhere = await createKey(api, owner, ['auditor'], 'bj/haidian');
    expectProblem(await api.get(`/api/v1/cases/${cases[0]}/reads`, elsewhere), 404, 'not-found');
    expect((await api.get('/api/v1/access-log', elsewhere)).body.items).toEqual([]);
  }, 180_000);
});
