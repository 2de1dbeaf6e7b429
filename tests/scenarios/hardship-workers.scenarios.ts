/**
 * Hardship-worker support (困难职工帮扶), Lushi county trade union: visits with cash to 30 workers
 * (60,000 yuan) and 19 model workers (24,000 yuan), 18 student grants (33,100 yuan), 625,425.6
 * yuan across 54 grassroots unions, every yuan traced. The report gives totals only; the per-person
 * split below for model workers and student grants is illustrative, and the tests assert the totals.
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

const COUNTY = ['countyUnion'];
const GRASSROOTS = ['grassrootsUnion'];

/** The report's fund: 625,425.6 yuan spent across 54 grassroots unions. */
const FUND = 625425.6;
const UNIONS = 54;

/** 14 × 1,200 + 5 × 1,440 = 24,000 yuan for 19 model workers. */
export const MODEL_WORKER_GRANTS = [
  ...Array<number>(14).fill(1200),
  ...Array<number>(5).fill(1440),
];
/** 13 × 1,700 + 5 × 2,200 = 33,100 yuan for 18 student grants. */
export const STUDENT_GRANTS = [...Array<number>(13).fill(1700), ...Array<number>(5).fill(2200)];

/** Registry rows: 30 hardship workers, 19 model workers, 18 students, spread over the 54 unions. */
export function hardshipRegistry(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const add = (category: string, count: number) => {
    for (let i = 0; i < count; i++)
      rows.push({
        name: `${category}-${i + 1}`,
        category,
        union: `基层工会${(rows.length % UNIONS) + 1}`,
      });
  };
  add('hardshipWorker', 30);
  add('modelWorker', 19);
  add('studentGrant', 18);
  return rows;
}

async function filed(driver: ProgrammeDriver, category = 'hardshipWorker'): Promise<string> {
  const opened = await driver.open({ name: '王师傅', category, union: '卢氏县供电公司工会' });
  expect((await driver.send(opened.id, 'verify', {}, COUNTY)).state).toBe('filed');
  return opened.id;
}

/** Sum of money to the fen, in integers of fen so the check itself adds no float error. */
function yuan(values: readonly number[]): number {
  return values.reduce((fen, v) => fen + Math.round(v * 100), 0) / 100;
}

export function hardshipWorkersScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) =>
    factory('hardship-workers', params, START);

  describe('hardship-workers (困难职工帮扶)', () => {
    it('pays 30 workers 60,000 yuan, 19 model workers 24,000 yuan and 18 student grants 33,100 yuan, traced to the fen', async () => {
      const driver = await programme();
      expect(await driver.balances()).toEqual({ fund: FUND });
      const registry = await openAll(driver, hardshipRegistry());
      expect(countBy(registry, (c) => String(c.data.category))).toEqual({
        hardshipWorker: 30,
        modelWorker: 19,
        studentGrant: 18,
      });
      expect(new Set(registry.map((c) => c.data.union)).size).toBe(54);
      const model = MODEL_WORKER_GRANTS[Symbol.iterator]();
      const student = STUDENT_GRANTS[Symbol.iterator]();
      const paid: CaseView[] = [];
      for (const [i, c] of registry.entries()) {
        await driver.send(c.id, 'verify', {}, COUNTY);
        const voucher = `LS-2022-${String(i + 1).padStart(4, '0')}`;
        const payload =
          c.data.category === 'hardshipWorker'
            ? { voucher }
            : {
                voucher,
                amount: (c.data.category === 'modelWorker' ? model : student).next()
                  .value as number,
              };
        const after = await driver.send(c.id, 'grant', payload, i % 2 ? COUNTY : GRASSROOTS);
        expect(after).toMatchObject({ state: 'paid' });
        expect(after.data.lastVoucher).toBe(voucher);
        paid.push(await driver.send(c.id, 'signReceipt', {}, GRASSROOTS));
      }
      const sum = (category: string) =>
        yuan(
          paid.filter((c) => c.data.category === category).map((c) => Number(c.data.grantedYuan)),
        );
      expect(sum('hardshipWorker')).toBe(60000);
      expect(sum('modelWorker')).toBe(24000);
      expect(sum('studentGrant')).toBe(33100);
      expect(paid.every((c) => c.state === 'filed' && c.data.signedBy === c.data.name)).toBe(true);
      expect(await driver.balances()).toEqual({ fund: 508325.6 });
      expect((await driver.emitted()).filter((e) => e.name === 'support.paid')).toHaveLength(67);
      const byUnion: Record<string, number> = {};
      for (const c of paid)
        byUnion[String(c.data.union)] = yuan([
          byUnion[String(c.data.union)] ?? 0,
          Number(c.data.grantedYuan),
        ]);
      await expectFigures(driver, {
        'people-registered': {
          value: 67,
          groups: { hardshipWorker: 30, modelWorker: 19, studentGrant: 18 },
        },
        'people-paid': {
          value: 67,
          groups: { hardshipWorker: 30, modelWorker: 19, studentGrant: 18 },
        },
        'yuan-paid': {
          value: 117100,
          groups: { hardshipWorker: 60000, modelWorker: 24000, studentGrant: 33100 },
        },
        'yuan-by-union': { value: 117100, groups: byUnion },
        'fund-drawn': 117100,
        'fund-returned': 0,
        'receipts-signed': 67,
      });
    }, 120_000);

    it('keeps the fund exact to the fen and refuses a payment it cannot cover', async () => {
      const driver = await programme({ fundYuan: 3000.05 });
      const a = await filed(driver);
      const b = await filed(driver, 'modelWorker');
      await driver.send(a, 'grant', { voucher: 'V1', amount: 1234.56 }, COUNTY);
      expect(await driver.balances()).toEqual({ fund: 1765.49 });
      await driver.send(b, 'grant', { voucher: 'V2', amount: 1765.48 }, COUNTY);
      expect(await driver.balances()).toEqual({ fund: 0.01 });
      await driver.send(a, 'signReceipt', { signedBy: '王师傅的妻子' }, GRASSROOTS);
      const again = await expectRefusedWithoutChange(
        driver,
        a,
        () => driver.send(a, 'grant', { voucher: 'V3', amount: 0.02 }, COUNTY),
        GuardRefusedError,
        'guard-refused',
      );
      expect(again.details).toMatchObject({ eventType: 'grant', state: 'filed' });
      const last = await driver.send(a, 'grant', { voucher: 'V3', amount: 0.01 }, COUNTY);
      expect(last.data).toMatchObject({ grants: 2, grantedYuan: 1234.57, lastGrantYuan: 0.01 });
      expect(await driver.balances()).toEqual({ fund: 0 });
    });

    it('refuses an amount that is not positive or not whole fen, changing nothing', async () => {
      const driver = await programme();
      const id = await filed(driver);
      for (const amount of [0, -100]) {
        const bad = await expectRefusedWithoutChange(
          driver,
          id,
          () => driver.send(id, 'grant', { voucher: 'V', amount }, COUNTY),
          ValidationFailedError,
          'validation-failed',
        );
        expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/amount']);
      }
      // Not whole fen: the ledger could not record it exactly, so the guard refuses it.
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'grant', { voucher: 'V', amount: 12.345 }, COUNTY),
        GuardRefusedError,
        'guard-refused',
      );
      const noVoucher = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'grant', {}, COUNTY),
        ValidationFailedError,
        'validation-failed',
      );
      expect(noVoucher.fieldErrors.map((e) => e.path)).toEqual(['/voucher']);
      expect(await driver.balances()).toEqual({ fund: FUND });
    });

    it('pays each category its standard amount, and reverses an unsigned payment back into the fund', async () => {
      const driver = await programme({ modelWorkerYuan: 1263.16, studentGrantYuan: 1838.89 });
      const w = await filed(driver, 'hardshipWorker');
      const m = await filed(driver, 'modelWorker');
      const s = await filed(driver, 'studentGrant');
      expect((await driver.send(w, 'grant', { voucher: 'W' }, COUNTY)).data.lastGrantYuan).toBe(
        2000,
      );
      expect((await driver.send(m, 'grant', { voucher: 'M' }, COUNTY)).data.lastGrantYuan).toBe(
        1263.16,
      );
      expect((await driver.send(s, 'grant', { voucher: 'S' }, COUNTY)).data.lastGrantYuan).toBe(
        1838.89,
      );
      expect(await driver.balances()).toEqual({ fund: 620323.55 });
      await expectRefusedWithoutChange(
        driver,
        m,
        () => driver.send(m, 'reverse', { reason: '本人外出' }, GRASSROOTS),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const back = await driver.send(m, 'reverse', { reason: '本人外出务工，未能送达' }, COUNTY);
      expect(back).toMatchObject({ state: 'filed' });
      expect(back.data).toMatchObject({ grants: 0, grantedYuan: 0, lastGrantYuan: 0 });
      expect(await driver.balances()).toEqual({ fund: 621586.71 });
      await expectFigures(driver, {
        'yuan-paid': {
          value: 3838.89,
          groups: { hardshipWorker: 2000, modelWorker: 0, studentGrant: 1838.89 },
        },
        'fund-drawn': 5102.05,
        'fund-returned': 1263.16,
      });
    });

    it('reminds the county union of a registration waiting 7 days and a payment unsigned for 3', async () => {
      const driver = await programme();
      const waiting = await driver.open({ name: '赵某', category: 'hardshipWorker', union: 'u1' });
      await driver.advance(7 * DAY);
      const id = await filed(driver);
      await driver.send(id, 'grant', { voucher: 'V' }, COUNTY);
      await driver.advance(3 * DAY);
      const notes = await driver.notifications();
      expect(notes.map((n) => [n.caseId, n.role])).toEqual([
        [waiting.id, 'countyUnion'],
        [id, 'countyUnion'],
      ]);
      expect(en(notes[1]!.message)).toBe(
        'A support payment has had no signed receipt for 3 days; please check where it is',
      );
    });

    it('rejects with a reason, closes a file, and refuses by state and role', async () => {
      const driver = await programme();
      const bad = await expectRefusal(
        driver.open({ name: '钱某', category: 'retired', union: 'u' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/category']);
      const a = await driver.open({ name: '钱某', category: 'hardshipWorker', union: 'u' });
      await expectRefusedWithoutChange(
        driver,
        a.id,
        () => driver.send(a.id, 'grant', { voucher: 'V' }, COUNTY),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusedWithoutChange(
        driver,
        a.id,
        () => driver.send(a.id, 'verify', {}, GRASSROOTS),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const rejected = await driver.send(a.id, 'reject', { reason: '家庭收入超过标准' }, COUNTY);
      expect(rejected).toMatchObject({ state: 'rejected', done: true });
      const b = await filed(driver);
      expect((await driver.send(b, 'close', {}, COUNTY)).state).toBe('closed');
      expect(await driver.balances()).toEqual({ fund: FUND });
    });
  });
}
