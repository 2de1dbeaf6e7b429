/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Love meals (爱心餐) driven end to end over HTTP only, against a real listening server (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set): CSV roster (Chinese, with a BOM and bad rows), review by the programme rule, the last hundred metres from the worklists, idempotent and conditional events, a signed webhook, parameters changed mid-programme, stats.
 */
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@relief/engine/webhooks';
import { eventually } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { publishVersion2, useHttpSuite } from './http-suite.js';
import { DATABASES } from './test-server.js';

describe.each(DATABASES)('love-meals over HTTP on %s', (kind) => {
  const suite = useHttpSuite(kind);

  it('a designer validates, stores and publishes version 2', async () => {
    await publishVersion2(suite.api, suite.designer, 'love-meals');
  });

  it('love meals (爱心餐): CSV roster, review by the rule, the last hundred metres, a signed webhook, stats', async () => {
    const { t, api, receiver, secret } = suite;
    const district = 'sh/putuo/changzheng';
    const admin = await createKey(api, t.ownerKey, ['admin'], 'sh/putuo');
    const committee = await createKey(api, t.ownerKey, ['committee'], district);
    const courier = await createKey(api, t.ownerKey, ['courier'], district);
    const cadre = await createKey(api, t.ownerKey, ['cadre'], district);
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district,
    });
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({
      version: 2,
      params: { minAge: 80, minCareLevel: 5, openEnrollment: false },
    });
    const programme = started.body.id as string;

    const roster = [
      'ref,name,age,careLevel,mobilityImpaired,address,phone',
      'LM-001,王阿婆,85,0,是,长征镇梅岭北路 3 号 201 室,13800000001',
      'LM-002,李老伯,78,5,否,长征镇梅岭北路 5 号 102 室,',
      'LM-003,张阿姨,75,,false,"长征镇梅岭北路 7 号, 3 楼",',
      'LM-004,赵大爷,八十,0,false,长征镇某弄,',
      'LM-001,重复的王阿婆,90,0,true,长征镇某弄,',
    ].join('\r\n');
    const csv = (query = '') =>
      api.request('POST', `/api/v1/programmes/${programme}/cases/import${query}`, {
        key: admin,
        body: '\uFEFF' + roster,
        type: 'text/csv; charset=utf-8',
      });
    const dry = await csv('?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, rows: 5, created: 3, failed: 2 });
    expect((await api.get(`/api/v1/programmes/${programme}/cases`, admin)).body.items).toEqual([]);
    const imported = await csv();
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({
      dryRun: false,
      rows: 5,
      created: 3,
      skipped: 0,
      failed: 2,
    });
    expect(imported.body.errors.map((e: any) => [e.row, e.line, e.code])).toEqual([
      [4, 5, 'validation-failed'],
      [5, 6, 'duplicate-ref'],
    ]);
    expect(imported.body.errors[0].errors).toEqual([{ path: '/age', message: 'must be integer' }]);
    const again = await csv('?dedupe=ref');
    expect(again.body).toMatchObject({ created: 0, skipped: 4, failed: 1 });

    const ids = Object.fromEntries(imported.body.cases.map((c: any) => [c.ref, c.id])) as Record<
      string,
      string
    >;
    const wang = await api.get(`/api/v1/cases/${ids['LM-001']}`, committee);
    expect(wang.body).toMatchObject({
      state: 'applied',
      version: 1,
      data: { name: '王阿婆', age: 85, mobilityImpaired: true, careLevel: 0 },
    });
    expect(wang.body.nextEvents.map((e: any) => e.type)).toEqual(['assess', 'review']);
    expect(wang.headers.get('etag')).toBe('"1"');

    const committeeWork = await api.get('/api/v1/worklist', committee);
    expect(committeeWork.body.items).toHaveLength(3);
    for (const item of committeeWork.body.items) {
      const reviewed = await api.post(`/api/v1/cases/${item.case.id}/events`, committee, {
        type: 'review',
      });
      expect(reviewed.status, reviewed.text).toBe(200);
    }
    const state = async (ref: string) =>
      (await api.get(`/api/v1/cases/${ids[ref]}`, committee)).body.state;
    expect([await state('LM-001'), await state('LM-002'), await state('LM-003')]).toEqual([
      'enrolled.prepared',
      'enrolled.prepared',
      'rejected',
    ]);
    const refused = await api.post(`/api/v1/cases/${ids['LM-003']}/events`, committee, {
      type: 'review',
    });
    expectProblem(refused, 409, 'event-not-accepted');
    const wrongRole = await api.post(`/api/v1/cases/${ids['LM-001']}/events`, cadre, {
      type: 'carryToGate',
    });
    expectProblem(wrongRole, 403, 'role-not-allowed');

    const courierWork = await api.get('/api/v1/worklist', courier);
    expect(courierWork.body.items.map((i: any) => i.nextEvents.map((e: any) => e.type))).toEqual([
      ['carryToGate'],
      ['carryToGate'],
    ]);
    for (const item of courierWork.body.items)
      expect(
        (await api.post(`/api/v1/cases/${item.case.id}/events`, courier, { type: 'carryToGate' }))
          .status,
      ).toBe(200);

    const cadreWork = await api.get('/api/v1/worklist', cadre);
    expect(cadreWork.body.items).toHaveLength(2);
    const target = ids['LM-001']!;
    const stale = await api.post(
      `/api/v1/cases/${target}/events`,
      cadre,
      { type: 'deliver' },
      { 'if-match': '"2"' },
    );
    expectProblem(stale, 409, 'version-conflict');
    const delivered = await api.post(
      `/api/v1/cases/${target}/events`,
      cadre,
      { type: 'deliver' },
      { 'if-match': '"3"', 'idempotency-key': 'deliver-LM-001-day1' },
    );
    expect(delivered.status, delivered.text).toBe(200);
    expect(delivered.body).toMatchObject({
      replayed: false,
      seq: 4,
      case: { state: 'enrolled.delivered', data: { mealsDelivered: 1 } },
    });
    const retried = await api.post(
      `/api/v1/cases/${target}/events`,
      cadre,
      { type: 'deliver' },
      { 'idempotency-key': 'deliver-LM-001-day1' },
    );
    expect(retried.body).toMatchObject({ replayed: true, seq: 4, case: { version: 4 } });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');

    const history = await api.get(`/api/v1/cases/${target}/history`, committee);
    expect(history.body.items.map((h: any) => [h.seq, h.type, h.from, h.to])).toEqual([
      [1, '(open)', null, 'applied'],
      [2, 'review', 'applied', 'enrolled.prepared'],
      [3, 'carryToGate', 'enrolled.prepared', 'enrolled.atGate'],
      [4, 'deliver', 'enrolled.atGate', 'enrolled.delivered'],
    ]);

    const hook = await eventually(
      () =>
        receiver.received.find(
          (r) => r.json.event === 'meal.delivered' && r.json.caseId === target,
        ),
      5000,
      'meal.delivered webhook',
    );
    expect(hook.headers['relief-event']).toBe('meal.delivered');
    expect(
      verifyWebhookSignature(
        secret,
        hook.headers['relief-signature'] as string,
        hook.body,
        t.clock.now(),
      ),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'whsec_wrong',
        hook.headers['relief-signature'] as string,
        hook.body,
        t.clock.now(),
      ),
    ).toBe(false);
    expect(hook.json).toMatchObject({
      programmeId: programme,
      state: 'enrolled.delivered',
      data: { mealsDelivered: 1 },
    });

    const canteenNote = await api.get(`/api/v1/notifications?programme=${programme}`, admin);
    expect(canteenNote.body.items.filter((n: any) => n.role === 'canteen')).toHaveLength(2);

    // Lockdown: enrolment opened up mid-programme; the change is recorded.
    const opened = await api.patch(`/api/v1/programmes/${programme}`, admin, {
      params: { openEnrollment: true },
    });
    expect(opened.body.params).toMatchObject({ openEnrollment: true, minAge: 80 });
    const detail = await api.get(`/api/v1/programmes/${programme}`, admin);
    expect(detail.body.changes).toHaveLength(1);
    expect(detail.body.changes[0]).toMatchObject({
      kind: 'params',
      before: { openEnrollment: false },
      after: { openEnrollment: true },
    });

    const stats = await api.get(`/api/v1/programmes/${programme}/stats`, admin);
    expect(stats.body.cases).toEqual({
      total: 3,
      open: 2,
      done: 1,
      byState: { 'enrolled.atGate': 1, 'enrolled.delivered': 1, rejected: 1 },
      // Every case lives at the street itself: the roll-up is that one row.
      byDistrict: [
        {
          district,
          total: 3,
          open: 2,
          done: 1,
          byState: { 'enrolled.atGate': 1, 'enrolled.delivered': 1, rejected: 1 },
        },
      ],
    });
    const byType = Object.fromEntries(stats.body.events.map((e: any) => [e.type, e.count]));
    expect(byType).toEqual({ '(open)': 3, review: 3, carryToGate: 2, deliver: 1 });
    expect(stats.body.timeZone).toBe('Asia/Shanghai');
  });
});
