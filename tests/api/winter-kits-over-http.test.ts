/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Winter kits (温暖包) driven end to end over HTTP only, against a real listening server (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set): allocations drawn from ledgers that never go negative, a paused programme refusing events, balances in the stats.
 */
import { describe, expect, it } from 'vitest';
import { createKey, expectProblem } from './api-fixtures.js';
import { publishVersion2, useHttpSuite } from './http-suite.js';
import { DATABASES } from './test-server.js';

describe.each(DATABASES)('winter-kits over HTTP on %s', (kind) => {
  const suite = useHttpSuite(kind);

  it('a designer validates, stores and publishes version 2', async () => {
    await publishVersion2(suite.api, suite.designer, 'winter-kits');
  });

  it('winter kits (温暖包): allocations drawn from ledgers that never go negative, balances in the stats', async () => {
    const { t, api } = suite;
    const district = 'henan/sanmenxia/lingbao/zhuyang';
    const admin = await createKey(api, t.ownerKey, ['admin'], 'henan/sanmenxia/lingbao');
    const civil = await createKey(api, t.ownerKey, ['civilAffairs'], district);
    const volunteer = await createKey(api, t.ownerKey, ['volunteer'], district);
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'winter-kits',
      district,
      params: { warmthPacks: 1, childFundYuan: 300.5 },
    });
    expect(started.status, started.text).toBe(201);
    const programme = started.body.id as string;
    const badParams = await api.post('/api/v1/programmes', admin, {
      template: 'winter-kits',
      district,
      params: { quiltSets: -1 },
    });
    expectProblem(badParams, 422, 'validation-failed');
    const roster = [
      'name,category,village,guardian',
      '小明,leftBehindChild,朱阳镇,爷爷',
      '小红,leftBehindChild,朱阳镇,奶奶',
      '小刚,childInDifficulty,朱阳镇,',
      '小丽,childInDifficulty,朱阳镇,',
    ].join('\n');
    const imported = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: roster,
      type: 'text/csv',
    });
    expect(imported.body).toMatchObject({ created: 4, failed: 0 });
    const [ming, hong, gang, li] = imported.body.cases.map((c: any) => c.id) as string[];
    for (const id of [ming, hong, gang, li])
      await api.post(`/api/v1/cases/${id}/events`, civil, { type: 'confirmCategory' });
    expect(
      (await api.post(`/api/v1/cases/${ming}/events`, civil, { type: 'allocate' })).body.case.data
        .allocatedItem,
    ).toBe('warmthPack');
    expectProblem(
      await api.post(`/api/v1/cases/${hong}/events`, civil, { type: 'allocate' }),
      409,
      'guard-refused',
    );
    expect(
      (await api.post(`/api/v1/cases/${gang}/events`, civil, { type: 'allocate' })).body.case.data
        .allocatedYuan,
    ).toBe(200);
    expectProblem(
      await api.post(`/api/v1/cases/${li}/events`, civil, { type: 'allocate' }),
      409,
      'guard-refused',
    );
    const volunteerWork = await api.get('/api/v1/worklist', volunteer);
    expect(volunteerWork.body.items.map((i: any) => i.case.id).sort()).toEqual([ming, gang].sort());
    await api.post(`/api/v1/cases/${ming}/events`, volunteer, { type: 'deliver' });
    const signed = await api.post(`/api/v1/cases/${ming}/events`, volunteer, {
      type: 'signReceipt',
      payload: { signedBy: '爷爷' },
    });
    expect(signed.body.case.state).toBe('receiptSigned');
    const stats = await api.get(`/api/v1/programmes/${programme}/stats`, admin);
    expect(stats.body.ledgers).toEqual({
      'child-goods-fund': 100.5,
      'quilt-sets': 1500,
      'warmth-packs': 0,
      'winter-clothes': 50,
    });
    expect(stats.body.cases.byState).toEqual({
      allocated: 1,
      categoryConfirmed: 2,
      receiptSigned: 1,
    });
    const paused = await api.patch(`/api/v1/programmes/${programme}`, admin, { status: 'paused' });
    expect(paused.body.status).toBe('paused');
    expectProblem(
      await api.post(`/api/v1/cases/${gang}/events`, volunteer, { type: 'deliver' }),
      409,
      'programme-not-active',
    );
    expectProblem(
      await api
        .patch(`/api/v1/programmes/${programme}`, admin, { status: 'closed' })
        .then(() => api.patch(`/api/v1/programmes/${programme}`, admin, { status: 'active' })),
      409,
      'programme-status',
    );
    // Status changes are recorded like parameter changes; the refused reopening is not.
    const detail = await api.get(`/api/v1/programmes/${programme}`, admin);
    expect(detail.body.changes.map((c: any) => [c.kind, c.before, c.after])).toEqual([
      ['status', 'active', 'paused'],
      ['status', 'paused', 'closed'],
    ]);
    expect(detail.body.changes[0].changedBy).toEqual(expect.any(String));
  });
});
