/**
 * Paired support and food packages (结对帮扶与爱心菜包), Qingyuzui community, Wuhan, February 2020:
 * 58 elderly living alone, 92 empty-nest, 65 in hardship, 33 seriously ill; 12 households paired
 * with party members; 40 food packs delivered door to door; donated supplies counted: 175
 * protective suits, 3,900 masks of which 100 N95, 1,000 gloves, 50 goggles.
 */
import { describe, expect, it } from 'vitest';
import {
  EventNotAcceptedError,
  GuardRefusedError,
  LedgerInsufficientError,
  RoleNotAllowedError,
  ValidationFailedError,
} from '@relief/engine';
import { expectFigures } from './expect-figures.js';
import { openAll } from './open-all.js';
import type { DriverFactory, ProgrammeDriver } from './programme-driver.js';
import {
  DAY,
  START,
  countBy,
  en,
  expectRefusal,
  expectRefusedWithoutChange,
} from './scenario-helpers.js';

const COMMITTEE = ['committee'];
const PARTY = ['partyMember'];
const VOLUNTEER = ['volunteer'];

/** The report's households in need by category. */
export const HOUSEHOLDS = { elderlyAlone: 58, emptyNest: 92, hardship: 65, seriouslyIll: 33 };

/** The donated supplies as counted in the report: 3,900 masks of which 100 N95. */
const DONATED = {
  'food-packs': 40,
  'protective-suits': 175,
  'surgical-masks': 3800,
  'n95-masks': 100,
  gloves: 1000,
  goggles: 50,
};

const NONE = { protectiveSuits: 0, surgicalMasks: 0, n95Masks: 0, gloves: 0, goggles: 0 };

/** The community's list of households in need: 248 rows. */
export function householdList(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const [category, count] of Object.entries(HOUSEHOLDS))
    for (let i = 0; i < count; i++)
      rows.push({
        household: `${category}-${i + 1}`,
        category,
        address: `青鱼嘴${rows.length + 1}号`,
      });
  return rows;
}

async function household(driver: ProgrammeDriver, category = 'elderlyAlone'): Promise<string> {
  return (await driver.open({ household: '陈奶奶', category })).id;
}

export function pairedSupportScenarios(factory: DriverFactory): void {
  const programme = (params: Record<string, unknown> = {}) =>
    factory('paired-support', params, START);

  describe('paired-support (结对帮扶与爱心菜包)', () => {
    it('lists 58 + 92 + 65 + 33 households, pairs 12 with party members, delivers 40 food packs and refuses the 41st', async () => {
      const driver = await programme();
      expect(await driver.balances()).toEqual(DONATED);
      const list = await openAll(driver, householdList());
      expect(countBy(list, (c) => String(c.data.category))).toEqual(HOUSEHOLDS);
      for (const [i, c] of list.slice(0, 12).entries()) {
        const paired = await driver.send(
          c.id,
          'pair',
          { partyMember: `party-${i + 1}` },
          COMMITTEE,
        );
        expect(paired).toMatchObject({ state: 'paired', assignee: `party-${i + 1}` });
      }
      for (const c of list.slice(0, 40)) await driver.send(c.id, 'deliverFoodPack', {}, VOLUNTEER);
      expect((await driver.balances())['food-packs']).toBe(0);
      const next = list[40]!.id;
      await expectRefusedWithoutChange(
        driver,
        next,
        () => driver.send(next, 'deliverFoodPack', {}, VOLUNTEER),
        GuardRefusedError,
        'guard-refused',
      );
      const all = await Promise.all(list.map((c) => driver.get(c.id)));
      expect(countBy(all, (c) => c.state)).toEqual({ paired: 12, registered: 236 });
      expect(all.reduce((n, c) => n + Number(c.data.foodPacksReceived), 0)).toBe(40);
      expect((await driver.notifications()).filter((n) => n.role === 'partyMember')).toHaveLength(
        12,
      );
      expect(
        (await driver.emitted()).filter((e) => e.name === 'support.foodPackDelivered'),
      ).toHaveLength(40);
      await expectFigures(driver, {
        households: { value: 248, groups: HOUSEHOLDS },
        'households-paired': 12,
        'food-packs-delivered': 40,
        'masks-handed-out': 0,
      });
    }, 120_000);

    it('hands out all 3,900 masks (100 of them N95), item by item, and never more than was donated', async () => {
      const driver = await programme();
      const ids = await Promise.all([1, 2, 3, 4].map(() => household(driver, 'hardship')));
      // 39 handouts of 100 masks; every fourth batch with N95s until the 100 N95s are gone.
      for (let i = 0; i < 38; i++)
        await driver.send(ids[i % 4]!, 'issueSupplies', { surgicalMasks: 100 }, COMMITTEE);
      const last = await driver.send(
        ids[3]!,
        'issueSupplies',
        { n95Masks: 100, protectiveSuits: 175, gloves: 1000, goggles: 50 },
        COMMITTEE,
      );
      expect(last.data.masksReceived).toBe(1000);
      const all = await Promise.all(ids.map((id) => driver.get(id)));
      expect(all.reduce((n, c) => n + Number(c.data.masksReceived), 0)).toBe(3900);
      expect(await driver.balances()).toEqual({ ...DONATED, ...zero(DONATED), 'food-packs': 40 });
      // A handout is refused as a whole if any one item would go below zero.
      await expectRefusedWithoutChange(
        driver,
        ids[0]!,
        () => driver.send(ids[0]!, 'issueSupplies', { surgicalMasks: 1 }, COMMITTEE),
        LedgerInsufficientError,
        'ledger-insufficient',
      );
      expect((await driver.get(ids[0]!)).data.masksReceived).toBe(1000);
      await expectFigures(driver, {
        'masks-handed-out': 3900,
        'n95-masks-handed-out': 100,
        'protective-suits-handed-out': 175,
        'gloves-handed-out': 1000,
        'goggles-handed-out': 50,
        'food-packs-delivered': 0,
      });
    });

    it('refuses a partial handout as a whole when one item is short, and an empty or negative one', async () => {
      const driver = await programme({ n95Masks: 2 });
      const id = await household(driver);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'issueSupplies', { surgicalMasks: 10, n95Masks: 3 }, COMMITTEE),
        LedgerInsufficientError,
        'ledger-insufficient',
      );
      expect(await driver.balances()).toEqual({ ...DONATED, 'n95-masks': 2 });
      expect((await driver.get(id)).data.masksReceived).toBe(0);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'issueSupplies', {}, COMMITTEE),
        GuardRefusedError,
        'guard-refused',
      );
      const negative = await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'issueSupplies', { ...NONE, gloves: -5 }, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      expect(negative.fieldErrors.map((e) => e.path)).toEqual(['/gloves']);
      const ok = await driver.send(
        id,
        'issueSupplies',
        { surgicalMasks: 10, n95Masks: 2 },
        COMMITTEE,
      );
      expect(ok.data.masksReceived).toBe(12);
      expect(await driver.balances()).toEqual({
        ...DONATED,
        'surgical-masks': 3790,
        'n95-masks': 0,
      });
    });

    it('reminds a paired party member after 3 days without contact; each contact restarts the clock', async () => {
      const driver = await programme();
      const id = await household(driver, 'seriouslyIll');
      await driver.send(id, 'pair', { partyMember: 'party-liu' }, COMMITTEE);
      await driver.advance(2 * DAY);
      const contacted = await driver.send(id, 'contact', { note: '送药' }, PARTY);
      expect(contacted.data.contacts).toBe(1);
      await driver.advance(3 * DAY - 1);
      expect(await driver.notifications()).toHaveLength(1);
      await driver.advance(1);
      const notes = await driver.notifications();
      expect(notes).toHaveLength(2);
      expect(notes[1]).toMatchObject({ caseId: id, role: 'partyMember' });
      expect(en(notes[1]!.message)).toBe(
        'A paired household has had no contact for 3 days; please check on it',
      );
      const moved = await driver.send(id, 'pair', { partyMember: 'party-zhou' }, COMMITTEE);
      expect(moved).toMatchObject({ state: 'paired', assignee: 'party-zhou' });
    });

    it('refuses by role, state and payload, and closes with a reason', async () => {
      const driver = await programme();
      const bad = await expectRefusal(
        driver.open({ household: '某', category: 'student' }),
        ValidationFailedError,
        'validation-failed',
      );
      expect(bad.fieldErrors.map((e) => e.path)).toEqual(['/category']);
      const id = await household(driver);
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'pair', { partyMember: 'p' }, PARTY),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'contact', {}, PARTY),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusedWithoutChange(
        driver,
        id,
        () => driver.send(id, 'pair', {}, COMMITTEE),
        ValidationFailedError,
        'validation-failed',
      );
      const closed = await driver.send(id, 'close', { reason: '子女返汉照顾' }, COMMITTEE);
      expect(closed).toMatchObject({ state: 'closed', done: true });
      expect(await driver.balances()).toEqual(DONATED);
    });
  });
}

function zero(ledgers: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(ledgers).map((k) => [k, 0]));
}
