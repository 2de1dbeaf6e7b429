/**
 * Declared figures read back from the records, on PGlite and PostgreSQL: every measure, every
 * breakdown, a `where` translated to SQL and one evaluated in a streaming pass (they must agree),
 * money exact to the fen, and cases in districts below the programme's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../errors/engine-error.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { FIGURES_SOURCE } from './figures-drill-template.js';
import { ADMIN, CLERK, expectRefusal, useStoreHarness } from './store-contract-kit.js';

/** The contract, on one database kind. */
export function programmeFiguresContract(kind: DatabaseKind): void {
  describe(`declared figures on ${kind}`, () => {
    const h = useStoreHarness(kind);
    beforeAll(async () => {
      const saved = await h.store.saveTemplate(FIGURES_SOURCE, ADMIN);
      await h.store.publishTemplate('store-figures', saved.record.version, ADMIN);
    });

    it('computes every declared figure from the records, exact to the fen', async () => {
      const p = await h.store.startProgramme(
        { template: 'store-figures', district: 'fig/d', params: {} },
        ADMIN,
      );
      const start = h.clock.now();
      h.clock.set(new Date('2022-12-20T10:00:00Z'));
      const open = (data: Record<string, unknown>, district?: string) =>
        h.store.openCase(p.id, { data, ...(district ? { district } : {}) }, CLERK);
      const a = await open({ age: 80, category: 'alone', amount: 100.1 }, 'fig/d/s1/c1');
      const b = await open({ age: 70, category: 'ill', amount: 200.2 }, 'fig/d/s1/c2');
      const c = await open({ age: 50, category: 'alone', amount: 0.05 }, 'fig/d/s2');
      await open({ age: 90 });
      await h.store.applyEvent(a.id, { type: 'grant', payload: { amount: 300.3 } }, CLERK);
      await h.store.applyEvent(c.id, { type: 'grant', payload: { amount: 99.99 } }, CLERK);
      await h.store.applyEvent(a.id, { type: 'refund', payload: { amount: 50.05 } }, CLERK);
      h.clock.set(new Date('2022-12-20T18:00:00Z')); // already 21 December in Shanghai
      await h.store.applyEvent(b.id, { type: 'grant', payload: { amount: 0.1 } }, CLERK);

      const stats = await h.store.programmeStats(p.id, { timeZone: 'Asia/Shanghai' });
      const byName = Object.fromEntries(stats.figures.map((f) => [f.name, f]));
      expect(stats.figures.map((f) => f.name)).toEqual([
        'people',
        'older',
        'older-streamed',
        'grants',
        'granted',
        'declared',
        'fund-out',
        'fund-in',
        'fund-net',
      ]);
      expect(byName.people).toEqual({
        name: 'people',
        title: { zh: '人数', en: 'People' },
        unit: { zh: '人', en: 'people' },
        value: 4,
        by: 'district',
        groups: [
          { key: 'fig/d', value: 1 },
          { key: 'fig/d/s1', value: 2 },
          { key: 'fig/d/s2', value: 1 },
        ],
      });
      expect(byName.older).toMatchObject({
        value: 2,
        by: 'field',
        groups: [
          { key: 'alone', value: 1 },
          { key: 'ill', value: 1 },
        ],
      });
      expect(byName['older-streamed']!.value).toBe(2);
      expect(byName['older-streamed']!.groups).toBeUndefined();
      expect(byName.grants).toMatchObject({
        value: 3,
        by: 'day',
        groups: [
          { key: '2022-12-20', value: 2 },
          { key: '2022-12-21', value: 1 },
        ],
      });
      expect(byName.granted).toMatchObject({
        value: 400.39,
        groups: [
          { key: 'fig/d/s1/c1', value: 300.3 },
          { key: 'fig/d/s1/c2', value: 0.1 },
          { key: 'fig/d/s2', value: 99.99 },
        ],
      });
      // 100.1 + 200.2 + 0.05 is 300.35000000000002 in binary floating point.
      expect(byName.declared!.value).toBe(300.35);
      expect(byName['fund-out']!.value).toBe(400.39);
      expect(byName['fund-in']!.value).toBe(50.05);
      expect(byName['fund-net']!.value).toBe(-350.34);
      expect(stats.ledgers.fund).toBe(649.66);
      h.clock.set(start);
    });

    it('reports zero for a programme without cases', async () => {
      const p = await h.store.startProgramme(
        { template: 'store-figures', district: 'fig/empty', params: {} },
        ADMIN,
      );
      const stats = await h.store.programmeStats(p.id);
      expect(stats.figures.map((f) => [f.name, f.value, f.groups?.length ?? null])).toEqual([
        ['people', 0, 0],
        ['older', 0, 0],
        ['older-streamed', 0, null],
        ['grants', 0, 0],
        ['granted', 0, 0],
        ['declared', 0, null],
        ['fund-out', 0, null],
        ['fund-in', 0, null],
        ['fund-net', 0, null],
      ]);
    });

    it("refuses a case district outside the programme's, changing nothing", async () => {
      const p = await h.store.startProgramme(
        { template: 'store-figures', district: 'fig/own', params: {} },
        ADMIN,
      );
      for (const district of ['fig/other', 'fig/own2', 'fig', 'fig/own/../x'])
        await expectRefusal(
          h.store.openCase(p.id, { data: {}, district }, CLERK),
          ValidationFailedError,
          'validation-failed',
        );
      const opened = await h.store.openCases(
        p.id,
        [{ data: {}, district: 'fig/own/s1' }, { data: {}, district: 'elsewhere' }, { data: {} }],
        CLERK,
      );
      expect(opened.map((o) => (o.ok ? o.case.district : o.error.code))).toEqual([
        'fig/own/s1',
        'validation-failed',
        'fig/own',
      ]);
      expect((await h.store.programmeStats(p.id)).cases.total).toBe(2);
    });
  });
}
