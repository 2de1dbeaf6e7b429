/**
 * Medical passes and the 24-hour hotline (外出就医证明 / 24小时专线), Jiangsu Road street,
 * Shanghai: "every need gets a response" — a request is triaged within a deadline or escalated to
 * the street duty officer; passes for prenatal check-ups, dialysis and serious-illness visits are
 * valid for a window; proxy medicine purchases go to the resident's home.
 */
import { describe, expect, it } from 'vitest';
import {
  EventNotAcceptedError,
  GuardRefusedError,
  RoleNotAllowedError,
  ValidationFailedError,
} from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  HOUR,
  MINUTE,
  SECOND,
  START,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const HOTLINE = ['hotline'];
const COMMITTEE = ['committee'];
const DUTY = ['dutyOfficer'];
const ESCORT = ['escort'];

type Kind = 'prenatal' | 'dialysis' | 'seriousIllness' | 'proxyMedicine';

const request = (kind: Kind, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind,
  name: '陈女士',
  phone: '138 0000 0000',
  address: '江苏路 480 弄 5 号',
  ...extra,
});

async function triaged(driver: ProgrammeDriver, kind: Kind, urgent = false): Promise<string> {
  const opened = await driver.open(request(kind));
  const after = await driver.send(opened.id, 'triage', { urgent }, HOTLINE);
  expect(after.state).toBe('triaged');
  return after.id;
}

export function medicalPassScenarios(factory: DriverFactory): void {
  const programme = () => factory('medical-pass', {}, START);

  describe('medical-pass (外出就医证明 / 24小时专线)', () => {
    it('escalates to the duty officer when nobody triages within an hour, and keeps reminding hourly', async () => {
      const driver = await programme();
      const opened = await driver.open(request('dialysis'));
      expect(opened).toMatchObject({ state: 'requested', version: 1 });
      expect(opened.data).toMatchObject({
        urgent: false,
        escalations: 0,
        renewals: 0,
        passNo: '',
        destination: '',
        reason: '',
      });
      // The 15-minute deadline only holds for urgent requests: nothing happens at 15 minutes.
      await driver.advance(HOUR - SECOND);
      expect(await driver.get(opened.id)).toEqual(opened);
      expect(await driver.notifications()).toEqual([]);
      await driver.advance(SECOND);
      const escalated = await driver.get(opened.id);
      expect(escalated).toMatchObject({ state: 'escalated', version: 2 });
      expect(escalated.data.escalations).toBe(1);
      let notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ caseId: opened.id, role: 'dutyOfficer' });
      expect(en(notes[0]!.message)).toBe(
        'A medical request was not triaged within an hour; please act',
      );
      expect(await driver.emitted()).toEqual([{ caseId: opened.id, name: 'medical.escalated' }]);

      await driver.advance(HOUR);
      expect((await driver.get(opened.id)).data.escalations).toBe(2);
      notes = await driver.notifications();
      expect(notes).toHaveLength(2);
      expect(en(notes[1]!.message)).toBe(
        'An escalated medical request is still not triaged; please act now',
      );
      expect(await driver.emitted()).toHaveLength(1);

      // The duty officer triages it directly; the hourly reminders stop.
      const done = await driver.send(opened.id, 'triage', { urgent: true }, DUTY);
      expect(done).toMatchObject({ state: 'triaged' });
      expect(done.data).toMatchObject({ urgent: true, escalations: 2 });
      expect((await driver.notifications()).at(-1)).toMatchObject({ role: 'committee' });
      await driver.advance(30 * MINUTE);
      expect((await driver.notifications()).filter((n) => n.role === 'dutyOfficer')).toHaveLength(
        2,
      );
    });

    it('escalates a request flagged urgent at intake after 15 minutes, once', async () => {
      const driver = await programme();
      const opened = await driver.open(request('seriousIllness', { urgent: true, age: 92 }));
      await driver.advance(15 * MINUTE - SECOND);
      expect((await driver.get(opened.id)).state).toBe('requested');
      await driver.advance(SECOND);
      const escalated = await driver.get(opened.id);
      expect(escalated.state).toBe('escalated');
      expect(escalated.data.escalations).toBe(1);
      const notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(en(notes[0]!.message)).toBe(
        'An urgent medical request was not triaged within 15 minutes; please act now',
      );
      // The one-hour deadline of `requested` was cancelled when it was left: nothing at 1h…
      await driver.advance(HOUR - 15 * MINUTE);
      expect(await driver.notifications()).toHaveLength(1);
      // …only the escalated state's own hourly reminder, one hour after escalation.
      await driver.advance(15 * MINUTE);
      expect(await driver.notifications()).toHaveLength(2);
      expect((await driver.get(opened.id)).data.escalations).toBe(2);
      expect(await driver.emitted()).toEqual([{ caseId: opened.id, name: 'medical.escalated' }]);
    });

    it('triage before the deadline cancels the escalation timer', async () => {
      const driver = await programme();
      const opened = await driver.open(request('prenatal'));
      await driver.advance(30 * MINUTE);
      const after = await driver.send(opened.id, 'triage', { urgent: false }, HOTLINE);
      expect(after).toMatchObject({ state: 'triaged', version: 2 });
      await driver.advance(3 * HOUR);
      const later = await driver.get(opened.id);
      expect(later).toEqual(after);
      expect(later.data.escalations).toBe(0);
      expect(await driver.notifications()).toEqual([]);
      expect(await driver.emitted()).toEqual([]);
    });

    for (const kind of ['prenatal', 'dialysis', 'seriousIllness'] as const) {
      it(`serves a ${kind} request with a pass: triage → pass → escorted trip → closed`, async () => {
        const driver = await programme();
        const id = await triaged(driver, kind);
        const pass = await driver.send(
          id,
          'issuePass',
          { passNo: 'JSL-0412-007', destination: '瑞金医院' },
          COMMITTEE,
        );
        expect(pass.state).toBe('passIssued');
        expect(pass.data).toMatchObject({ kind, passNo: 'JSL-0412-007', destination: '瑞金医院' });
        const trip = await driver.send(id, 'depart', { escort: 'volunteer-li' }, ESCORT);
        expect(trip).toMatchObject({ state: 'escorted', assignee: 'volunteer-li' });
        const closed = await driver.send(id, 'return', {}, ESCORT);
        expect(closed).toMatchObject({
          state: 'closed',
          done: true,
          version: 5,
          assignee: 'volunteer-li',
        });
        expect(await driver.notifications()).toEqual([]);
      });
    }

    it('serves a proxyMedicine request on the medicine path: triage → purchased → delivered → closed', async () => {
      const driver = await programme();
      const id = await triaged(driver, 'proxyMedicine');
      const bought = await driver.send(
        id,
        'purchaseMedicine',
        { medicines: '硝酸甘油 1 盒' },
        ESCORT,
      );
      expect(bought.state).toBe('medicinePurchased');
      expect(bought.data).toMatchObject({ medicines: '硝酸甘油 1 盒', passNo: '' });
      const closed = await driver.send(id, 'deliverMedicine', {}, ESCORT);
      expect(closed).toMatchObject({ state: 'closed', done: true });
      await expectFigures(driver, {
        requests: { value: 1, groups: { proxyMedicine: 1 } },
        'proxy-purchases': 1,
        'escorted-trips': 0,
        'passes-issued': 0,
      });
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'return', {}, ESCORT),
        EventNotAcceptedError,
        'event-not-accepted',
      );
    });

    it('refuses with a guard: no pass for a proxyMedicine request, no medicine purchase for dialysis', async () => {
      const driver = await programme();
      const proxy = await triaged(driver, 'proxyMedicine');
      const error = await expectRefusedWithoutChange(
        driver,
        proxy,
        () => driver.send(proxy, 'issuePass', { passNo: 'X-1' }, COMMITTEE),
        GuardRefusedError,
        'guard-refused',
      );
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual({
        eventType: 'issuePass',
        state: 'triaged',
        guards: ["data.kind != 'proxyMedicine'"],
      });
      const dialysis = await triaged(driver, 'dialysis');
      await expectRefusedWithoutChange(
        driver,
        dialysis,
        () => driver.send(dialysis, 'purchaseMedicine', {}, ESCORT),
        GuardRefusedError,
        'guard-refused',
      );
      expect((await driver.get(proxy)).state).toBe('triaged');
      expect((await driver.get(dialysis)).state).toBe('triaged');
    });

    it('expires an unused pass after its 12-hour window; a re-request restarts the response deadline', async () => {
      const driver = await programme();
      const id = await triaged(driver, 'dialysis');
      await driver.send(
        id,
        'issuePass',
        { passNo: 'JSL-0413-021', destination: '华山医院' },
        COMMITTEE,
      );
      await driver.advance(12 * HOUR - SECOND);
      expect((await driver.get(id)).state).toBe('passIssued');
      await driver.advance(SECOND);
      const expired = await driver.get(id);
      expect(expired).toMatchObject({ state: 'expired', done: false });
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'depart', {}, ESCORT),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const again = await driver.send(id, 'reRequest', {}, HOTLINE);
      expect(again.state).toBe('requested');
      expect(again.data).toMatchObject({ renewals: 1, passNo: 'JSL-0413-021', escalations: 0 });
      await driver.advance(HOUR);
      expect((await driver.get(id)).state).toBe('escalated');
    });

    it('a pass used within its window is not expired later', async () => {
      const driver = await programme();
      const id = await triaged(driver, 'prenatal');
      await driver.send(id, 'issuePass', {}, COMMITTEE);
      await driver.advance(11 * HOUR);
      const trip = await driver.send(id, 'depart', {}, COMMITTEE);
      expect(trip).toMatchObject({ state: 'escorted', assignee: null });
      expect(trip.data).toMatchObject({ passNo: '', destination: '' });
      await driver.advance(2 * HOUR);
      expect((await driver.get(id)).state).toBe('escorted');
    });

    it('reminds the committee when an escorted trip is not back after 8 hours', async () => {
      const driver = await programme();
      const id = await triaged(driver, 'seriousIllness');
      await driver.send(id, 'issuePass', { destination: '华东医院' }, COMMITTEE);
      await driver.send(id, 'depart', { escort: 'volunteer-wang' }, ESCORT);
      await driver.advance(8 * HOUR);
      const notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ caseId: id, role: 'committee' });
      expect(en(notes[0]!.message)).toBe(
        'An escorted trip has not been marked returned after 8 hours; please contact the escort',
      );
      expect((await driver.get(id)).state).toBe('escorted');
      expect((await driver.send(id, 'return', {}, ESCORT)).state).toBe('closed');
    });

    it('the urgent angina case: triaged urgent, pass within the hour, no alarm to the duty officer', async () => {
      const driver = await programme();
      const opened = await driver.open(
        request('seriousIllness', { name: '张老伯', age: 92, urgent: true }),
      );
      await driver.advance(5 * MINUTE);
      const t = await driver.send(opened.id, 'triage', { urgent: true }, COMMITTEE);
      expect(t.data.urgent).toBe(true);
      expect(en((await driver.notifications())[0]!.message)).toBe(
        'Urgent medical request; act now',
      );
      await driver.advance(50 * MINUTE);
      await driver.send(
        opened.id,
        'issuePass',
        { passNo: 'JSL-U-001', destination: '华东医院' },
        COMMITTEE,
      );
      await driver.send(opened.id, 'depart', { escort: 'cadre-zhou' }, ESCORT);
      await driver.advance(3 * HOUR);
      expect((await driver.send(opened.id, 'return', {}, ESCORT)).state).toBe('closed');
      expect((await driver.notifications()).map((n) => n.role)).toEqual(['committee']);
      expect(await driver.emitted()).toEqual([]);
      await expectFigures(driver, {
        requests: { value: 1, groups: { seriousIllness: 1 } },
        'passes-issued': 1,
        'escorted-trips': 1,
        'proxy-purchases': 0,
        escalations: 0,
      });
    });

    it('alerts the duty officer when an urgent request has no pass an hour after triage', async () => {
      const driver = await programme();
      const urgent = await triaged(driver, 'dialysis', true);
      const normal = await triaged(driver, 'dialysis', false);
      await driver.advance(HOUR);
      const notes = (await driver.notifications()).filter((n) => n.role === 'dutyOfficer');
      expect(notes).toHaveLength(1);
      expect(notes[0]!.caseId).toBe(urgent);
      expect(en(notes[0]!.message)).toBe(
        'An urgent request has had no pass or medicine for an hour after triage',
      );
      expect((await driver.get(urgent)).state).toBe('triaged');
      expect((await driver.get(normal)).state).toBe('triaged');
    });

    it('records the reason of a refusal; only the committee or duty officer may refuse', async () => {
      const driver = await programme();
      const opened = await driver.open(request('seriousIllness'));
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'refuse', { reason: 'x' }, HOTLINE),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const missing = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'refuse', {}, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(missing.fieldErrors).toEqual([{ path: '/reason', message: 'is required' }]);
      const refused = await driver.send(
        opened.id,
        'refuse',
        { reason: '非就医需求，已转物资保障组' },
        COMMITTEE,
      );
      expect(refused).toMatchObject({ state: 'refused', done: true });
      expect(refused.data.reason).toBe('非就医需求，已转物资保障组');
      // Final: the deadline timers are gone and nothing more is accepted.
      await driver.advance(5 * HOUR);
      expect(await driver.notifications()).toEqual([]);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'triage', { urgent: true }, HOTLINE),
        EventNotAcceptedError,
        'event-not-accepted',
      );

      const t = await triaged(driver, 'prenatal');
      const fromTriaged = await driver.send(t, 'refuse', { reason: 'duplicate request' }, DUTY);
      expect(fromTriaged).toMatchObject({ state: 'refused', done: true });
      expect(fromTriaged.data.reason).toBe('duplicate request');
    });

    it('withdraws an issued pass with a reason; an escorted trip can no longer be withdrawn', async () => {
      const driver = await programme();
      const a = await triaged(driver, 'dialysis');
      await driver.send(a, 'issuePass', {}, COMMITTEE);
      const withdrawn = await driver.send(
        a,
        'withdraw',
        { reason: 'resident called: no longer needed' },
        HOTLINE,
      );
      expect(withdrawn).toMatchObject({ state: 'withdrawn', done: true });
      expect(withdrawn.data.reason).toBe('resident called: no longer needed');
      await driver.advance(13 * HOUR);
      expect((await driver.get(a)).state).toBe('withdrawn');

      const b = await triaged(driver, 'dialysis');
      await driver.send(b, 'issuePass', {}, COMMITTEE);
      await driver.send(b, 'depart', {}, ESCORT);
      await expectRefusedWithoutChange(
        driver,
        b,
        () => driver.send(b, 'withdraw', { reason: 'x' }, HOTLINE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
    });

    it('refuses an invalid request record or triage payload with the field path', async () => {
      const driver = await programme();
      const kind = await expectRefusal(
        driver.open(request('prenatal', { kind: 'dentist' })),
        ValidationFailedError,
        'validation-failed',
      );
      expect(kind.fieldErrors.map((e) => e.path)).toEqual(['/kind']);
      const phone = await expectRefusal(
        driver.open({ kind: 'dialysis', name: '陈女士' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(phone.fieldErrors).toEqual([{ path: '/phone', message: 'is required' }]);
      const opened = await driver.open(request('dialysis'));
      const urgent = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'triage', { urgent: 'yes' }, HOTLINE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(urgent.fieldErrors.map((e) => e.path)).toEqual(['/urgent']);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'triage', { urgent: true }, ESCORT),
        RoleNotAllowedError,
        'role-not-allowed',
      );
    });
  });
}
