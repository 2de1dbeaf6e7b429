/**
 * Free fever-medicine distribution, Yima, December 2022: a CDC worker and 4 volunteers gave out
 * 10,000 tablets, mostly to older people, until the stock ran out. At 20 tablets a person
 * (issue 11's figure; the report gives none), 500 people are served and the rest turned away.
 */
import { describe, expect, it } from 'vitest';
import { EventNotAcceptedError, RoleNotAllowedError, ValidationFailedError } from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import { openAll } from './open-all.js';
import type { CaseView, DriverFactory } from './programme-driver.js';
import {
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const CDC = ['cdcWorker'];
const VOLUNTEER = ['volunteer'];

/** The 4 volunteers of the report, each with their own account. */
const VOLUNTEERS = 4;

export function feverMedicineScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) =>
    factory('fever-medicine', params, START);

  describe('fever-medicine (免费发放退烧药)', () => {
    it('gives 10,000 tablets 20 each: 500 people served, the rest turned away, the stock never negative', async () => {
      const driver = await programme();
      expect(await driver.balances()).toEqual({ tablets: 10000 });
      const queue = await openAll(
        driver,
        Array.from({ length: 520 }, (_, i) => ({ name: `群众${i + 1}`, age: 50 + (i % 40) })),
      );
      const all: CaseView[] = [];
      for (const [i, person] of queue.entries()) {
        const after = await driver.send(
          person.id,
          'give',
          {},
          i % (VOLUNTEERS + 1) ? VOLUNTEER : CDC,
        );
        if (i < 500) {
          expect(after).toMatchObject({ state: 'served', done: true });
          expect(after.data.tabletsGiven).toBe(20);
        } else {
          expect(after).toMatchObject({ state: 'turnedAway', done: true });
          expect(after.data).toMatchObject({ tabletsGiven: 0, turnedAwayReason: 'outOfStock' });
        }
        all.push(after);
      }
      expect(await driver.balances()).toEqual({ tablets: 0 });
      // Each case as the engine answered the step that settled it.
      expect(countBy(all, (c) => c.state)).toEqual({ served: 500, turnedAway: 20 });
      expect(all.reduce((sum, c) => sum + Number(c.data.tabletsGiven), 0)).toBe(10000);
      expect((await driver.emitted()).filter((e) => e.name === 'medicine.given')).toHaveLength(500);
      const notes = await driver.notifications();
      expect(notes).toHaveLength(20);
      expect(notes.every((n) => n.role === 'cdcWorker')).toBe(true);
      expect(en(notes[0]!.message)).toBe(
        'The fever tablets have run out; please tell the people waiting',
      );
      await expectFigures(driver, {
        'people-served': 500,
        'older-people-served': all.filter((c) => c.data.priority && c.state === 'served').length,
        'turned-away': 20,
        'tablets-given': 10000,
      });
    }, 120_000);

    it('marks older people as priority recipients from the priority age', async () => {
      const driver = await programme();
      const [old, young, unknown] = await openAll(driver, [
        { name: '王大爷', age: 78 },
        { name: '小刘', age: 35 },
        { name: '赵某' },
      ]);
      expect(old!.data).toMatchObject({ priority: true, tabletsGiven: 0, turnedAwayReason: '' });
      expect(young!.data.priority).toBe(false);
      expect(unknown!.data).toMatchObject({ age: 0, priority: false });
    });

    it('turns away the person the remainder cannot cover, and follows a per-person change mid-programme', async () => {
      const driver = await programme({ tablets: 50, tabletsPerPerson: 20 });
      const [a, b, c, d] = await openAll(driver, [
        { name: 'a' },
        { name: 'b' },
        { name: 'c' },
        { name: 'd' },
      ]);
      await driver.send(a!.id, 'give', {}, VOLUNTEER);
      await driver.send(b!.id, 'give', {}, VOLUNTEER);
      expect(await driver.balances()).toEqual({ tablets: 10 });
      expect((await driver.send(c!.id, 'give', {}, VOLUNTEER)).state).toBe('turnedAway');
      expect(await driver.balances()).toEqual({ tablets: 10 });
      await driver.setParams({ tabletsPerPerson: 10 });
      const last = await driver.send(d!.id, 'give', {}, CDC);
      expect(last).toMatchObject({ state: 'served' });
      expect(last.data.tabletsGiven).toBe(10);
      expect(await driver.balances()).toEqual({ tablets: 0 });
    });

    it('records a person who declines without drawing stock', async () => {
      const driver = await programme({ tablets: 40 });
      const person = await driver.open({ name: '孙某', age: 66 });
      const declined = await driver.send(person.id, 'decline', {}, VOLUNTEER);
      expect(declined).toMatchObject({ state: 'turnedAway', done: true });
      expect(declined.data.turnedAwayReason).toBe('declined');
      expect(await driver.balances()).toEqual({ tablets: 40 });
    });

    it('refuses bad parameters, a served person twice, and senders without a role', async () => {
      const bad = await expectRefusal(
        programme({ tabletsPerPerson: 0 }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/tabletsPerPerson']);
      const driver = await programme();
      const person = await driver.open({ name: '周某' });
      await expectRefusedWithoutChange(
        driver,
        person.id,
        () => driver.send(person.id, 'give', {}, ['gridWorker']),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await driver.send(person.id, 'give', {}, VOLUNTEER);
      await expectRefusedWithoutChange(
        driver,
        person.id,
        () => driver.send(person.id, 'give', {}, VOLUNTEER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      expect(await driver.balances()).toEqual({ tablets: 9980 });
    });
  });
}
