/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * A resident's request over HTTP: an admin exports one love-meals case as JSON (every field with
 * its template title and mark, the history with each form) and as a printable page in zh and en,
 * each copy recorded in the access log; erasure is refused while the case is open (nothing
 * changes), then, once the committee has ended it, removes the personal fields from the case and
 * its history, keeps the figures, records who and why, and a second request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** Marked in love-meals and read by no figure (`age` is read by `where: data.age >= 80`). */
const ERASED = [
  'name',
  'address',
  'phone',
  'careLevel',
  'mobilityImpaired',
  'suspendReason',
  'endReason',
];

describe.each(DATABASES)("a resident's request on %s", (kind) => {
  let t: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    t = await startTestServer(kind);
    api = (await connect(t.url)).api;
  }, 240_000);
  afterAll(async () => t?.close());

  it('exports one case as a file, logs it, and erases it once ended; figures stay', async () => {
    const admin = await createKey(api, t.ownerKey, ['admin'], 'sh/putuo');
    const auditor = await createKey(api, t.ownerKey, ['auditor'], 'sh/putuo');
    const committee = await createKey(api, t.ownerKey, ['committee'], 'sh/putuo');
    const p = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district: 'sh/putuo/changzheng',
      title: '长征镇爱心餐',
    });
    expect(p.status, p.text).toBe(201);
    const c = await api.post(`/api/v1/programmes/${p.body.id}/cases`, admin, {
      ref: 'CZ-0001',
      data: { name: '王阿婆', age: 86, address: '长征镇梅川路 1 号', phone: '13800000000' },
    });
    expect(c.status, c.text).toBe(201);
    const id = c.body.id as string;
    const assess = await api.post(`/api/v1/cases/${id}/events`, committee, {
      type: 'assess',
      payload: { careLevel: 5, mobilityImpaired: true },
    });
    expect(assess.status, assess.text).toBe(200);

    // JSON copy: titles, marks, history with forms; an attachment, not cached
    const exported = await api.get(`/api/v1/cases/${id}/export`, admin);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="case-CZ-0001-\d{8}\.json"$/,
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const copy = exported.body;
    expect(copy.programme.title).toBe('长征镇爱心餐');
    expect(copy.programme.template.title).toEqual({ zh: '爱心餐', en: 'Love meals' });
    const field = (name: string) => copy.data.find((f: { name: string }) => f.name === name);
    expect(field('name')).toEqual({
      name: 'name',
      title: { zh: '姓名', en: 'Name' },
      sensitivity: 'personal',
      value: '王阿婆',
    });
    expect(field('careLevel')).toMatchObject({ sensitivity: 'sensitive', value: 5 });
    expect(field('mealsDelivered')).toMatchObject({ sensitivity: null });
    expect(copy.history.map((h: { type: string }) => h.type)).toEqual(['(open)', 'assess']);
    expect(copy.history[0].title).toEqual({ zh: '建立个案', en: 'Case opened' });
    expect(copy.history[0].payload[0]).toMatchObject({ title: { zh: '姓名', en: 'Name' } });
    const assessed = copy.history[1];
    expect(assessed.roles).toEqual([
      { role: 'committee', title: { zh: '居委会', en: "Residents' committee" } },
    ]);
    expect(
      assessed.payload.map((f: { name: string; value: unknown }) => [f.name, f.value]),
    ).toEqual([
      ['careLevel', 5],
      ['mobilityImpaired', true],
    ]);

    // printable page in both languages; a bad language or time zone is a located 400
    const zh = await api.get(`/api/v1/cases/${id}/printout`, admin);
    expect(zh.status, zh.text).toBe(200);
    expect(zh.headers.get('content-type')).toMatch(/^text\/html/);
    expect(zh.headers.get('content-disposition')).toMatch(/filename="case-CZ-0001-\d{8}\.html"/);
    for (const text of ['个人信息副本', '长征镇爱心餐', '姓名', '王阿婆', '敏感个人信息', '居委会'])
      expect(zh.text).toContain(text);
    expect(zh.text).not.toMatch(/<script/i);
    const en = await api.get(`/api/v1/cases/${id}/printout?lang=en&tz=Europe/London`, admin);
    expect(en.status, en.text).toBe(200);
    for (const text of [
      'Copy of your personal data',
      'Name',
      'Sensitive',
      'Residents&#39; committee',
    ])
      expect(en.text).toContain(text);
    expectProblem(
      await api.get(`/api/v1/cases/${id}/printout?lang=fr`, admin),
      400,
      'invalid-query',
    );
    expectProblem(
      await api.get(`/api/v1/cases/${id}/printout?tz=Mars/Base`, admin),
      400,
      'invalid-query',
    );
    expectProblem(await api.get(`/api/v1/cases/${id}/export`, auditor), 403, 'forbidden');

    // each copy is in the access log, by its own operation
    const reads = await api.get(`/api/v1/cases/${id}/reads`, auditor);
    const vias = (reads.body.items as { via: string }[]).map((r) => r.via);
    expect(vias.filter((v) => v === 'exportCase')).toHaveLength(1);
    expect(vias.filter((v) => v === 'printCase')).toHaveLength(2);

    // erasure of an open case: refused, nothing changes
    const stats = async () =>
      (await api.get(`/api/v1/programmes/${p.body.id}/stats`, admin)).body as unknown;
    const before = await api.get(`/api/v1/cases/${id}`, admin);
    const refused = await api.post(`/api/v1/cases/${id}/erasure`, admin, { note: '本人书面申请' });
    expectProblem(refused, 409, 'case-still-open');
    expect(refused.body.detail).toMatch(/end the case first/);
    const unchanged = await api.get(`/api/v1/cases/${id}`, admin);
    expect(unchanged.body.data).toEqual(before.body.data);
    expect(unchanged.body.version).toBe(before.body.version);
    // a note is required and says why
    const noNote = await api.post(`/api/v1/cases/${id}/erasure`, admin, { note: '  ' });
    expectProblem(noNote, 422, 'validation-failed');
    expect(noNote.body.errors[0].path).toBe('/note');

    // the committee enrols and then ends it (the resident's request as the reason); the admin erases
    const review = await api.post(`/api/v1/cases/${id}/events`, committee, { type: 'review' });
    expect(review.status, review.text).toBe(200);
    const end = await api.post(`/api/v1/cases/${id}/events`, committee, {
      type: 'end',
      payload: { reason: '本人申请退出并删除信息' },
    });
    expect(end.status, end.text).toBe(200);
    const figures = await stats();
    const erased = await api.post(`/api/v1/cases/${id}/erasure`, admin, {
      note: '王阿婆 2026-12-01 书面申请',
    });
    expect(erased.status, JSON.stringify(t.logs.filter((l) => l.level === 'error'))).toBe(200);
    expect(erased.body).toMatchObject({
      caseId: id,
      reason: 'request',
      actor: expect.any(String),
      note: '王阿婆 2026-12-01 书面申请',
      alreadyErased: false,
    });
    expect([...erased.body.fields].sort()).toEqual([...ERASED].sort());
    const after = await api.get(`/api/v1/cases/${id}`, admin);
    for (const name of ERASED) expect(after.body.data, name).not.toHaveProperty(name);
    expect(after.body.data.age, 'kept: a figure reads it').toBe(86);
    expect(after.body.done).toBe(true);
    const history = await api.get(`/api/v1/cases/${id}/history`, admin);
    for (const entry of history.body.items)
      for (const name of [...ERASED, 'reason'])
        expect(entry.payload, `${entry.type} ${name}`).not.toHaveProperty(name);
    expect(history.body.items).toHaveLength(4);
    expect(await stats()).toEqual(figures);

    // again: the same erasure, nothing new
    const again = await api.post(`/api/v1/cases/${id}/erasure`, admin, { note: '重复提交' });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ alreadyErased: true, note: '王阿婆 2026-12-01 书面申请' });
    expect(again.body.at).toBe(erased.body.at);
    expect(await t.server.store.caseErasures(id)).toHaveLength(1);

    // the copy now shows the erasure and no personal value
    const later = await api.get(`/api/v1/cases/${id}/export`, admin);
    expect(later.body.erasures).toEqual([
      {
        at: erased.body.at,
        reason: 'request',
        fields: erased.body.fields,
        actor: erased.body.actor,
        note: '王阿婆 2026-12-01 书面申请',
      },
    ]);
    for (const f of later.body.data as { name: string; value: unknown }[])
      if (ERASED.includes(f.name)) expect(f.value, f.name).toBeNull();
    expect(later.text).not.toContain('13800000000');
    expect(later.text).not.toContain('梅川路');
  }, 120_000);
});
