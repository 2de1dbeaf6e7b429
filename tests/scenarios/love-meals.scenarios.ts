/**
 * Love meals (爱心餐), Changzheng town, Putuo district, Shanghai, April 2022: 178 residents
 * qualified under the normal rule (age ≥ 80 with mobility difficulty, or long-term-care level ≥ 5);
 * when the rule was dropped during the lockdown the daily volume rose to 230–240.
 */
import { describe, expect, it } from 'vitest';
import { EventNotAcceptedError, RoleNotAllowedError, ValidationFailedError } from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  DAY,
  MINUTE,
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const COMMITTEE = ['committee'];
const CANTEEN = ['canteen'];
const COURIER = ['courier'];
const CADRE = ['cadre'];

type Resident = { name?: string; age: number; careLevel?: number; mobilityImpaired?: boolean };

const resident = (r: Resident): Record<string, unknown> => ({
  name: r.name ?? '王阿婆',
  address: '长征镇梅岭北路 3 号 201 室',
  ...r,
});

/** Open a case and have the committee review it; returns the case after review. */
async function applyAndReview(driver: ProgrammeDriver, r: Resident) {
  const opened = await driver.open(resident(r));
  return driver.send(opened.id, 'review', {}, COMMITTEE);
}

/** Open, review and expect enrolment; returns the case id. */
async function enrolled(
  driver: ProgrammeDriver,
  r: Resident = { age: 85, mobilityImpaired: true },
): Promise<string> {
  const after = await applyAndReview(driver, r);
  expect(after.state).toBe('enrolled.prepared');
  return after.id;
}

export function loveMealsScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) => factory('love-meals', params, START);

  describe('love-meals (爱心餐)', () => {
    it('opens a case in `applied` with every default filled', async () => {
      const driver = await programme();
      const opened = await driver.open(resident({ age: 75 }));
      expect(opened).toMatchObject({
        state: 'applied',
        value: 'applied',
        assignee: null,
        version: 1,
        done: false,
      });
      expect(opened.data).toEqual({
        name: '王阿婆',
        age: 75,
        address: '长征镇梅岭北路 3 号 201 室',
        careLevel: 0,
        mobilityImpaired: false,
        mealsDelivered: 0,
        mealsFailed: 0,
        lastFailReason: '',
        suspendReason: '',
        endReason: '',
      });
      expect(await driver.notifications()).toEqual([]);
      expect(await driver.balances()).toEqual({});
    });

    it('rejects a 75-year-old without a care level under the default rule, and enrols the same resident once enrolment is opened up', async () => {
      const driver = await programme();
      const first = await applyAndReview(driver, { age: 75 });
      expect(first).toMatchObject({ state: 'rejected', done: true, version: 2 });
      expect(await driver.notifications()).toEqual([]);
      // A rejected case is final: nothing more is accepted.
      await expectRefusedWithoutChange(
        driver,
        first.id,
        () => driver.send(first.id, 'review', {}, COMMITTEE),
        EventNotAcceptedError,
        'event-not-accepted',
      );

      await driver.setParams({ openEnrollment: true });
      const second = await applyAndReview(driver, { age: 75 });
      expect(second).toMatchObject({
        state: 'enrolled.prepared',
        value: { enrolled: 'prepared' },
        done: false,
      });
      expect((await driver.get(first.id)).state).toBe('rejected');
      const notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ caseId: second.id, role: 'canteen' });
      expect(en(notes[0]!.message)).toBe(
        'A new resident is enrolled; add them to the daily meal list',
      );
    });

    it('enrols age ≥ 80 only together with mobility difficulty (boundaries at 79/80)', async () => {
      const driver = await programme();
      expect((await applyAndReview(driver, { age: 82, mobilityImpaired: true })).state).toBe(
        'enrolled.prepared',
      );
      expect((await applyAndReview(driver, { age: 80, mobilityImpaired: true })).state).toBe(
        'enrolled.prepared',
      );
      expect((await applyAndReview(driver, { age: 79, mobilityImpaired: true })).state).toBe(
        'rejected',
      );
      expect((await applyAndReview(driver, { age: 82, mobilityImpaired: false })).state).toBe(
        'rejected',
      );
      expect((await applyAndReview(driver, { age: 100 })).state).toBe('rejected');
    });

    it('enrols long-term-care level ≥ 5 at any age; level 4 only once minCareLevel is lowered', async () => {
      const driver = await programme();
      expect((await applyAndReview(driver, { age: 60, careLevel: 5 })).state).toBe(
        'enrolled.prepared',
      );
      expect((await applyAndReview(driver, { age: 45, careLevel: 6 })).state).toBe(
        'enrolled.prepared',
      );
      expect((await applyAndReview(driver, { age: 70, careLevel: 4 })).state).toBe('rejected');
      await driver.setParams({ minCareLevel: 4 });
      expect((await applyAndReview(driver, { age: 70, careLevel: 4 })).state).toBe(
        'enrolled.prepared',
      );
    });

    it('records the committee assessment in place, then enrols on review', async () => {
      const driver = await programme();
      const opened = await driver.open(resident({ age: 70 }));
      const assessed = await driver.send(
        opened.id,
        'assess',
        { careLevel: 5, mobilityImpaired: true },
        COMMITTEE,
      );
      expect(assessed).toMatchObject({ state: 'applied', version: 2 });
      expect(assessed.data).toMatchObject({ careLevel: 5, mobilityImpaired: true });
      expect((await driver.send(opened.id, 'review', {}, COMMITTEE)).state).toBe(
        'enrolled.prepared',
      );
    });

    it('runs the daily cycle prepared → atGate → delivered, counting meals and emitting meal.delivered', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      for (let day = 1; day <= 2; day++) {
        expect((await driver.send(id, 'carryToGate', {}, COURIER)).state).toBe('enrolled.atGate');
        const delivered = await driver.send(id, 'deliver', {}, CADRE);
        expect(delivered.state).toBe('enrolled.delivered');
        expect(delivered.data.mealsDelivered).toBe(day);
        expect((await driver.send(id, 'prepare', {}, CANTEEN)).state).toBe('enrolled.prepared');
      }
      expect(await driver.emitted()).toEqual([
        { caseId: id, name: 'meal.delivered' },
        { caseId: id, name: 'meal.delivered' },
      ]);
      const after = await driver.get(id);
      expect(after).toMatchObject({ state: 'enrolled.prepared', version: 2 + 6 });
      expect(after.data).toMatchObject({ mealsDelivered: 2, mealsFailed: 0 });
    });

    it('restarts the cycle at prepared one day after a delivery (P1D timer)', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      await driver.send(id, 'carryToGate', {}, COURIER);
      await driver.send(id, 'deliver', {}, CADRE);
      await driver.advance(DAY - MINUTE);
      expect((await driver.get(id)).state).toBe('enrolled.delivered');
      await driver.advance(MINUTE);
      const next = await driver.get(id);
      expect(next.state).toBe('enrolled.prepared');
      expect(next.data.mealsDelivered).toBe(1);
      // The timer fired once: another week brings no further change.
      await driver.advance(7 * DAY);
      expect(await driver.get(id)).toEqual(next);
      await driver.send(id, 'carryToGate', {}, COURIER);
      expect((await driver.send(id, 'deliver', {}, CADRE)).data.mealsDelivered).toBe(2);
    });

    it('reminds the cadre once when a meal has waited 30 minutes at the gate', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      await driver.send(id, 'carryToGate', {}, COURIER);
      await driver.advance(29 * MINUTE);
      expect(await driver.notifications()).toHaveLength(1); // the enrolment note to the canteen
      await driver.advance(MINUTE);
      const notes = await driver.notifications();
      expect(notes).toHaveLength(2);
      expect(notes[1]).toMatchObject({ caseId: id, role: 'cadre' });
      expect(en(notes[1]!.message)).toBe(
        'A meal has waited at the gate for 30 minutes; please take it to the door',
      );
      // A timer without target stays in place: still at the gate, and it does not repeat.
      await driver.advance(DAY);
      expect((await driver.get(id)).state).toBe('enrolled.atGate');
      expect(await driver.notifications()).toHaveLength(2);
      expect((await driver.send(id, 'deliver', {}, CADRE)).state).toBe('enrolled.delivered');
    });

    it('records a failed delivery, notifies the committee, and delivers on retry', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      await driver.send(id, 'carryToGate', {}, COURIER);
      const failed = await driver.send(id, 'fail', { reason: 'nobody answered the door' }, CADRE);
      expect(failed.state).toBe('enrolled.failed');
      expect(failed.data).toMatchObject({
        mealsFailed: 1,
        mealsDelivered: 0,
        lastFailReason: 'nobody answered the door',
      });
      const notes = await driver.notifications();
      expect(notes.at(-1)).toMatchObject({ caseId: id, role: 'committee' });
      expect(en(notes.at(-1)!.message)).toBe(
        'A love meal could not be delivered; please check on the resident',
      );
      expect(await driver.emitted()).toEqual([]);

      expect((await driver.send(id, 'retry', {}, COMMITTEE)).state).toBe('enrolled.atGate');
      const delivered = await driver.send(id, 'deliver', {}, CADRE);
      expect(delivered.state).toBe('enrolled.delivered');
      expect(delivered.data).toMatchObject({
        mealsDelivered: 1,
        mealsFailed: 1,
        lastFailReason: 'nobody answered the door',
      });
      expect(await driver.emitted()).toEqual([{ caseId: id, name: 'meal.delivered' }]);
    });

    it('moves a failed day on to the next cycle after P1D without counting a meal', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      await driver.send(id, 'carryToGate', {}, COURIER);
      await driver.send(id, 'fail', { reason: 'in hospital' }, CADRE);
      await driver.advance(DAY);
      const next = await driver.get(id);
      expect(next.state).toBe('enrolled.prepared');
      expect(next.data).toMatchObject({ mealsDelivered: 0, mealsFailed: 1 });
    });

    it('refuses by role: a courier may not review, a canteen may not carry to the gate', async () => {
      const driver = await programme();
      const opened = await driver.open(resident({ age: 85, mobilityImpaired: true }));
      const error = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'review', {}, COURIER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      expect(error.kind).toBe('forbidden');
      expect(error.details).toEqual({ eventType: 'review', allowed: ['committee'] });
      const id = (await driver.send(opened.id, 'review', {}, COMMITTEE)).id;
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'carryToGate', {}, CANTEEN),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await driver.send(id, 'carryToGate', {}, COURIER);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', {}, COURIER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
    });

    it('refuses an event the current state does not accept, and an undeclared event', async () => {
      const driver = await programme();
      const opened = await driver.open(resident({ age: 85, mobilityImpaired: true }));
      const error = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'deliver', {}, CADRE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      expect(error.kind).toBe('conflict');
      expect(error.details).toMatchObject({ eventType: 'deliver', state: 'applied' });
      expect([...(error.details!.accepted as string[])].sort()).toEqual(['assess', 'review']);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'teleport', {}, COMMITTEE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const id = (await driver.send(opened.id, 'review', {}, COMMITTEE)).id;
      await driver.send(id, 'carryToGate', {}, COURIER);
      await driver.send(id, 'deliver', {}, CADRE);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'carryToGate', {}, COURIER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', {}, CADRE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
    });

    it('refuses an invalid payload or record with the field path', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      await driver.send(id, 'carryToGate', {}, COURIER);
      const missing = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'fail', {}, CADRE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(missing.kind).toBe('unprocessable');
      expect(missing.fieldErrors).toEqual([{ path: '/reason', message: 'is required' }]);
      const empty = await expectRefusal(
        driver.send(id, 'fail', { reason: '' }, CADRE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(empty.fieldErrors.map((e) => e.path)).toEqual(['/reason']);
      const wrongType = await expectRefusal(
        driver.send(id, 'suspend', { reason: 42 }, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(wrongType.fieldErrors.map((e) => e.path)).toEqual(['/reason']);
      const undeclared = await expectRefusal(
        driver.send(id, 'deliver', { hot: true }, CADRE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(undeclared.fieldErrors).toEqual([
        { path: '/hot', message: 'is not a declared field' },
      ]);
      expect((await driver.get(id)).state).toBe('enrolled.atGate');

      const opened = await driver.open(resident({ age: 70 }));
      const level = await expectRefusal(
        driver.send(opened.id, 'assess', { careLevel: 9, mobilityImpaired: true }, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(level.fieldErrors.map((e) => e.path)).toEqual(['/careLevel']);
      const record = await expectRefusal(
        driver.open({ name: '李老伯', age: 88 }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(record.fieldErrors).toEqual([{ path: '/address', message: 'is required' }]);
      const age = await expectRefusal(
        driver.open(resident({ age: 131 })),
        ValidationFailedError,
        'validation-failed',
      );
      expect(age.fieldErrors.map((e) => e.path)).toEqual(['/age']);
    });

    it('reminds the committee every 3 days while an application awaits review (P3D), and stops once reviewed', async () => {
      const driver = await programme();
      const opened = await driver.open(resident({ age: 85, mobilityImpaired: true }));
      await driver.advance(3 * DAY - MINUTE);
      expect(await driver.notifications()).toEqual([]);
      await driver.advance(MINUTE);
      let notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ caseId: opened.id, role: 'committee' });
      expect(en(notes[0]!.message)).toBe('A love-meals application has waited 3 days for review');
      expect((await driver.get(opened.id)).state).toBe('applied');
      // The reminder re-enters `applied`, so it restarts: a second one three days later.
      await driver.advance(3 * DAY);
      expect(await driver.notifications()).toHaveLength(2);
      await driver.send(opened.id, 'review', {}, COMMITTEE);
      await driver.advance(30 * DAY);
      notes = await driver.notifications();
      expect(countBy(notes, (n) => n.role)).toEqual({ committee: 2, canteen: 1 });
    });

    it('assigns a cadre, suspends, resumes into a fresh cycle, and ends with a reason', async () => {
      const driver = await programme();
      const id = await enrolled(driver);
      const assigned = await driver.send(id, 'assignCadre', { cadre: 'cadre-zhang' }, COMMITTEE);
      expect(assigned).toMatchObject({ state: 'enrolled.prepared', assignee: 'cadre-zhang' });
      await driver.send(id, 'carryToGate', {}, COURIER);
      const suspended = await driver.send(id, 'suspend', { reason: 'in hospital' }, COMMITTEE);
      expect(suspended).toMatchObject({ state: 'suspended', assignee: 'cadre-zhang' });
      expect(suspended.data.suspendReason).toBe('in hospital');
      // Leaving the cycle cancels the gate reminder.
      await driver.advance(DAY);
      expect((await driver.notifications()).filter((n) => n.role === 'cadre')).toEqual([]);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', {}, CADRE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      expect((await driver.send(id, 'resume', {}, COMMITTEE)).state).toBe('enrolled.prepared');
      const ended = await driver.send(id, 'end', { reason: 'moved in with family' }, COMMITTEE);
      expect(ended).toMatchObject({ state: 'ended', done: true });
      expect(ended.data.endReason).toBe('moved in with family');
    });

    it('178 qualify under the normal rule; 62 more after opening up make 240 enrolled and 240 meals a day', async () => {
      const driver = await programme();
      const residents: Resident[] = [];
      for (let i = 0; i < 240; i++) {
        if (i < 100)
          residents.push({
            name: `r${i}`,
            age: 80 + (i % 20),
            mobilityImpaired: true,
            careLevel: i % 5,
          }); // eligible by age
        else if (i < 178)
          residents.push({
            name: `r${i}`,
            age: 60 + (i % 40),
            careLevel: 5 + (i % 2),
            mobilityImpaired: i % 3 === 0,
          }); // by care level
        else if (i < 200)
          residents.push({
            name: `r${i}`,
            age: 80 + (i % 15),
            careLevel: i % 5,
            mobilityImpaired: false,
          }); // old, but mobile
        else
          residents.push({
            name: `r${i}`,
            age: 65 + (i % 15),
            careLevel: i % 5,
            mobilityImpaired: i % 2 === 0,
          }); // under 80, level < 5
      }
      const reviewed = [];
      for (const r of residents) reviewed.push(await applyAndReview(driver, r));
      expect(countBy(reviewed, (c) => c.state)).toEqual({ 'enrolled.prepared': 178, rejected: 62 });
      expect((await driver.notifications()).filter((n) => n.role === 'canteen')).toHaveLength(178);

      // Lockdown: the threshold is dropped mid-programme and the 62 apply again.
      await driver.setParams({ openEnrollment: true });
      const rejected = reviewed.filter((c) => c.state === 'rejected');
      const reapplied = [];
      for (const c of rejected)
        reapplied.push(
          await applyAndReview(driver, {
            name: String(c.data.name),
            age: Number(c.data.age),
            careLevel: Number(c.data.careLevel),
            mobilityImpaired: Boolean(c.data.mobilityImpaired),
          }),
        );
      expect(countBy(reapplied, (c) => c.state)).toEqual({ 'enrolled.prepared': 62 });

      const enrolledIds = [...reviewed, ...reapplied]
        .filter((c) => c.state === 'enrolled.prepared')
        .map((c) => c.id);
      expect(enrolledIds).toHaveLength(240);
      // One day's meals for everyone enrolled.
      for (const id of enrolledIds) {
        await driver.send(id, 'carryToGate', {}, COURIER);
        await driver.send(id, 'deliver', {}, CADRE);
      }
      const emitted = await driver.emitted();
      expect(emitted).toHaveLength(240);
      expect(new Set(emitted.map((e) => e.caseId)).size).toBe(240);
      expect(countBy(emitted, (e) => e.name)).toEqual({ 'meal.delivered': 240 });
      const states = await Promise.all(enrolledIds.map((id) => driver.get(id)));
      expect(countBy(states, (c) => `${c.state}/${String(c.data.mealsDelivered)}`)).toEqual({
        'enrolled.delivered/1': 240,
      });
      await expectFigures(driver, {
        applications: 302,
        'aged-80-and-over': [...reviewed, ...reapplied].filter((c) => Number(c.data.age) >= 80)
          .length,
        'meals-delivered': 240,
        'deliveries-failed': 0,
      });
    });
  });
}
