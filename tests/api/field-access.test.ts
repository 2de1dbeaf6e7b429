/* eslint-disable @typescript-eslint/no-unsafe-argument --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * The access matrix's field dimension: for every shipped template, every role × data field × read
 * path (case, list — what the console exports —, worklist and its card, history payloads, webhook),
 * against a real server. HIDDEN is written by hand from docs/personal-data.md's intent (who needs
 * what), not computed from the marks: a field listed for a role must be absent from every answer
 * that role gets; every other field must be present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataMarks } from '@relief/engine';
import { webhookPayload } from '@relief/engine/store';
import { connect, eventually } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { fullData, templateOf } from './template-samples.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';
import { startWebhookReceiver } from './webhook-receiver.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** Per template, per role: the data fields that role must never receive (space-separated). */
const HIDDEN: Record<string, Record<string, string>> = {
  'farmer-sales': {
    cooperative: '',
    helpingUnit: '',
    buyer: '',
    town: '',
    auditor: '',
    integrator: '',
    admin: '',
  },
  'fever-medicine': {
    cdcWorker: '',
    volunteer: 'age priority turnedAwayReason',
    auditor: 'name age phone priority turnedAwayReason',
    integrator: 'name age phone priority turnedAwayReason',
    admin: '',
  },
  'hardship-workers': {
    grassrootsUnion: '',
    countyUnion: '',
    // the programme's own auditor role: payments and vouchers, not who the worker is
    auditor: 'name employer hardship phone signedBy rejectReason',
    integrator: 'name employer hardship phone signedBy rejectReason',
    admin: '',
  },
  'love-meals': {
    committee: '',
    canteen: 'name age careLevel mobilityImpaired address phone suspendReason endReason',
    courier: 'age careLevel mobilityImpaired phone suspendReason endReason',
    cadre: 'careLevel suspendReason endReason',
    auditor: 'name age careLevel mobilityImpaired address phone suspendReason endReason',
    integrator: 'name age careLevel mobilityImpaired address phone suspendReason endReason',
    admin: '',
  },
  'medical-pass': {
    hotline: 'destination medicines',
    committee: '',
    dutyOfficer: 'medicines',
    escort: 'age reason',
    auditor: 'name age phone address destination medicines reason',
    integrator: 'name age phone address destination medicines reason',
    admin: '',
  },
  'one-on-one-care': {
    gridWorker: 'lastVisitNote',
    streetOffice: '',
    cadre: '',
    inspector: 'name group address phone lastVisitNote openNeed',
    auditor: 'name group address phone lastVisitNote openNeed',
    integrator: 'name group address phone lastVisitNote openNeed',
    admin: '',
  },
  'paired-support': {
    committee: '',
    partyMember: '',
    volunteer: 'category phone',
    auditor: 'household category address phone',
    integrator: 'household category address phone',
    admin: '',
  },
  'pupil-data': {
    school: '',
    teacher: 'guardianPhone hasPhone hasTv hasInternet phoneNumber',
    carrier: 'name grade guardianPhone hasPhone hasTv hasInternet',
    auditor: 'name grade guardianPhone hasPhone hasTv hasInternet phoneNumber',
    integrator: 'name grade guardianPhone hasPhone hasTv hasInternet phoneNumber',
    admin: '',
  },
  'volunteer-onboarding': {
    committee: '',
    teamLeader: '',
    volunteer: 'name phone building lastTestKind lastTestResult',
    auditor: 'name phone building lastTestKind lastTestResult',
    integrator: 'name phone building lastTestKind lastTestResult',
    admin: '',
  },
  'winter-kits': {
    gridWorker: '',
    civilAffairs: '',
    volunteer: 'guardian category receiptSignedBy rejectReason',
    auditor: 'name guardian category address phone receiptSignedBy rejectReason',
    integrator: 'name guardian category address phone receiptSignedBy rejectReason',
    admin: '',
  },
};

/** What `role` must receive of `data`: everything but its hidden fields. */
function expected(id: string, role: string, data: Record<string, unknown>) {
  const hidden = HIDDEN[id]![role]!.split(' ').filter(Boolean);
  return Object.fromEntries(Object.entries(data).filter(([n]) => !hidden.includes(n)));
}

describe('the field dimension of the access matrix: every template × role × field × read path', () => {
  it('covers every shipped template and every role it declares', () => {
    for (const [id, roles] of Object.entries(HIDDEN))
      expect(Object.keys(roles).sort(), id).toEqual(
        [
          ...new Set([
            ...Object.keys(templateOf(id).roles ?? {}),
            'admin',
            'auditor',
            'integrator',
          ]),
        ].sort(),
      );
  });

  it('gives a default webhook subscription the integrator’s fields of every template', () => {
    for (const id of Object.keys(HIDDEN)) {
      const data = fullData(id);
      const marks = dataMarks(templateOf(id));
      expect(webhookPayload(marks, { event: 'x', data }, null, false).data, id).toEqual(
        expected(id, 'integrator', data),
      );
      // named fields, no grant: the named unmarked ones only; with an admin's grant: all named
      const names = Object.keys(data);
      expect(webhookPayload(marks, { data }, names, false).data).toEqual(
        expected(id, 'integrator', data),
      );
      expect(webhookPayload(marks, { data }, names, true).data).toEqual(data);
    }
  });

  for (const kind of DATABASES)
    describe(kind, () => {
      let t: TestServer;
      let api: ApiClient;
      beforeAll(async () => {
        t = await startTestServer(kind);
        api = (await connect(t.url)).api;
      });
      afterAll(async () => t?.close());

      it('answers each role only the fields it may see, on every read path', async () => {
        const owner = t.ownerKey;
        for (const [id, roles] of Object.entries(HIDDEN)) {
          const started = await api.post('/api/v1/programmes', owner, {
            template: id,
            district: 'sh/putuo',
            params: {},
          });
          expect(started.status, started.text).toBe(201);
          const programme = started.body.id as string;
          const data = fullData(id);
          const opened = await api.post(`/api/v1/programmes/${programme}/cases`, owner, {
            data,
            ref: `${id}-1`,
          });
          expect(opened.status, opened.text).toBe(201);
          const caseId = opened.body.id as string;
          const stored = (await api.get(`/api/v1/cases/${caseId}`, owner)).body.data;
          // the opening event's payload: the data as opened (before entry actions set more)
          const openedWith = (await api.get(`/api/v1/cases/${caseId}/history`, owner)).body.items[0]
            .payload;
          for (const role of Object.keys(roles)) {
            const key = await createKey(api, owner, [role], 'sh/putuo');
            const want = expected(id, role, stored);
            const at = `${id} as ${role}`;
            const one = await api.get(`/api/v1/cases/${caseId}`, key);
            expect(one.status, one.text).toBe(200);
            expect(one.body.data, `${at}: case`).toEqual(want);
            const list = await api.get(`/api/v1/programmes/${programme}/cases`, key);
            expect(list.body.items[0].data, `${at}: list`).toEqual(want);
            const history = await api.get(`/api/v1/cases/${caseId}/history`, key);
            expect(history.body.items[0].payload, `${at}: history`).toEqual(
              expected(id, role, openedWith),
            );
            const work = await api.get(`/api/v1/worklist?programme=${programme}`, key);
            for (const item of work.body.items) {
              expect(item.case.data, `${at}: worklist`).toEqual(want);
              for (const field of item.card)
                expect(Object.keys(want), `${at}: card`).toContain(field.field);
            }
            // a search for a hidden value finds nothing; for a visible one, the case
            for (const [field, value] of Object.entries(stored)) {
              if (typeof value !== 'string' || !value.startsWith('v-')) continue;
              const found = await api.get(
                `/api/v1/programmes/${programme}/cases?text=${encodeURIComponent(value)}`,
                key,
              );
              expect(found.body.items.length, `${at}: search ${field}`).toBe(field in want ? 1 : 0);
            }
          }
        }
      }, 180_000);

      it('delivers to a webhook only the fields it names, personal ones only when an admin grants them', async () => {
        const receiver: WebhookReceiver = await startWebhookReceiver();
        try {
          const owner = t.ownerKey;
          const integrator = await createKey(api, owner, ['integrator'], 'sh/xuhui');
          const admin = await createKey(api, owner, ['admin'], 'sh/xuhui');
          const refused = await api.post('/api/v1/webhooks', integrator, {
            url: receiver.url,
            fields: ['name'],
            grantPersonal: true,
          });
          expectProblem(refused, 403, 'personal-grant-needs-admin');
          const hooks = [
            { key: integrator, body: { description: 'default' } },
            { key: integrator, body: { description: 'named', fields: ['name', 'tabletsGiven'] } },
            {
              key: admin,
              body: {
                description: 'granted',
                fields: ['name', 'tabletsGiven'],
                grantPersonal: true,
              },
            },
          ];
          for (const hook of hooks) {
            const res = await api.post('/api/v1/webhooks', hook.key, {
              url: receiver.url,
              events: ['medicine.given'],
              ...hook.body,
            });
            expect(res.status, res.text).toBe(201);
            if (hook.body.grantPersonal) expect(res.body.grantedBy).not.toBeNull();
            else expect(res.body.grantedBy).toBeNull();
          }
          const started = await api.post('/api/v1/programmes', admin, {
            template: 'fever-medicine',
            district: 'sh/xuhui',
            params: {},
          });
          expect(started.status, started.text).toBe(201);
          const data = fullData('fever-medicine');
          const opened = await api.post(`/api/v1/programmes/${started.body.id}/cases`, admin, {
            data,
          });
          const worker = await createKey(api, owner, ['cdcWorker'], 'sh/xuhui');
          const given = await api.post(`/api/v1/cases/${opened.body.id}/events`, worker, {
            type: 'give',
          });
          expect(given.status, given.text).toBe(200);
          await eventually(() => receiver.received.length >= 3, 10_000, 'three deliveries');
          const datas = receiver.received.map((r) =>
            Object.keys(r.json.data as Record<string, unknown>)
              .sort()
              .join(' '),
          );
          expect(datas.sort()).toEqual(
            [
              'tabletsGiven',
              'name tabletsGiven',
              Object.keys(expected('fever-medicine', 'integrator', given.body.case.data))
                .sort()
                .join(' '),
            ].sort(),
          );
        } finally {
          await receiver.close();
        }
      }, 180_000);
    });
});
