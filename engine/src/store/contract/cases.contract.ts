/**
 * The store's contract, part 3: opening, reading and listing cases; history is append-only
 * (registered by `relief-store.contract.ts`).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  DuplicateCaseRefError,
  NotFoundError,
  ValidationFailedError,
} from '../../errors/engine-error.js';
import { CLERK, DAY, expectRefusal } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `cases` part of the contract on a harness. */
export function casesContract(h: StoreHarness): void {
  describe('cases', () => {
    it('keeps the history append-only: the database refuses to change, remove or truncate it', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const db = h.test.database.sql;
      await expect(
        db.query(sql`update case_history set event_type = 'x' where case_id = ${c.id}`),
      ).rejects.toThrow(/append-only: UPDATE/);
      await expect(db.query(sql`delete from case_history where case_id = ${c.id}`)).rejects.toThrow(
        /append-only: DELETE/,
      );
      await expect(db.query(sql`truncate case_history cascade`)).rejects.toThrow(
        /append-only: TRUNCATE/,
      );
      expect((await h.store.caseHistory(c.id)).map((r) => r.type)).toEqual(['(open)']);
    });

    it('keeps the access log append-only: the database refuses to change, remove or truncate it', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const db = h.test.database.sql;
      await db.query(sql`
        insert into case_reads (case_id, programme_id, district, reader, reader_kind, via, at)
        values (${c.id}, ${p.id}, ${p.district}, 'auditor-key', 'key', 'getCase', now())`);
      await expect(
        db.query(sql`update case_reads set reader = 'someone-else' where case_id = ${c.id}`),
      ).rejects.toThrow(/append-only: UPDATE/);
      await expect(db.query(sql`delete from case_reads where case_id = ${c.id}`)).rejects.toThrow(
        /append-only: DELETE/,
      );
      await expect(db.query(sql`truncate case_reads`)).rejects.toThrow(/append-only: TRUNCATE/);
      const rows = await db.query<{ reader: string }>(
        sql`select reader from case_reads where case_id = ${c.id}`,
      );
      expect(rows.map((r) => r.reader)).toEqual(['auditor-key']);
    });

    it('opens a case with data validated against the template and records the opening as seq 1', async () => {
      const p = await h.programme();
      const error = await expectRefusal(
        h.store.openCase(p.id, { data: { count: 'x', extra: 1 } }, CLERK),
        ValidationFailedError,
        'validation-failed',
      );
      expect(error.fieldErrors.map((e) => e.path).sort()).toEqual(['/count', '/extra', '/name']);
      const c = await h.store.openCase(p.id, { data: { name: '王阿婆' }, ref: 'row-1' }, CLERK);
      expect(c).toMatchObject({
        programmeId: p.id,
        ref: 'row-1',
        state: 'open',
        value: 'open',
        version: 1,
        done: false,
        assignee: null,
        data: { name: '王阿婆', count: 0, drawn: 0 },
        createdBy: CLERK.actorId,
      });
      expect(await h.store.caseHistory(c.id)).toEqual([
        {
          seq: 1,
          type: '(open)',
          payload: c.data,
          actor: CLERK.actorId,
          roles: null,
          from: null,
          to: 'open',
          at: h.clock.now(),
        },
      ]);
      expect(await h.store.pendingTimers(c.id)).toEqual([
        {
          state: 'open',
          index: 0,
          eventType: 'after:open:0',
          dueAt: new Date(h.clock.now().getTime() + DAY),
        },
      ]);
      expect(await h.store.getCase(c.id)).toEqual(c);
    });

    it('refuses a duplicate ref within a programme, not across programmes', async () => {
      const [p, q] = [await h.programme(), await h.programme()];
      await h.store.openCase(p.id, { data: { name: 'A' }, ref: 'r' }, CLERK);
      await expectRefusal(
        h.store.openCase(p.id, { data: { name: 'B' }, ref: 'r' }, CLERK),
        DuplicateCaseRefError,
        'duplicate-ref',
      );
      await h.store.openCase(q.id, { data: { name: 'B' }, ref: 'r' }, CLERK);
      const outcomes = await h.store.openCases(
        p.id,
        [{ data: { name: 'C' } }, { data: {} }, { data: { name: 'D' }, ref: 'r' }],
        CLERK,
      );
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual([
        'ok',
        'validation-failed',
        'duplicate-ref',
      ]);
    });

    it('lists cases by active state and assignee, a page at a time', async () => {
      const p = await h.programme();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        h.clock.advance(1);
        ids.push((await h.store.openCase(p.id, { data: { name: `n${i}` } }, CLERK)).id);
      }
      for (const id of ids.slice(0, 3)) {
        await h.store.applyEvent(id, { type: 'tick' }, CLERK);
        await h.store.applyEvent(id, { type: 'approve', payload: { by: 'me' } }, CLERK);
      }
      await h.store.applyEvent(
        ids[0]!,
        { type: 'assign', payload: { worker: 'courier-7' } },
        CLERK,
      );
      const first = await h.store.listCases(p.id, { limit: 2 });
      expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
      const second = await h.store.listCases(p.id, { limit: 2, cursor: first.nextCursor! });
      const third = await h.store.listCases(p.id, { limit: 2, cursor: second.nextCursor! });
      expect([...second.items, ...third.items].map((c) => c.id)).toEqual(ids.slice(2));
      expect(third.nextCursor).toBeNull();
      expect((await h.store.listCases(p.id, { state: 'approved' })).items.map((c) => c.id)).toEqual(
        ids.slice(0, 3),
      );
      expect((await h.store.listCases(p.id, { state: 'approved.waiting' })).items).toHaveLength(3);
      expect((await h.store.listCases(p.id, { state: 'open' })).items.map((c) => c.id)).toEqual(
        ids.slice(3),
      );
      expect(
        (await h.store.listCases(p.id, { assignee: 'courier-7' })).items.map((c) => c.id),
      ).toEqual([ids[0]]);
      await expectRefusal(
        h.store.listCases(p.id, { cursor: 'garbage' }),
        NotFoundError,
        'not-found',
      );
    });
  });
}
