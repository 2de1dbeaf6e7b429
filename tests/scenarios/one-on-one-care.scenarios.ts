/**
 * One-on-one responsibility (一对一包保), Pingfang district, Harbin, March 2020: 162 elderly living
 * alone, 70 children in difficulty, 536 people with mental illness, 12 severely disabled and 22
 * seriously ill screened, each given a responsible cadre; daily visits by door, phone or WeChat;
 * a missed day escalated; lapses recorded and the cadre held to account.
 */
import { describe, expect, it } from 'vitest';
import {
  EventNotAcceptedError,
  GuardRefusedError,
  RoleNotAllowedError,
  ValidationFailedError,
} from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import { openAll } from './open-all.js';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  DAY,
  HOUR,
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const CADRE = ['cadre'];
const STREET = ['streetOffice'];
const INSPECTOR = ['inspector'];
const GRID = ['gridWorker'];

/** The report's screened groups and their sizes. */
export const SCREENED = {
  elderlyAlone: 162,
  childInDifficulty: 70,
  mentalIllness: 536,
  severelyDisabled: 12,
  seriouslyIll: 22,
} as const;

/** The screening roster: 802 people, one row each, a cadre per ten people. */
export function screeningRoster(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [group, count] of Object.entries(SCREENED))
    for (let i = 0; i < count; i++)
      rows.push({
        name: `${group}-${i + 1}`,
        group,
        address: `平房区友协街道${i + 1}号`,
        cadre: `cadre-${Math.floor(rows.length / 10) + 1}`,
      });
  return rows;
}

async function screened(driver: ProgrammeDriver, cadre = 'cadre-wang'): Promise<string> {
  const opened = await driver.open({ name: '李奶奶', group: 'elderlyAlone', cadre });
  expect(opened).toMatchObject({ state: 'underCare.visited', assignee: cadre });
  return opened.id;
}

export function oneOnOneCareScenarios(factory: DriverFactory): void {
  const programme = () => factory('one-on-one-care', {}, START);

  describe('one-on-one-care (一对一包保)', () => {
    it('screens 162 + 70 + 536 + 12 + 22 = 802 people and assigns each a responsible cadre', async () => {
      const driver = await programme();
      const roster = screeningRoster();
      expect(roster).toHaveLength(802);
      const opened = await openAll(driver, roster);
      expect(opened).toHaveLength(802);
      expect(countBy(opened, (c) => String(c.data.group))).toEqual(SCREENED);
      expect(countBy(opened, (c) => c.state)).toEqual({ 'underCare.visited': 802 });
      opened.forEach((c, i) => {
        expect(c.assignee).toBe(roster[i]!.cadre);
        expect(c.data.cadre).toBe(c.assignee);
      });
      expect(new Set(opened.map((c) => c.assignee)).size).toBe(81);
      await expectFigures(driver, {
        'people-screened': { value: 802, groups: SCREENED },
        'people-assigned': { value: 802, groups: SCREENED },
        visits: 0,
      });
      expect(await driver.balances()).toEqual({});
    }, 120_000);

    it('refuses a screening row without a cadre or with an unknown group', async () => {
      const driver = await programme();
      const noCadre = await expectRefusal(
        driver.open({ name: '张某', group: 'elderlyAlone' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(noCadre.fieldErrors.map((e) => e.path)).toEqual(['/cadre']);
      const group = await expectRefusal(
        driver.open({ name: '张某', group: 'elderly', cadre: 'cadre-1' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(group.fieldErrors.map((e) => e.path)).toEqual(['/group']);
    });

    it('logs daily visits by door, phone and WeChat; each visit restarts the one-day clock', async () => {
      const driver = await programme();
      const id = await screened(driver);
      await driver.advance(20 * HOUR);
      await driver.send(id, 'visit', { method: 'door', note: '身体正常，药品充足' }, CADRE);
      await driver.advance(20 * HOUR);
      await driver.send(id, 'visit', { method: 'phone' }, CADRE);
      await driver.advance(20 * HOUR);
      const last = await driver.send(id, 'visit', { method: 'wechat', need: '代买降压药' }, CADRE);
      expect(last).toMatchObject({ state: 'underCare.visited', assignee: 'cadre-wang' });
      expect(last.data).toMatchObject({
        visits: 3,
        doorVisits: 1,
        phoneVisits: 1,
        wechatVisits: 1,
        lastVisitNote: '',
        openNeed: '代买降压药',
        missedDays: 0,
      });
      expect(await driver.notifications()).toEqual([]);
      await expectFigures(driver, {
        visits: 3,
        'door-visits': 1,
        'phone-visits': 1,
        'wechat-visits': 1,
        'missed-days': 0,
      });
      const helped = await driver.send(id, 'giveHelp', {}, GRID);
      expect(helped.data).toMatchObject({ openNeed: '', helpsGiven: 1 });
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'giveHelp', {}, CADRE),
        GuardRefusedError,
        'guard-refused',
      );
    });

    it('escalates a missed day to the cadre and the street, a second to the inspection team', async () => {
      const driver = await programme();
      const id = await screened(driver);
      await driver.advance(DAY - 1);
      expect(await driver.notifications()).toEqual([]);
      await driver.advance(1);
      let c = await driver.get(id);
      expect(c).toMatchObject({ state: 'underCare.visitMissed' });
      expect(c.data.missedDays).toBe(1);
      let notes = await driver.notifications();
      expect(notes.map((n) => n.role)).toEqual(['cadre', 'streetOffice']);
      expect(en(notes[1]!.message)).toBe(
        'A person under one-on-one care has gone a day without a visit',
      );
      await driver.advance(DAY);
      c = await driver.get(id);
      expect(c.data.missedDays).toBe(2);
      notes = await driver.notifications();
      expect(notes.map((n) => n.role)).toEqual(['cadre', 'streetOffice', 'inspector']);
      const visited = await driver.send(id, 'visit', { method: 'door' }, CADRE);
      expect(visited).toMatchObject({ state: 'underCare.visited' });
      expect(visited.data).toMatchObject({ visits: 1, missedDays: 2 });
      await driver.advance(DAY - HOUR);
      expect(await driver.notifications()).toHaveLength(3);
    });

    it('records a lapse, holds the cadre to account and hands the person to a new cadre', async () => {
      const driver = await programme();
      const id = await screened(driver);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'recordLapse', { kind: 'helpNotInTime' }, CADRE),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'recordLapse', { kind: 'late' }, INSPECTOR),
        ValidationFailedError,
        'validation-failed',
      );
      const review = await driver.send(
        id,
        'recordLapse',
        { kind: 'helpNotInTime', note: '需求两天未解决' },
        INSPECTOR,
      );
      expect(review).toMatchObject({ state: 'underReview' });
      expect(review.data).toMatchObject({ lapses: 1, lastLapse: 'helpNotInTime' });
      expect((await driver.notifications()).map((n) => n.role)).toEqual(['inspector']);
      // Visits go on while the lapse is reviewed.
      expect((await driver.send(id, 'visit', { method: 'phone' }, CADRE)).data.phoneVisits).toBe(1);
      const moved = await driver.send(id, 'reassign', { cadre: 'cadre-li' }, STREET);
      expect(moved).toMatchObject({ assignee: 'cadre-li' });
      expect(moved.data.cadre).toBe('cadre-li');
      const done = await driver.send(id, 'holdToAccount', { outcome: '诫勉谈话' }, INSPECTOR);
      expect(done).toMatchObject({ state: 'underCare.visited', assignee: 'cadre-li' });
      expect(done.data.accountability).toBe('诫勉谈话');
      expect((await driver.emitted()).map((e) => e.name)).toEqual(['care.heldToAccount']);
      await expectFigures(driver, { lapses: 1, 'held-to-account': 1, visits: 1 });
    });

    it('reminds the inspectors of an unreviewed lapse every 3 days', async () => {
      const driver = await programme();
      const id = await screened(driver);
      await driver.send(id, 'recordLapse', { kind: 'slowAction' }, INSPECTOR);
      await driver.advance(6 * DAY);
      const notes = await driver.notifications();
      expect(notes.map((n) => n.role)).toEqual(['inspector', 'inspector', 'inspector']);
      expect(en(notes[2]!.message)).toBe('A recorded lapse has waited 3 days to be dealt with');
      expect((await driver.get(id)).state).toBe('underReview');
    });

    it('reassigns within care, closes with a reason, and refuses by role and state', async () => {
      const driver = await programme();
      const id = await screened(driver);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'visit', { method: 'door' }, STREET),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'visit', { method: 'letter' }, CADRE),
        ValidationFailedError,
        'validation-failed',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'holdToAccount', { outcome: '约谈' }, INSPECTOR),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const moved = await driver.send(id, 'reassign', { cadre: 'cadre-zhao' }, STREET);
      expect(moved).toMatchObject({ state: 'underCare.visited', assignee: 'cadre-zhao' });
      const closed = await driver.send(id, 'close', { reason: '已入住养老机构' }, STREET);
      expect(closed).toMatchObject({ state: 'closed', done: true });
      expect(closed.data.closeReason).toBe('已入住养老机构');
      await driver.advance(3 * DAY);
      expect(await driver.notifications()).toHaveLength(1);
    });
  });
}
