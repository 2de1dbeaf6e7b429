/**
 * Free mobile data for pupils (免费流量助学), Harbin: 173 poor pupils given 20 GB each; 13 with no
 * internet, TV or phone paired one-on-one with a teacher.
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
import type { CaseView, DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  DAY,
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const SCHOOL = ['school'];
const CARRIER = ['carrier'];
const TEACHER = ['teacher'];

/** 173 pupils with a phone and 13 with no internet, TV or phone, plus one more with a phone. */
export function pupilRoster(withPhone = 174): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < withPhone; i++)
    rows.push({ name: `学生${i + 1}`, school: '平房区第一小学', hasPhone: true });
  for (let i = 0; i < 13; i++)
    rows.push({ name: `无设备学生${i + 1}`, school: '平房区第二小学', grade: '三年级' });
  return rows;
}

function phoneNumber(i: number): string {
  return `139${String(i).padStart(8, '0')}`;
}

async function pupil(driver: ProgrammeDriver, data: Record<string, unknown> = {}): Promise<string> {
  return (await driver.open({ name: '小王', school: '平房区第一小学', ...data })).id;
}

export function pupilDataScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) => factory('pupil-data', params, START);

  describe('pupil-data (免费流量助学)', () => {
    it('gives 173 pupils 20 GB each, refuses the 174th, and pairs 13 without a device with a teacher each', async () => {
      const driver = await programme();
      expect(await driver.balances()).toEqual({ 'data-packages': 173 });
      const roster = await openAll(driver, pupilRoster());
      const settled: CaseView[] = [];
      const withPhone = roster.slice(0, 174);
      const noDevice = roster.slice(174);
      for (const [i, c] of withPhone.slice(0, 173).entries()) {
        const granted = await driver.send(
          c.id,
          'grantData',
          { phoneNumber: phoneNumber(i) },
          i % 2 ? SCHOOL : CARRIER,
        );
        expect(granted).toMatchObject({ state: 'dataGranted' });
        expect(granted.data.gbGranted).toBe(20);
        settled.push(granted);
      }
      expect(await driver.balances()).toEqual({ 'data-packages': 0 });
      const extra = withPhone[173]!.id;
      await expectRefusedWithoutChange(
        driver,
        extra,
        () => driver.send(extra, 'grantData', { phoneNumber: phoneNumber(173) }, SCHOOL),
        GuardRefusedError,
        'guard-refused',
      );
      for (const [i, c] of noDevice.entries()) {
        const paired = await driver.send(
          c.id,
          'pairTeacher',
          { teacher: `teacher-${i + 1}` },
          SCHOOL,
        );
        expect(paired).toMatchObject({ state: 'pairedWithTeacher', assignee: `teacher-${i + 1}` });
        settled.push(paired);
      }
      // Every pupil: the settled ones as the engine answered, the refused one as it is now.
      const all = [...settled, await driver.get(extra)];
      expect(countBy(all, (c) => c.state)).toEqual({
        dataGranted: 173,
        pairedWithTeacher: 13,
        registered: 1,
      });
      expect(all.reduce((gb, c) => gb + Number(c.data.gbGranted), 0)).toBe(173 * 20);
      expect(new Set(all.map((c) => c.assignee).filter(Boolean)).size).toBe(13);
      await expectFigures(driver, {
        pupils: { value: 187, groups: { 平房区第一小学: 174, 平房区第二小学: 13 } },
        'pupils-given-data': 173,
        'gb-given': 3460,
        'pupils-with-teacher': 13,
      });
      expect((await driver.emitted()).filter((e) => e.name === 'pupil.dataGranted')).toHaveLength(
        173,
      );
    }, 120_000);

    it('grants data only to a pupil with a phone, and a teacher only to one with no internet, TV or phone', async () => {
      const driver = await programme();
      const tvOnly = await pupil(driver, { hasTv: true });
      await expectRefusedWithoutChange(
        driver,
        tvOnly,
        () => driver.send(tvOnly, 'grantData', { phoneNumber: phoneNumber(1) }, SCHOOL),
        GuardRefusedError,
        'guard-refused',
      );
      await expectRefusedWithoutChange(
        driver,
        tvOnly,
        () => driver.send(tvOnly, 'pairTeacher', { teacher: 't' }, SCHOOL),
        GuardRefusedError,
        'guard-refused',
      );
      // The school's check finds a phone after all: the data package can go to it.
      const checked = await driver.send(
        tvOnly,
        'checkAccess',
        { hasPhone: true, hasTv: true, hasInternet: false },
        SCHOOL,
      );
      expect(checked).toMatchObject({ state: 'registered' });
      expect(checked.data).toMatchObject({ hasPhone: true, hasTv: true, hasInternet: false });
      const granted = await driver.send(
        tvOnly,
        'grantData',
        { phoneNumber: phoneNumber(1) },
        CARRIER,
      );
      expect(granted.data).toMatchObject({ gbGranted: 20, phoneNumber: '13900000001' });
      expect(await driver.balances()).toEqual({ 'data-packages': 172 });
    });

    it('reminds the school after a week without tutoring; each session restarts the week', async () => {
      const driver = await programme();
      const id = await pupil(driver);
      await driver.send(id, 'pairTeacher', { teacher: 'teacher-zhang' }, SCHOOL);
      await driver.advance(6 * DAY);
      expect(
        (await driver.send(id, 'tutor', { how: 'materials' }, TEACHER)).data.tutoringSessions,
      ).toBe(1);
      await driver.advance(7 * DAY - 1);
      expect((await driver.notifications()).map((n) => n.role)).toEqual(['teacher']);
      await driver.advance(1);
      const notes = await driver.notifications();
      expect(notes.map((n) => n.role)).toEqual(['teacher', 'school']);
      expect(en(notes[1]!.message)).toBe('A paired pupil has had no tutoring logged for a week');
      const other = await driver.send(id, 'pairTeacher', { teacher: 'teacher-li' }, SCHOOL);
      expect(other).toMatchObject({ state: 'pairedWithTeacher', assignee: 'teacher-li' });
    });

    it('refuses a bad phone number, a second package, and senders without the role', async () => {
      const driver = await programme({ gbPerPackage: 30 });
      const bad = await expectRefusal(
        driver.open({ name: '小李' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/school']);
      const id = await pupil(driver, { hasPhone: true });
      const number = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'grantData', { phoneNumber: '12345' }, SCHOOL),
        ValidationFailedError,
        'validation-failed',
      );
      expect(number.fieldErrors.map((e) => e.path)).toEqual(['/phoneNumber']);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'grantData', { phoneNumber: phoneNumber(2) }, TEACHER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      expect(
        (await driver.send(id, 'grantData', { phoneNumber: phoneNumber(2) }, SCHOOL)).data
          .gbGranted,
      ).toBe(30);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'grantData', { phoneNumber: phoneNumber(2) }, SCHOOL),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const closed = await driver.send(id, 'close', { reason: '已复课' }, SCHOOL);
      expect(closed).toMatchObject({ state: 'closed', done: true });
      expect(await driver.balances()).toEqual({ 'data-packages': 172 });
    });
  });
}
