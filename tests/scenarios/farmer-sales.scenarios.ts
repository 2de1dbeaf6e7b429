/**
 * Farmer sales matching (助农销售), Lingbao, Sanmenxia, December 2022: the Liping cooperative had
 * 24,000+ broilers it could not sell; the market-regulation bureau (its helping unit) and the town
 * brought in supermarkets, schools and factories: 3,000+ chickens sold in two days, over
 * 100,000 yuan of losses recovered.
 */
import { describe, expect, it } from 'vitest';
import { EventNotAcceptedError, RoleNotAllowedError, ValidationFailedError } from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import { DAY, START, en, expectRefusal, expectRefusedWithoutChange } from './scenario-helpers.js';

const COOPERATIVE = ['cooperative'];
const HELPING_UNIT = ['helpingUnit'];
const BUYER = ['buyer'];
const TOWN = ['town'];

const LIPING = {
  cooperative: '灵宝市利平养殖专业合作社',
  village: '阳平镇娄底村',
  product: '白羽肉鸡（每只6–7斤）',
  stockReported: 24000,
};

/** Report, verify and open the campaign; returns the case id. */
async function campaign(driver: ProgrammeDriver, stock = 24000): Promise<string> {
  const opened = await driver.open({ ...LIPING, stockReported: stock });
  await driver.send(opened.id, 'verify', {}, HELPING_UNIT);
  const open = await driver.send(opened.id, 'openCampaign', {}, TOWN);
  expect(open.state).toBe('campaignOpen');
  return open.id;
}

export function farmerSalesScenarios(factory: DriverFactory): void {
  const programme = () => factory('farmer-sales', {}, START);

  describe('farmer-sales (助农销售)', () => {
    it('reports 24,000 broilers, verifies and opens the campaign, inviting buyers', async () => {
      const driver = await programme();
      const opened = await driver.open(LIPING);
      expect(opened).toMatchObject({ state: 'reported', version: 1, done: false });
      expect(opened.data).toEqual({
        ...LIPING,
        unit: '只',
        committed: 0,
        delivered: 0,
        revenue: 0,
        buyers: 0,
      });
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'verify', {}, BUYER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      expect((await driver.send(opened.id, 'verify', {}, HELPING_UNIT)).state).toBe('verified');
      await expectRefusedWithoutChange(
        driver,
        opened.id,
        () => driver.send(opened.id, 'commit', { buyer: '超市', quantity: 10 }, BUYER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      expect((await driver.send(opened.id, 'openCampaign', {}, HELPING_UNIT)).state).toBe(
        'campaignOpen',
      );
      const notes = await driver.notifications();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ caseId: opened.id, role: 'buyer' });
      expect(en(notes[0]!.message)).toBe('A farmer sales campaign is open for commitments');
    });

    it('sums commitments: supermarkets, a school and a factory commit 3,000 in two days; deliveries recover over 100,000 yuan', async () => {
      const driver = await programme();
      const id = await campaign(driver);
      // Day one: city supermarkets sign purchase intentions on site.
      await driver.send(id, 'commit', { buyer: '三门峡丹尼斯超市', quantity: 1200 }, BUYER);
      await driver.send(id, 'commit', { buyer: '灵宝市大张超市', quantity: 800 }, HELPING_UNIT);
      await driver.advance(DAY);
      // Day two: the town asks schools and factories to buy.
      await driver.send(id, 'commit', { buyer: '阳平镇中学食堂', quantity: 600 }, TOWN);
      const day2 = await driver.send(
        id,
        'commit',
        { buyer: '灵宝金矿职工食堂', quantity: 400 },
        TOWN,
      );
      expect(day2.state).toBe('campaignOpen');
      expect(day2.data).toMatchObject({ committed: 3000, buyers: 4, delivered: 0, revenue: 0 });
      expect(await driver.emitted()).toEqual([]);

      // Deliveries may start while the campaign is open.
      await driver.send(id, 'deliver', { quantity: 2000, revenue: 68000 }, COOPERATIVE);
      const delivered = await driver.send(
        id,
        'deliver',
        { quantity: 1000, revenue: 34500.5 },
        HELPING_UNIT,
      );
      expect(delivered.state).toBe('campaignOpen');
      expect(delivered.data).toMatchObject({ committed: 3000, delivered: 3000, revenue: 102500.5 });
      expect(delivered.data.revenue as number).toBeGreaterThan(100000);
      await expectFigures(driver, {
        'quantity-committed': 3000,
        commitments: 4,
        'quantity-sold': 3000,
        revenue: 102500.5,
      });
    });

    it('the commitment that reaches the reported stock closes the matching', async () => {
      const driver = await programme();
      const id = await campaign(driver);
      const parts = [3000, 5000, 8000, 7999];
      for (const quantity of parts)
        expect((await driver.send(id, 'commit', { buyer: 'b', quantity }, BUYER)).state).toBe(
          'campaignOpen',
        );
      expect((await driver.get(id)).data).toMatchObject({ committed: 23999, buyers: 4 });
      expect(await driver.emitted()).toEqual([]);
      const matched = await driver.send(id, 'commit', { buyer: '县教育局', quantity: 1 }, TOWN);
      expect(matched.state).toBe('matched');
      expect(matched.data).toMatchObject({ committed: 24000, buyers: 5 });
      expect(await driver.emitted()).toEqual([{ caseId: id, name: 'sales.matched' }]);
      const notes = await driver.notifications();
      expect(notes.at(-1)).toMatchObject({ caseId: id, role: 'cooperative' });
      expect(en(notes.at(-1)!.message)).toBe(
        'All stock is committed; arrange deliveries to the buyers',
      );
      // No more commitments once matched.
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'commit', { buyer: 'late', quantity: 10 }, BUYER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
    });

    it('an over-commitment also matches, and counts in full', async () => {
      const driver = await programme();
      const id = await campaign(driver);
      await driver.send(id, 'commit', { buyer: 'a', quantity: 23500 }, BUYER);
      const matched = await driver.send(id, 'commit', { buyer: 'b', quantity: 1000 }, BUYER);
      expect(matched.state).toBe('matched');
      expect(matched.data).toMatchObject({ committed: 24500, buyers: 2 });
      expect(await driver.emitted()).toEqual([{ caseId: id, name: 'sales.matched' }]);
    });

    it('delivers the whole stock after matching, notifies the helping unit, closes with the totals and emits sales.closed', async () => {
      const driver = await programme();
      const id = await campaign(driver, 3000);
      await driver.send(id, 'commit', { buyer: 'supermarkets', quantity: 3000 }, BUYER);
      const first = await driver.send(
        id,
        'deliver',
        { quantity: 1800, revenue: 61200 },
        COOPERATIVE,
      );
      expect(first).toMatchObject({ state: 'matched' });
      expect((await driver.notifications()).filter((n) => n.role === 'helpingUnit')).toEqual([]);
      const last = await driver.send(
        id,
        'deliver',
        { quantity: 1200, revenue: 40800 },
        COOPERATIVE,
      );
      expect(last.state).toBe('matched');
      expect(last.data).toMatchObject({ delivered: 3000, revenue: 102000 });
      const notes = (await driver.notifications()).filter((n) => n.role === 'helpingUnit');
      expect(notes).toHaveLength(1);
      expect(en(notes[0]!.message)).toBe('All stock has been delivered; please close the campaign');
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'close', {}, COOPERATIVE),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      const closed = await driver.send(id, 'close', {}, TOWN);
      expect(closed).toMatchObject({ state: 'closed', done: true });
      expect(closed.data).toMatchObject({
        stockReported: 3000,
        committed: 3000,
        delivered: 3000,
        revenue: 102000,
        buyers: 1,
      });
      expect((await driver.emitted()).map((e) => e.name)).toEqual([
        'sales.matched',
        'sales.closed',
      ]);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', { quantity: 1, revenue: 1 }, COOPERATIVE),
        EventNotAcceptedError,
        'event-not-accepted',
      );
    });

    it('sums revenue exactly to the fen over many deliveries', async () => {
      const driver = await programme();
      const id = await campaign(driver);
      // 30 deliveries of 100 birds for 3,410.10 yuan each: 102,303.00 yuan, not 102,302.99999….
      for (let i = 0; i < 30; i++)
        await driver.send(id, 'deliver', { quantity: 100, revenue: 3410.1 }, COOPERATIVE);
      const after = await driver.get(id);
      expect(after.data.delivered).toBe(3000);
      expect(after.data.revenue).toBe(102303);
    });

    it('closes a report that turns out not to need a campaign; entering closed emits sales.closed', async () => {
      const driver = await programme();
      const opened = await driver.open({
        cooperative: '娄底村蔬菜合作社',
        product: '白菜',
        stockReported: 5000,
        unit: '斤',
      });
      expect(opened.data.unit).toBe('斤');
      const closed = await driver.send(opened.id, 'close', {}, HELPING_UNIT);
      expect(closed).toMatchObject({ state: 'closed', done: true, version: 2 });
      expect(closed.data).toMatchObject({ committed: 0, delivered: 0, revenue: 0 });
      expect(await driver.emitted()).toEqual([{ caseId: opened.id, name: 'sales.closed' }]);
    });

    it('refuses invalid records and payloads with the field path', async () => {
      const driver = await programme();
      const stock = await expectRefusal(
        driver.open({ ...LIPING, stockReported: 0 }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(stock.fieldErrors.map((e) => e.path)).toEqual(['/stockReported']);
      const product = await expectRefusal(
        driver.open({ cooperative: 'c', stockReported: 10 }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(product.fieldErrors).toEqual([{ path: '/product', message: 'is required' }]);
      const id = await campaign(driver);
      const zero = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'commit', { buyer: '超市', quantity: 0 }, BUYER),
        ValidationFailedError,
        'validation-failed',
      );
      expect(zero.fieldErrors.map((e) => e.path)).toEqual(['/quantity']);
      const buyer = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'commit', { quantity: 5 }, BUYER),
        ValidationFailedError,
        'validation-failed',
      );
      expect(buyer.fieldErrors).toEqual([{ path: '/buyer', message: 'is required' }]);
      const fraction = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'commit', { buyer: '超市', quantity: 2.5 }, BUYER),
        ValidationFailedError,
        'validation-failed',
      );
      expect(fraction.fieldErrors.map((e) => e.path)).toEqual(['/quantity']);
      const revenue = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', { quantity: 10, revenue: -5 }, COOPERATIVE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(revenue.fieldErrors.map((e) => e.path)).toEqual(['/revenue']);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'deliver', { quantity: 10, revenue: 340 }, BUYER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'commit', { buyer: 'x', quantity: 1 }, COOPERATIVE),
        RoleNotAllowedError,
        'role-not-allowed',
      );
    });
  });
}
