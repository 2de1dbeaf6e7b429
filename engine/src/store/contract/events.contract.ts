/**
 * The store's contract, part 4: events: acceptance, refusals that write nothing, effects, timers
 * and idempotency (registered by `relief-store.contract.ts`).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  EventNotAcceptedError,
  GuardRefusedError,
  IdempotencyKeyReusedError,
  LedgerInsufficientError,
  RoleNotAllowedError,
  ValidationFailedError,
  VersionConflictError,
} from '../../errors/engine-error.js';
import { CLERK, COURIER, expectRefusal } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `events` part of the contract on a harness. */
export function eventsContract(h: StoreHarness): void {
  /** Everything an event could have written for a case, to show a refusal wrote nothing. */
  const footprint = async (caseId: string) => {
    const c = await h.store.getCase(caseId);
    const [counts] = await h.test.database.sql.query<{
      history: number;
      notes: number;
      outbox: number;
      timers: number;
      entries: number;
    }>(sql`
      select (select count(*)::int from case_history where case_id = ${caseId}) as history,
             (select count(*)::int from notifications where case_id = ${caseId}) as notes,
             (select count(*)::int from outbox where case_id = ${caseId}) as outbox,
             (select count(*)::int from timers where case_id = ${caseId}) as timers,
             (select count(*)::int from ledger_entries where case_id = ${caseId}) as entries`);
    return { case: c, counts, balances: await h.store.ledgerBalances(c.programmeId) };
  };

  describe('events', () => {
    it('applies an event in one transaction: history, data, version, sender', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      h.clock.advance(60_000);
      const applied = await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
      expect(applied).toMatchObject({
        seq: 2,
        replayed: false,
        case: { version: 2, state: 'open', data: { count: 1 }, updatedAt: h.clock.now() },
      });
      expect(await h.store.getCase(c.id)).toEqual(applied.case);
      expect((await h.store.caseHistory(c.id))[1]).toEqual({
        seq: 2,
        type: 'tick',
        payload: {},
        actor: CLERK.actorId,
        roles: ['clerk'],
        from: 'open',
        to: 'open',
        at: h.clock.now(),
      });
    });

    it('stores quotes, backslashes, braces, commas, NULL and emoji exactly, alone and in a batch', async () => {
      const tricky = (i: number) => `"引号" \\ a\\b {x,y} NULL , '${i}' \u2028 😀`;
      const p = await h.programme();
      const cases = await Promise.all(
        [0, 1, 2].map((i) => h.store.openCase(p.id, { data: { name: tricky(i) } }, CLERK)),
      );
      for (const c of cases) await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
      // Sent together: on PostgreSQL they share a group-commit batch; alone on PGlite.
      await Promise.all(
        cases.map((c, i) =>
          h.store.applyEvent(c.id, { type: 'approve', payload: { by: tricky(i) } }, CLERK),
        ),
      );
      await Promise.all(
        cases.map((c, i) =>
          h.store.applyEvent(c.id, { type: 'assign', payload: { worker: tricky(i) } }, CLERK),
        ),
      );
      for (const [i, c] of cases.entries()) {
        const stored = await h.store.getCase(c.id);
        expect(stored).toMatchObject({ data: { name: tricky(i) }, assignee: tricky(i) });
        const history = await h.store.caseHistory(c.id);
        expect(history.map((e) => e.payload)).toEqual([
          expect.anything(),
          {},
          { by: tricky(i) },
          { worker: tricky(i) },
        ]);
      }
    });

    it('refusals say why and write nothing: role, state, payload, guard, ledger', async () => {
      const p = await h.programme({ stock: 0 });
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const before = await footprint(c.id);
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'tick' }, COURIER),
        RoleNotAllowedError,
        'role-not-allowed',
      );
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'deliver' }, COURIER),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'no-such-event' }, CLERK),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'after:open:0' }, CLERK),
        EventNotAcceptedError,
        'event-not-accepted',
      );
      const invalid = await expectRefusal(
        h.store.applyEvent(c.id, { type: 'approve', payload: { by: '' } }, CLERK),
        ValidationFailedError,
        'validation-failed',
      );
      expect(invalid.fieldErrors).toEqual([
        { path: '/by', message: 'must NOT have fewer than 1 characters' },
      ]);
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'approve', payload: { by: 'me' } }, CLERK),
        GuardRefusedError,
        'guard-refused',
      );
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'draw' }, CLERK),
        LedgerInsufficientError,
        'ledger-insufficient',
      );
      expect(await footprint(c.id)).toEqual(before);
    });

    it('refuses text the database cannot store (NUL, unpaired surrogates) as invalid input, with its path', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const before = await footprint(c.id);
      for (const bad of ['a\u0000b', '\ud800', 'x\udc00']) {
        const error = await expectRefusal(
          h.store.applyEvent(c.id, { type: 'approve', payload: { by: bad } }, CLERK),
          ValidationFailedError,
          'validation-failed',
        );
        expect(error.fieldErrors.map((e) => e.path)).toEqual(['/payload/by']);
        await expectRefusal(
          h.store.openCase(p.id, { data: { name: bad } }, CLERK),
          ValidationFailedError,
          'validation-failed',
        );
      }
      expect(await footprint(c.id)).toEqual(before);
      // A well-formed pair is fine.
      expect(
        (await h.store.openCase(p.id, { data: { name: '𠮷 \ud842\udfb7' } }, CLERK)).data.name,
      ).toBe('𠮷 𠮷');
    });

    it('If-Match: a stale version is a conflict, the current one applies', async () => {
      const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const error = await expectRefusal(
        h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 7 }),
        VersionConflictError,
        'version-conflict',
      );
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual({ caseId: c.id, expected: 7, actual: 1 });
      expect(
        (await h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 1 })).case.version,
      ).toBe(2);
      await expectRefusal(
        h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 1 }),
        VersionConflictError,
        'version-conflict',
      );
    });

    it('Idempotency-Key: a retry gets the first answer and writes nothing; another request under the key is refused', async () => {
      const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const first = await h.store
        .applyEvent(
          c.id,
          { type: 'approve', payload: { by: 'x' } },
          { ...CLERK, idempotencyKey: 'k-1' },
        )
        .catch(() => undefined);
      expect(first).toBeUndefined(); // guard refused: a refusal is not remembered, the key stays free
      await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
      const accepted = await h.store.applyEvent(
        c.id,
        { type: 'approve', payload: { by: 'x' } },
        { ...CLERK, idempotencyKey: 'k-1' },
      );
      const after = await footprint(c.id);
      h.clock.advance(5000);
      const retry = await h.store.applyEvent(
        c.id,
        { type: 'approve', payload: { by: 'x' } },
        { ...CLERK, idempotencyKey: 'k-1' },
      );
      expect(retry).toEqual({ ...accepted, replayed: true });
      expect(await footprint(c.id)).toEqual(after);
      await expectRefusal(
        h.store.applyEvent(
          c.id,
          { type: 'approve', payload: { by: 'y' } },
          { ...CLERK, idempotencyKey: 'k-1' },
        ),
        IdempotencyKeyReusedError,
        'idempotency-key-reused',
      );
      const other = await h.store.openCase(c.programmeId, { data: { name: 'B' } }, CLERK);
      expect(
        (await h.store.applyEvent(other.id, { type: 'tick' }, { ...CLERK, idempotencyKey: 'k-1' }))
          .replayed,
      ).toBe(false);
    });

    it('draws on a ledger down to zero and refuses the one that would go below, exactly to the fen', async () => {
      const p = await h.programme({ stock: 1, perDraw: 0.35 });
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      for (let i = 0; i < 2; i++) await h.store.applyEvent(c.id, { type: 'draw' }, CLERK);
      expect(await h.store.ledgerBalances(p.id)).toEqual({ stock: 0.3 });
      const error = await expectRefusal(
        h.store.applyEvent(c.id, { type: 'draw' }, CLERK),
        LedgerInsufficientError,
        'ledger-insufficient',
      );
      expect(error.details).toEqual({ ledger: 'stock', balance: 0.3, amount: -0.35 });
      expect((await h.store.getCase(c.id)).data.drawn).toBe(0.7);
      const entries = await h.test.database.sql.query<{
        amount: string;
        balance_after: string;
        seq: number | null;
      }>(sql`
        select amount::text, balance_after::text, seq from ledger_entries where programme_id = ${p.id} order by id`);
      expect(entries).toEqual([
        { amount: '1.00', balance_after: '1.00', seq: null },
        { amount: '-0.35', balance_after: '0.65', seq: 2 },
        { amount: '-0.35', balance_after: '0.30', seq: 3 },
      ]);
    });

    it('notify and emit become rows with the event; entering and leaving states arms and cancels timers', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
      const approved = await h.store.applyEvent(
        c.id,
        { type: 'approve', payload: { by: 'me' } },
        CLERK,
      );
      expect(approved.case).toMatchObject({
        state: 'approved.waiting',
        value: { approved: 'waiting' },
      });
      const outbox = await h.store.listOutbox({ programmeId: p.id });
      expect(outbox.items).toHaveLength(1);
      expect(outbox.items[0]).toMatchObject({
        caseId: c.id,
        name: 'drill.approved',
        status: 'pending',
        attempts: 0,
      });
      expect(outbox.items[0]!.payload).toEqual({
        event: 'drill.approved',
        programmeId: p.id,
        caseId: c.id,
        seq: 3,
        state: 'approved.waiting',
        value: { approved: 'waiting' },
        data: approved.case.data,
        at: h.clock.now().toISOString(),
      });
      expect(await h.store.pendingTimers(c.id)).toEqual([
        {
          state: 'approved.waiting',
          index: 0,
          eventType: 'after:approved.waiting:0',
          dueAt: new Date(h.clock.now().getTime() + 3_600_000),
        },
      ]);
      const statuses = await h.test.database.sql.query(
        sql`select state, status, note from timers where case_id = ${c.id} order by id`,
      );
      expect(statuses).toEqual([
        { state: 'open', status: 'cancelled', note: 'state exited' },
        { state: 'approved.waiting', status: 'pending', note: null },
      ]);
      await h.store.applyEvent(c.id, { type: 'assign', payload: { worker: 'courier-7' } }, CLERK);
      const delivered = await h.store.applyEvent(c.id, { type: 'deliver' }, COURIER);
      expect(delivered.case).toMatchObject({ assignee: 'courier-7', data: { count: 2 } });
      expect((await h.store.listOutbox({ programmeId: p.id })).items.map((o) => o.name)).toEqual([
        'drill.approved',
        'drill.delivered',
      ]);
      // A self-transition re-enters the state: its timer restarts.
      expect((await h.store.pendingTimers(c.id)).map((t) => t.eventType)).toEqual([
        'after:approved.waiting:0',
      ]);
      const closed = await h.store.applyEvent(c.id, { type: 'close' }, CLERK);
      expect(closed.case).toMatchObject({ state: 'closed', done: true });
      expect(await h.store.pendingTimers(c.id)).toEqual([]);
      const outboxRow = (await h.store.listOutbox({ programmeId: p.id, status: 'pending' }))
        .items[0]!;
      await h.store.markOutbox(outboxRow.id, { delivered: true });
      expect(
        (await h.store.listOutbox({ programmeId: p.id, status: 'pending' })).items.map(
          (o) => o.name,
        ),
      ).toEqual(['drill.delivered']);
    });
  });
}
