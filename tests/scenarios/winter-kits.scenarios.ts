/**
 * Winter kits and warmth packs (温暖包 / 棉被棉服棉鞋), Lingbao, December 2022: 1,500+ quilt
 * sets for people in extreme poverty, 200 yuan of goods for each of 80+ children in difficulty,
 * warmth packs for 20+ left-behind children, winter clothes for 50+ disabled children. Stock is
 * finite and never goes negative.
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
  DAY,
  MINUTE,
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const GRID = ['gridWorker'];
const CIVIL = ['civilAffairs'];
const VOLUNTEER = ['volunteer'];

type Category = 'extremePoverty' | 'childInDifficulty' | 'leftBehindChild' | 'disabledChild';

const OPENING = {
  'quilt-sets': 1500,
  'warmth-packs': 20,
  'winter-clothes': 50,
  'child-goods-fund': 16000,
};

/** Screen a household and confirm its category; returns the case id. */
async function confirmed(
  driver: ProgrammeDriver,
  category: Category,
  name = '赵大爷',
): Promise<string> {
  const opened = await driver.open({
    name,
    category,
    village: '阳平镇娄底村',
    screeningMethod: 'phone',
  });
  const after = await driver.send(opened.id, 'confirmCategory', {}, CIVIL);
  expect(after.state).toBe('categoryConfirmed');
  return after.id;
}

/** Screen, confirm and allocate; returns the case id. */
async function allocated(
  driver: ProgrammeDriver,
  category: Category,
  name?: string,
): Promise<string> {
  const id = await confirmed(driver, category, name);
  expect((await driver.send(id, 'allocate', {}, CIVIL)).state).toBe('allocated');
  return id;
}

export function winterKitsScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) => factory('winter-kits', params, START);

  describe('winter-kits (温暖包)', () => {
    it('opens each ledger from its parameter', async () => {
      expect(await (await programme()).balances()).toEqual(OPENING);
      const custom = await programme({ quiltSets: 3, childFundYuan: 1000.5, warmthPacks: 0 });
      expect(await custom.balances()).toEqual({
        'quilt-sets': 3,
        'warmth-packs': 0,
        'winter-clothes': 50,
        'child-goods-fund': 1000.5,
      });
      const bad = await expectRefusal(
        programme({ quiltSets: -1 }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/quiltSets']);
    });

    it('takes a household from screening to a signed receipt, drawing one quilt set', async () => {
      const driver = await programme();
      const opened = await driver.open({ name: '赵大爷', category: 'extremePoverty' });
      expect(opened).toMatchObject({ state: 'screened', version: 1 });
      expect(opened.data).toEqual({
        name: '赵大爷',
        category: 'extremePoverty',
        screeningMethod: 'homeVisit',
        allocatedItem: '',
        allocatedYuan: 0,
        receiptSignedBy: '',
        rejectReason: '',
      });
      await driver.send(opened.id, 'confirmCategory', {}, CIVIL);
      const a = await driver.send(opened.id, 'allocate', {}, CIVIL);
      expect(a).toMatchObject({ state: 'allocated' });
      expect(a.data).toMatchObject({ allocatedItem: 'quiltSet', allocatedYuan: 0 });
      expect(await driver.balances()).toEqual({ ...OPENING, 'quilt-sets': 1499 });
      expect((await driver.send(opened.id, 'deliver', {}, VOLUNTEER)).state).toBe('delivered');
      const signed = await driver.send(opened.id, 'signReceipt', {}, GRID);
      expect(signed).toMatchObject({ state: 'receiptSigned', done: true, version: 5 });
      expect(signed.data.receiptSignedBy).toBe('赵大爷');
      expect(await driver.balances()).toEqual({ ...OPENING, 'quilt-sets': 1499 });
    });

    it('1,500 quilt sets for 1,500 households; the 1,501st allocation is refused and nothing goes negative', async () => {
      const driver = await programme({ quiltSets: 1500 });
      const ids: string[] = [];
      for (let i = 0; i < 1501; i++)
        ids.push(await confirmed(driver, 'extremePoverty', `特困户${i + 1}`));
      for (const id of ids.slice(0, 1500)) await driver.send(id, 'allocate', {}, CIVIL);
      expect((await driver.balances())['quilt-sets']).toBe(0);
      const last = ids[1500]!;
      const error = await expectRefusedWithoutChange(
        driver,
        last,
        () => driver.send(last, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      expect(error.details).toMatchObject({ eventType: 'allocate', state: 'categoryConfirmed' });
      const refused = await driver.get(last);
      expect(refused).toMatchObject({ state: 'categoryConfirmed', version: 2 });
      expect(refused.data.allocatedItem).toBe('');
      expect(await driver.balances()).toEqual({ ...OPENING, 'quilt-sets': 0 });
      const all = await Promise.all(ids.map((id) => driver.get(id)));
      expect(countBy(all, (c) => `${c.state}/${String(c.data.allocatedItem)}`)).toEqual({
        'allocated/quiltSet': 1500,
        'categoryConfirmed/': 1,
      });

      // One household moved away: its set goes back to stock and the 1,501st household gets it.
      await driver.send(ids[7]!, 'cancelAllocation', {}, CIVIL);
      expect((await driver.balances())['quilt-sets']).toBe(1);
      expect((await driver.send(last, 'allocate', {}, CIVIL)).state).toBe('allocated');
      expect((await driver.balances())['quilt-sets']).toBe(0);
      await expectRefusedWithoutChange(
        driver,
        ids[7]!,
        () => driver.send(ids[7]!, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      // 1,501 draws: 1,500, then the set returned by the household that moved drawn again.
      await expectFigures(driver, {
        'households-screened': { value: 1501, groups: { extremePoverty: 1501 } },
        'found-by': { value: 1501, groups: { phone: 1501 } },
        'quilt-sets-issued': 1501,
        'receipts-signed': 0,
      });
      // About 6,000 durable operations one after another: on PGlite under a full parallel test
      // run this took 42 s, past the 30 s default.
    }, 120_000);

    it('draws 200.00 yuan per child in difficulty: 80 children use the 16,000 yuan fund, the 81st is refused', async () => {
      const driver = await programme();
      const ids: string[] = [];
      for (let i = 0; i < 81; i++)
        ids.push(await confirmed(driver, 'childInDifficulty', `困境儿童${i + 1}`));
      for (let i = 0; i < 80; i++) {
        const a = await driver.send(ids[i]!, 'allocate', {}, CIVIL);
        expect(a.data).toMatchObject({ allocatedItem: 'childGoods', allocatedYuan: 200 });
        expect((await driver.balances())['child-goods-fund']).toBe(16000 - 200 * (i + 1));
      }
      await expectRefusedWithoutChange(
        driver,
        ids[80]!,
        () => driver.send(ids[80]!, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      expect(await driver.balances()).toEqual({ ...OPENING, 'child-goods-fund': 0 });
      await expectFigures(driver, {
        'households-screened': { value: 81, groups: { childInDifficulty: 81 } },
        'child-goods-yuan': 16000,
      });
    });

    it('keeps the goods fund exact to the fen (33.33 yuan a child from 100 yuan)', async () => {
      const driver = await programme({ childGoodsYuan: 33.33, childFundYuan: 100 });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(await confirmed(driver, 'childInDifficulty', `c${i}`));
      const expected = [66.67, 33.34, 0.01];
      for (let i = 0; i < 3; i++) {
        const a = await driver.send(ids[i]!, 'allocate', {}, CIVIL);
        expect(a.data.allocatedYuan).toBe(33.33);
        expect((await driver.balances())['child-goods-fund']).toBe(expected[i]);
      }
      await expectRefusedWithoutChange(
        driver,
        ids[3]!,
        () => driver.send(ids[3]!, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      await driver.send(ids[1]!, 'cancelAllocation', {}, CIVIL);
      expect((await driver.balances())['child-goods-fund']).toBe(33.34);
      expect((await driver.send(ids[3]!, 'allocate', {}, CIVIL)).state).toBe('allocated');
      expect((await driver.balances())['child-goods-fund']).toBe(0.01);
    });

    it('cancelAllocation returns exactly what was drawn, for every item', async () => {
      const driver = await programme();
      const quilt = await allocated(driver, 'extremePoverty');
      const goods = await allocated(driver, 'childInDifficulty');
      const pack = await allocated(driver, 'leftBehindChild');
      const clothes = await allocated(driver, 'disabledChild');
      expect(await driver.balances()).toEqual({
        'quilt-sets': 1499,
        'warmth-packs': 19,
        'winter-clothes': 49,
        'child-goods-fund': 15800,
      });
      // The per-child amount changes mid-programme; a cancellation refunds what was actually drawn.
      await driver.setParams({ childGoodsYuan: 250 });
      for (const id of [quilt, goods, pack, clothes]) {
        const back = await driver.send(id, 'cancelAllocation', {}, CIVIL);
        expect(back).toMatchObject({ state: 'categoryConfirmed' });
        expect(back.data).toMatchObject({ allocatedItem: '', allocatedYuan: 0 });
      }
      expect(await driver.balances()).toEqual(OPENING);
      const again = await driver.send(goods, 'allocate', {}, CIVIL);
      expect(again.data.allocatedYuan).toBe(250);
      expect((await driver.balances())['child-goods-fund']).toBe(15750);
    });

    it('confirms a corrected category and draws from that category’s ledger; 20 warmth packs run out at the 21st', async () => {
      const driver = await programme();
      const opened = await driver.open({
        name: '小明',
        guardian: '刘奶奶',
        category: 'childInDifficulty',
      });
      const c = await driver.send(
        opened.id,
        'confirmCategory',
        { category: 'disabledChild' },
        CIVIL,
      );
      expect(c.data.category).toBe('disabledChild');
      const a = await driver.send(opened.id, 'allocate', {}, CIVIL);
      expect(a.data).toMatchObject({ allocatedItem: 'winterClothes', allocatedYuan: 0 });
      expect(await driver.balances()).toEqual({ ...OPENING, 'winter-clothes': 49 });
      await driver.send(opened.id, 'deliver', {}, GRID);
      const signed = await driver.send(opened.id, 'signReceipt', { signedBy: '刘奶奶' }, VOLUNTEER);
      expect(signed.data.receiptSignedBy).toBe('刘奶奶');

      for (let i = 0; i < 20; i++) await allocated(driver, 'leftBehindChild', `留守儿童${i + 1}`);
      const last = await confirmed(driver, 'leftBehindChild', '留守儿童21');
      await expectRefusedWithoutChange(
        driver,
        last,
        () => driver.send(last, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      expect(await driver.balances()).toEqual({
        ...OPENING,
        'winter-clothes': 49,
        'warmth-packs': 0,
      });
    });

    it('refuses an allocation when a programme starts with no stock', async () => {
      const driver = await programme({ quiltSets: 0 });
      const id = await confirmed(driver, 'extremePoverty');
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'allocate', {}, CIVIL),
        GuardRefusedError,
        'guard-refused',
      );
      expect((await driver.balances())['quilt-sets']).toBe(0);
    });

    it('rejects a household with a reason, at screening or after confirmation', async () => {
      const driver = await programme();
      const a = await driver.open({ name: '孙某', category: 'extremePoverty' });
      const missing = await expectRefusedWithoutChange(
        driver,
        a.id,
        () => driver.send(a.id, 'reject', {}, CIVIL),
        ValidationFailedError,
        'validation-failed',
      );
      expect(missing.fieldErrors).toEqual([{ path: '/reason', message: 'is required' }]);
      const rejected = await driver.send(
        a.id,
        'reject',
        { reason: '已由子女赡养，不属于特困供养对象' },
        CIVIL,
      );
      expect(rejected).toMatchObject({ state: 'rejected', done: true });
      expect(rejected.data.rejectReason).toBe('已由子女赡养，不属于特困供养对象');
      const b = await confirmed(driver, 'leftBehindChild');
      expect((await driver.send(b, 'reject', { reason: '父母已返乡' }, CIVIL)).state).toBe(
        'rejected',
      );
      expect(await driver.balances()).toEqual(OPENING);
    });

    it('refuses by role, by state and by payload, changing nothing', async () => {
      const driver = await programme();
      const bad = await expectRefusal(
        driver.open({ name: '周某', category: 'elderly' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/category']);
      const opened = await driver.open({
        name: '周某',
        category: 'extremePoverty',
        screeningMethod: 'wechat',
      });
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'allocate', {}, CIVIL),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'confirmCategory', {}, GRID),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const category = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'confirmCategory', { category: 'elderly' }, CIVIL),
        ValidationFailedError,
        'validation-failed',
      );
      expect(category.fieldErrors.map((e) => e.path)).toEqual(['/category']);
      await driver.send(opened.id, 'confirmCategory', {}, CIVIL);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'allocate', {}, VOLUNTEER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'deliver', {}, VOLUNTEER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await driver.send(opened.id, 'allocate', {}, CIVIL);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'cancelAllocation', {}, VOLUNTEER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await driver.send(opened.id, 'deliver', {}, VOLUNTEER);
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'cancelAllocation', {}, CIVIL),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const signer = await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'signReceipt', { signedBy: '' }, VOLUNTEER),
        ValidationFailedError,
        'validation-failed',
      );
      expect(signer.fieldErrors.map((e) => e.path)).toEqual(['/signedBy']);
    });

    it('reminds: screened 3 days without confirmation (repeating), allocated 2 days undelivered, delivered 3 days unsigned (once)', async () => {
      const driver = await programme();
      const waiting = await driver.open({ name: '吴某', category: 'extremePoverty' });
      await driver.advance(3 * DAY - MINUTE);
      expect(await driver.notifications()).toEqual([]);
      await driver.advance(MINUTE);
      await driver.advance(3 * DAY);
      let notes = await driver.notifications();
      expect(notes.map((n) => [n.caseId, n.role])).toEqual([
        [waiting.id, 'civilAffairs'],
        [waiting.id, 'civilAffairs'],
      ]);
      expect(en(notes[0]!.message)).toBe(
        'A screened household has waited 3 days for its category to be confirmed',
      );
      expect((await driver.get(waiting.id)).state).toBe('screened');

      await driver.send(waiting.id, 'confirmCategory', {}, CIVIL);
      await driver.send(waiting.id, 'allocate', {}, CIVIL);
      await driver.advance(2 * DAY);
      notes = await driver.notifications();
      expect(notes).toHaveLength(3);
      expect(notes[2]).toMatchObject({ caseId: waiting.id, role: 'volunteer' });
      expect(en(notes[2]!.message)).toBe(
        'An allocated winter kit has not been delivered for 2 days; please take it to the home soon',
      );
      expect((await driver.get(waiting.id)).state).toBe('allocated');

      await driver.send(waiting.id, 'deliver', {}, VOLUNTEER);
      await driver.advance(10 * DAY);
      notes = await driver.notifications();
      expect(notes).toHaveLength(4);
      expect(notes[3]).toMatchObject({ caseId: waiting.id, role: 'civilAffairs' });
      expect(en(notes[3]!.message)).toBe('A kit delivered 3 days ago has no signed receipt yet');
      expect((await driver.get(waiting.id)).state).toBe('delivered');
      expect(await driver.balances()).toEqual({ ...OPENING, 'quilt-sets': 1499 });
    });
  });
}
