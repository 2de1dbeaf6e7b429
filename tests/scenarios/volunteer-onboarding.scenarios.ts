/**
 * Volunteer onboarding (志愿者招募上岗), Kangcheng, Shanghai: volunteers register and must show a
 * negative test result before being given tasks. The report gives no figures; the 48-hour validity
 * of a result is the template's choice.
 */
import { describe, expect, it } from 'vitest';
import { EventNotAcceptedError, RoleNotAllowedError, ValidationFailedError } from '@relief/engine';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  HOUR,
  MINUTE,
  START,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const COMMITTEE = ['committee'];
const LEADER = ['teamLeader'];
const VOLUNTEER = ['volunteer'];

const NEGATIVE = { kind: 'antigen', result: 'negative' };

async function accepted(driver: ProgrammeDriver): Promise<string> {
  const opened = await driver.open({
    name: '刘同学',
    phone: '13800000000',
    building: '康城12号楼',
  });
  expect(opened).toMatchObject({ state: 'registered', assignee: null });
  expect((await driver.send(opened.id, 'accept', {}, COMMITTEE)).state).toBe('awaitingTest');
  return opened.id;
}

export function volunteerOnboardingScenarios(factory: DriverFactory): void {
  const programme = () => factory('volunteer-onboarding', {}, START);

  describe('volunteer-onboarding (志愿者招募上岗)', () => {
    it('gives no task before a negative result; after one, assigns tasks to a team leader', async () => {
      const driver = await programme();
      const id = await accepted(driver);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'assignTask', { task: '核酸检测秩序维护' }, COMMITTEE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const positive = await driver.send(
        id,
        'showTestResult',
        { kind: 'pcr', result: 'positive' },
        COMMITTEE,
      );
      expect(positive).toMatchObject({ state: 'awaitingTest' });
      expect(positive.data).toMatchObject({ lastTestResult: 'positive', testsShown: 1 });
      expect(en((await driver.notifications())[0]!.message)).toBe(
        "A volunteer's test result is positive; no task until a negative result",
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'assignTask', { task: '物资分发' }, LEADER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const cleared = await driver.send(id, 'showTestResult', NEGATIVE, LEADER);
      expect(cleared).toMatchObject({ state: 'cleared.available' });
      expect(cleared.data).toMatchObject({
        lastTestKind: 'antigen',
        lastTestResult: 'negative',
        testsShown: 2,
      });
      const task = await driver.send(
        id,
        'assignTask',
        { task: '12号楼核酸检测秩序维护', leader: 'leader-chen' },
        COMMITTEE,
      );
      expect(task).toMatchObject({ state: 'cleared.onTask', assignee: 'leader-chen' });
      expect(task.data.task).toBe('12号楼核酸检测秩序维护');
      const done = await driver.send(id, 'completeTask', {}, VOLUNTEER);
      expect(done).toMatchObject({ state: 'cleared.available', assignee: 'leader-chen' });
      expect(done.data).toMatchObject({ task: '', tasksDone: 1 });
      const second = await driver.send(id, 'assignTask', { task: '送药上门' }, LEADER);
      expect(second).toMatchObject({ state: 'cleared.onTask', assignee: 'leader-chen' });
      expect((await driver.emitted()).map((e) => e.name)).toEqual(['volunteer.taskDone']);
    });

    it('a negative result lapses after 48 hours, even mid-task; a new one restarts the clock', async () => {
      const driver = await programme();
      const id = await accepted(driver);
      await driver.send(id, 'showTestResult', NEGATIVE, COMMITTEE);
      await driver.advance(30 * HOUR);
      await driver.send(id, 'assignTask', { task: '物资分发' }, COMMITTEE);
      // Tasks move inside "cleared" and do not restart the validity clock.
      await driver.send(id, 'completeTask', {}, VOLUNTEER);
      await driver.send(id, 'assignTask', { task: '送餐' }, COMMITTEE);
      await driver.advance(18 * HOUR - MINUTE);
      expect((await driver.get(id)).state).toBe('cleared.onTask');
      await driver.advance(MINUTE);
      const lapsed = await driver.get(id);
      expect(lapsed).toMatchObject({ state: 'awaitingTest' });
      expect(lapsed.data).toMatchObject({ lastTestResult: '', task: '', tasksDone: 1 });
      const notes = await driver.notifications();
      expect(notes.map((n) => n.role)).toEqual(['committee']);
      expect(en(notes[0]!.message)).toBe(
        "A volunteer's negative result is over 48 hours old; a new one is needed before the next task",
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'completeTask', {}, VOLUNTEER),
        EventNotAcceptedError,
        'event-not-accepted',
      );

      // A fresh negative result shown while available restarts the 48 hours.
      await driver.send(id, 'showTestResult', NEGATIVE, COMMITTEE);
      await driver.advance(40 * HOUR);
      const renewed = await driver.send(
        id,
        'showTestResult',
        { kind: 'pcr', result: 'negative' },
        COMMITTEE,
      );
      expect(renewed).toMatchObject({ state: 'cleared.available' });
      expect(renewed.data.testsShown).toBe(3);
      await driver.advance(47 * HOUR);
      expect((await driver.get(id)).state).toBe('cleared.available');
      await driver.advance(HOUR);
      expect((await driver.get(id)).state).toBe('awaitingTest');
      expect(await driver.notifications()).toHaveLength(2);
    });

    it('a positive result shown while cleared takes the volunteer off duty at once', async () => {
      const driver = await programme();
      const id = await accepted(driver);
      await driver.send(id, 'showTestResult', NEGATIVE, COMMITTEE);
      const off = await driver.send(
        id,
        'showTestResult',
        { kind: 'antigen', result: 'positive' },
        LEADER,
      );
      expect(off).toMatchObject({ state: 'awaitingTest' });
      expect(off.data.lastTestResult).toBe('positive');
      await driver.advance(48 * HOUR);
      expect((await driver.notifications()).map((n) => n.role)).toEqual(['committee']);
    });

    it('declines or lets a volunteer leave with a reason; refuses by role and payload', async () => {
      const driver = await programme();
      const missing = await expectRefusal(
        driver.open({ name: '王某' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(missing.fieldErrors.map((e) => e.path)).toEqual(['/phone']);
      const a = await driver.open({ name: '王某', phone: '13900000000' });
      await expectRefusedWithoutChange(
        driver,
        a.id,
        () => driver.send(a.id, 'accept', {}, VOLUNTEER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const declined = await driver.send(a.id, 'decline', { reason: '未满18周岁' }, COMMITTEE);
      expect(declined).toMatchObject({ state: 'declined', done: true });
      const b = await accepted(driver);
      const kind = await expectRefusedWithoutChange(
        driver,
        b,
        () =>
          driver.send(b, 'showTestResult', { kind: 'selfReport', result: 'negative' }, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(kind.fieldErrors.map((e) => e.path)).toEqual(['/kind']);
      await expectRefusedWithoutChange(
        driver,
        b,
        () => driver.send(b, 'showTestResult', NEGATIVE, VOLUNTEER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await driver.send(b, 'showTestResult', NEGATIVE, COMMITTEE);
      await driver.send(b, 'assignTask', { task: '物资分发' }, COMMITTEE);
      const left = await driver.send(b, 'leave', { reason: '返岗上班' }, VOLUNTEER);
      expect(left).toMatchObject({ state: 'left', done: true });
      expect(left.data).toMatchObject({ leaveReason: '返岗上班', task: '' });
      await driver.advance(48 * HOUR);
      expect(await driver.notifications()).toEqual([]);
    });
  });
}
