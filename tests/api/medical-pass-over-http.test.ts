/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Medical passes (外出就医) driven end to end over HTTP only, against a real listening server (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set): an unanswered request escalates on its durable timer (the clock moved forward), with a signed webhook and a notice for the duty officer; then triage, a pass, an escort, closed.
 */
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@relief/engine/webhooks';
import { eventually } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { publishVersion2, useHttpSuite } from './http-suite.js';
import { DATABASES } from './test-server.js';

const MINUTE = 60_000;

describe.each(DATABASES)('medical-pass over HTTP on %s', (kind) => {
  const suite = useHttpSuite(kind);

  it('a designer validates, stores and publishes version 2', async () => {
    await publishVersion2(suite.api, suite.designer, 'medical-pass');
  });

  it('medical passes (外出就医): an unanswered request escalates on its timer, with a webhook and a duty-officer notice', async () => {
    const { t, api, receiver, secret } = suite;
    const district = 'sh/changning/jiangsu-road';
    const admin = await createKey(api, t.ownerKey, ['admin'], district);
    const hotline = await createKey(api, t.ownerKey, ['hotline'], district);
    const duty = await createKey(api, t.ownerKey, ['dutyOfficer'], district);
    const committee = await createKey(api, t.ownerKey, ['committee'], district);
    const escort = await createKey(api, t.ownerKey, ['escort'], district);
    const programme = (
      await api.post('/api/v1/programmes', admin, { template: 'medical-pass', district })
    ).body.id as string;
    const roster =
      'ref,kind,name,phone,age\nMP-1,dialysis,陈先生,13900000001,67\nMP-2,prenatal,刘女士,13900000002,31\n';
    const imported = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      key: admin,
      body: roster,
      type: 'text/csv',
    });
    expect(imported.body).toMatchObject({ created: 2, failed: 0 });
    const [first, second] = imported.body.cases.map((c: any) => c.id) as [string, string];
    expect(
      (
        await api.post(`/api/v1/cases/${second}/events`, hotline, {
          type: 'triage',
          payload: { urgent: false },
        })
      ).status,
    ).toBe(200);

    t.clock.advance(61 * MINUTE);
    await eventually(
      async () => (await api.get(`/api/v1/cases/${first}`, hotline)).body.state === 'escalated',
      5000,
      'escalation timer',
    );
    const note = await eventually(
      async () => (await api.get('/api/v1/notifications', duty)).body.items[0],
      2000,
      'duty notification',
    );
    expect(note).toMatchObject({ role: 'dutyOfficer', caseId: first });
    const hook = await eventually(
      () => receiver.received.find((r) => r.json.event === 'medical.escalated'),
      5000,
      'medical.escalated webhook',
    );
    expect(hook.json).toMatchObject({
      caseId: first,
      state: 'escalated',
      data: { escalations: 1 },
    });
    expect(
      verifyWebhookSignature(
        secret,
        hook.headers['relief-signature'] as string,
        hook.body,
        t.clock.now(),
      ),
    ).toBe(true);

    expect(
      (
        await api.post(`/api/v1/cases/${first}/events`, duty, {
          type: 'triage',
          payload: { urgent: true },
        })
      ).status,
    ).toBe(200);
    const bad = await api.post(`/api/v1/cases/${first}/events`, committee, {
      type: 'issuePass',
      payload: { passNo: '' },
    });
    expectProblem(bad, 422, 'validation-failed');
    expect(bad.body.errors).toEqual([
      { path: '/passNo', message: 'must NOT have fewer than 1 characters' },
    ]);
    await api.post(`/api/v1/cases/${first}/events`, committee, {
      type: 'issuePass',
      payload: { passNo: 'JS-0001', destination: '华山医院' },
    });
    await api.post(`/api/v1/cases/${first}/events`, escort, {
      type: 'depart',
      payload: { escort: 'volunteer-7' },
    });
    const back = await api.post(`/api/v1/cases/${first}/events`, escort, { type: 'return' });
    expect(back.body.case).toMatchObject({ state: 'closed', done: true, assignee: 'volunteer-7' });
    const byAssignee = await api.get(
      `/api/v1/programmes/${programme}/cases?assignee=volunteer-7`,
      admin,
    );
    expect(byAssignee.body.items.map((c: any) => c.id)).toEqual([first]);
    const stats = await api.get(`/api/v1/programmes/${programme}/stats?tz=UTC`, admin);
    expect(stats.body.cases.byState).toEqual({ closed: 1, triaged: 1 });
    expect(stats.body.events.find((e: any) => e.type === 'after:requested:1')?.count).toBe(1);
  });
});
