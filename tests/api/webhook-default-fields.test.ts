/**
 * A default webhook subscription (no `fields`) receives no marked field, end to end, for every
 * shipped template that emits: a real receiver on 127.0.0.1 subscribes to every event; each
 * template's case is opened with every field filled and walked forward with the least-sent event
 * its roles may send (each form filled with sample values; ending events last; the clock moved
 * on when nothing can be sent, so deadlines fire) until it emits; every delivery's `data`
 * must hold no field the template marks, and the deliveries must name every template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataMarks } from '@relief/engine';
import type { JsonSchemaObject } from '@relief/engine';
import { connect, eventually } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey } from './api-fixtures.js';
import { fullData, sampleValue, templateOf } from './template-samples.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';
import { startWebhookReceiver } from './webhook-receiver.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** Every shipped template with an `emit` action (winter-kits has none). */
const EMITTING = [
  'farmer-sales',
  'fever-medicine',
  'hardship-workers',
  'love-meals',
  'medical-pass',
  'one-on-one-care',
  'paired-support',
  'pupil-data',
  'volunteer-onboarding',
];

/** Events that end or stall a case: tried last, so the walk goes forward to an emit. */
const LAST = new Set([
  'end',
  'reject',
  'refuse',
  'suspend',
  'fail',
  'withdraw',
  'cancel',
  'close',
  'reverse',
]);

/** Templates whose emit is a deadline nobody met: the walk sends nothing and the clock moves. */
const WAIT = new Set(['medical-pass']);

/** Sample values a template's eligibility rule needs (love-meals enrols residents aged 80+). */
const QUALIFYING: Record<string, Record<string, unknown>> = { 'love-meals': { age: 86 } };

function samplePayload(form: JsonSchemaObject | null | undefined) {
  return Object.fromEntries(
    Object.entries(form?.properties ?? {}).map(([name, def]) => [name, sampleValue(name, def)]),
  );
}

describe.each(DATABASES)('default webhook deliveries on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startTestServer(kind);
    api = (await connect(t.url)).api;
    receiver = await startWebhookReceiver();
  }, 240_000);
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('carry no marked field for any shipped template', async () => {
    const owner = t.ownerKey;
    const integrator = await createKey(api, owner, ['integrator'], 'sh/hooks');
    const hook = await api.post('/api/v1/webhooks', integrator, {
      url: receiver.url,
      description: 'default: no fields named',
    });
    expect(hook.status, hook.text).toBe(201);
    const programmes = new Map<string, string>();
    const stuck: string[] = [];
    for (const id of EMITTING) {
      const template = templateOf(id);
      const worker = await createKey(api, owner, Object.keys(template.roles ?? {}), 'sh/hooks');
      const started = await api.post('/api/v1/programmes', owner, {
        template: id,
        district: 'sh/hooks',
        params: {},
      });
      expect(started.status, started.text).toBe(201);
      programmes.set(started.body.id as string, id);
      const opened = await api.post(`/api/v1/programmes/${started.body.id}/cases`, owner, {
        data: { ...fullData(id), ...QUALIFYING[id] },
      });
      expect(opened.status, opened.text).toBe(201);
      const caseId = opened.body.id as string;
      const sent = new Map<string, number>();
      const path: string[] = [];
      const emitted = () => receiver.received.some((r) => r.json.programmeId === started.body.id);
      for (let step = 0; step < 20 && !emitted(); step++) {
        const c = await api.get(`/api/v1/cases/${caseId}`, worker);
        if (c.body.done) break;
        // the least-sent event first, so a loop (deliver, next meal, deliver…) still moves on
        const events = [...(c.body.nextEvents as { type: string; form?: JsonSchemaObject }[])].sort(
          (a, b) =>
            Number(LAST.has(a.type)) - Number(LAST.has(b.type)) ||
            (sent.get(a.type) ?? 0) - (sent.get(b.type) ?? 0),
        );
        let moved = false;
        for (const e of WAIT.has(id) ? [] : events) {
          const res = await api.post(`/api/v1/cases/${caseId}/events`, worker, {
            type: e.type,
            ...(e.form && { payload: samplePayload(e.form) }),
          });
          if (res.status !== 200) continue;
          sent.set(e.type, (sent.get(e.type) ?? 0) + 1);
          path.push(`${e.type}→${String(res.body.case.state)}`);
          moved = true;
          break;
        }
        if (!moved) {
          // nothing to send now: a deadline may move it (medical-pass escalates after an hour)
          t.clock.advance(2 * 3_600_000);
          await new Promise((r) => setTimeout(r, 400));
        }
        await new Promise((r) => setTimeout(r, 60));
      }
      if (!emitted())
        await eventually(emitted, 3_000, `${id}: an emitted event`).catch(() =>
          stuck.push(`${id}: ${path.join(' ')}`),
        );
    }
    expect(stuck, 'templates whose walk reached no emit').toEqual([]);
    const named = new Set<string>();
    for (const r of receiver.received) {
      const id = programmes.get(r.json.programmeId as string);
      expect(id, 'a delivery of a programme of this test').toBeDefined();
      named.add(id!);
      const marked = [...dataMarks(templateOf(id!)).keys()];
      const fields = Object.keys(r.json.data as Record<string, unknown>);
      expect(
        fields.filter((f) => marked.includes(f)),
        `${id} ${String(r.json.event)}: marked fields delivered`,
      ).toEqual([]);
      expect(fields.length, `${id}: the unmarked fields still arrive`).toBeGreaterThan(0);
    }
    expect([...named].sort()).toEqual([...EMITTING].sort());
  }, 300_000);
});
