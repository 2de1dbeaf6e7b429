/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Farmer sales (助农销售) driven end to end over HTTP only, against a real listening server (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set): an NDJSON roster, commitments summed against the reported stock, `sales.matched` and `sales.closed` delivered to a second integrator after a receiver outage, retried and logged.
 */
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@relief/engine/webhooks';
import { eventually } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { publishVersion2, useHttpSuite } from './http-suite.js';
import { DATABASES } from './test-server.js';

describe.each(DATABASES)('farmer-sales over HTTP on %s', (kind) => {
  const suite = useHttpSuite(kind);

  it('a designer validates, stores and publishes version 2', async () => {
    await publishVersion2(suite.api, suite.designer, 'farmer-sales');
  });

  it('farmer sales (助农销售): commitments summed against stock, matched and closed events delivered after a receiver outage', async () => {
    const { t, api, receiver, webhookId, integrator } = suite;
    const district = 'henan/sanmenxia/lingbao';
    const admin = await createKey(api, t.ownerKey, ['admin'], 'henan');
    const helping = await createKey(api, t.ownerKey, ['helpingUnit'], district);
    const buyer = await createKey(api, t.ownerKey, ['buyer'], district);
    const hub = await createKey(api, t.ownerKey, ['integrator'], 'henan/sanmenxia');
    const sub = await api.post('/api/v1/webhooks', hub, {
      url: receiver.url,
      events: ['sales.matched', 'sales.closed'],
    });
    const hubSecret = sub.body.secret as string;
    const programme = (
      await api.post('/api/v1/programmes', admin, {
        template: 'farmer-sales',
        district,
        title: '灵宝肉鸡助销',
      })
    ).body;
    expect(programme.title).toBe('灵宝肉鸡助销');
    const ndjson = [
      JSON.stringify({
        ref: 'FS-1',
        data: { cooperative: '灵宝市某养殖合作社', product: '肉鸡', stockReported: 24000 },
      }),
      '{"ref": "FS-2", "data": {"cooperative": "x"}}',
      '{not json',
      '',
    ].join('\n');
    const imported = await api.request('POST', `/api/v1/programmes/${programme.id}/cases/import`, {
      key: admin,
      body: ndjson,
      type: 'application/x-ndjson',
    });
    expect(imported.body).toMatchObject({ rows: 3, created: 1, failed: 2 });
    expect(imported.body.errors.map((e: any) => [e.line, e.code])).toEqual([
      [2, 'validation-failed'],
      [3, 'malformed-json'],
    ]);
    const id = imported.body.cases[0].id as string;
    for (const type of ['verify', 'openCampaign'])
      expect((await api.post(`/api/v1/cases/${id}/events`, helping, { type })).status).toBe(200);
    receiver.failNext(2);
    await api.post(`/api/v1/cases/${id}/events`, buyer, {
      type: 'commit',
      payload: { buyer: '郑州某超市', quantity: 15000 },
    });
    const matched = await api.post(`/api/v1/cases/${id}/events`, buyer, {
      type: 'commit',
      payload: { buyer: '三门峡某学校', quantity: 9000 },
    });
    expect(matched.body.case).toMatchObject({
      state: 'matched',
      data: { committed: 24000, buyers: 2 },
    });
    await api.post(`/api/v1/cases/${id}/events`, helping, {
      type: 'deliver',
      payload: { quantity: 24000, revenue: 432000.5 },
    });
    const closed = await api.post(`/api/v1/cases/${id}/events`, helping, { type: 'close' });
    expect(closed.body.case).toMatchObject({
      state: 'closed',
      done: true,
      data: { revenue: 432000.5 },
    });

    const log = await eventually(
      async () => {
        const res = await api.get(`/api/v1/webhooks/${sub.body.id}/deliveries`, hub);
        return (
          res.body.items.length === 2 &&
          res.body.items.every((d: any) => d.status === 'delivered') &&
          res.body.items
        );
      },
      8000,
      'both deliveries delivered after retries',
    );
    expect(log.map((d: any) => d.event).sort()).toEqual(['sales.closed', 'sales.matched']);
    const attempts = log.reduce((n: number, d: any) => n + d.attempts, 0);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(log.flatMap((d: any) => d.log.map((a: any) => a.status))).toContain(500);
    const sameDelivery = receiver.received.filter(
      (r) => r.json.deliveryId === log.find((d: any) => d.attempts > 1).id,
    );
    expect(sameDelivery.length).toBeGreaterThan(1);
    for (const r of sameDelivery)
      expect(
        verifyWebhookSignature(
          hubSecret,
          r.headers['relief-signature'] as string,
          r.body,
          t.clock.now(),
        ),
      ).toBe(true);
    // The first integrator's hook covers all of `sh` only: nothing from Henan reached it.
    const other = await api.get(`/api/v1/webhooks/${webhookId}/deliveries`, integrator);
    expect(other.body.items.some((d: any) => d.payload.programmeId === programme.id)).toBe(false);
    // Another district's integrator does not see this webhook.
    expectProblem(
      await api.get(`/api/v1/webhooks/${sub.body.id}/deliveries`, integrator),
      404,
      'not-found',
    );
  });
});
