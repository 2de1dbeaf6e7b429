/**
 * Concurrency, on PGlite and PostgreSQL (where two pools stand for two server processes): many
 * events at once on one case and on one ledger. Every accepted event is applied exactly once, the
 * history has no gaps, no two events apply against the same version, and no balance goes below zero.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.js';
import { createReliefStore } from '../create-relief-store.js';
import type { ReliefStore } from '../create-relief-store.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { ADMIN, CLERK, COURIER, useStoreHarness } from './store-contract-kit.js';

const N = 50;

/** A guard that keeps a reserve: draw only while at least 6 are in stock. */
const RESERVE_SOURCE = `dsl: relief/v1
id: store-reserve
version: 1
title: { zh: 保留库存, en: Keep a reserve }
roles:
  clerk: { zh: 办事员, en: Clerk }
parameters:
  type: object
  properties:
    stock: { type: integer, minimum: 0, default: 10 }
data: { type: object, properties: { draws: { type: integer, default: 0 } } }
events:
  draw: { roles: [clerk] }
  note: { roles: [clerk] }
ledgers:
  stock: { title: { zh: 库存, en: Stock }, opening: params.stock }
initial: open
states:
  open:
    on:
      draw:
        guard: ledger['stock'] >= 6
        actions: [{ ledger: { stock: -1 } }, { set: { draws: data.draws + 1 } }]
      note: {}
`;

/** Outcome codes of settled attempts: 'ok' or the engine error code. */
function outcomes(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key =
      r.status === 'fulfilled'
        ? 'ok'
        : r.reason instanceof EngineError
          ? r.reason.code
          : `unexpected: ${String(r.reason)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Register the concurrency contract for one kind of database. */
export function concurrencyContract(kind: DatabaseKind): void {
  describe(`concurrency on ${kind}`, () => {
    const h = useStoreHarness(kind);
    /** Two stores on two pools: half of the attempts go through each. */
    const twoPools = async (): Promise<[ReliefStore, ReliefStore]> => [
      h.store,
      createReliefStore(await h.test.openAnother(8), { clock: h.clock }),
    ];

    it(`${N} concurrent events on one case from two pools: each applied once, history gapless`, async () => {
      const [a, b] = await twoPools();
      const c = await a.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const results = await Promise.allSettled(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? a : b).applyEvent(c.id, { type: 'tick' }, CLERK),
        ),
      );
      expect(outcomes(results)).toEqual({ ok: N });
      const after = await a.getCase(c.id);
      expect(after.version).toBe(N + 1);
      expect(after.data.count).toBe(N);
      const seqs = (await a.caseHistory(c.id)).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: N + 1 }, (_, i) => i + 1));
      const versions = results
        .flatMap((r) => (r.status === 'fulfilled' ? [r.value.case.version] : []))
        .sort((x, y) => x - y);
      expect(versions).toEqual(Array.from({ length: N }, (_, i) => i + 2));
    });

    it(`${N} concurrent events sent with the same If-Match: exactly one applies`, async () => {
      const [a, b] = await twoPools();
      const c = await a.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const results = await Promise.allSettled(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? a : b).applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 1 }),
        ),
      );
      expect(outcomes(results)).toEqual({ ok: 1, 'version-conflict': N - 1 });
      expect((await a.getCase(c.id)).version).toBe(2);
    });

    it(`${N} concurrent retries under one Idempotency-Key: applied once, every retry gets the same answer`, async () => {
      const [a, b] = await twoPools();
      const c = await a.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          (i % 2 ? a : b).applyEvent(c.id, { type: 'tick' }, { ...CLERK, idempotencyKey: 'same' }),
        ),
      );
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(new Set(results.map((r) => r.seq))).toEqual(new Set([2]));
      expect((await a.getCase(c.id)).data.count).toBe(1);
    });

    it(`${N} concurrent draws on one ledger of 30 from two pools: 30 accepted, never below zero`, async () => {
      const [a, b] = await twoPools();
      const p = await h.programme({ stock: 30 });
      const cases = await Promise.all(
        Array.from({ length: N }, (_, i) => a.openCase(p.id, { data: { name: `n${i}` } }, CLERK)),
      );
      const results = await Promise.allSettled(
        cases.map((c, i) => (i % 2 ? a : b).applyEvent(c.id, { type: 'draw' }, CLERK)),
      );
      expect(outcomes(results)).toEqual({ ok: 30, 'ledger-insufficient': N - 30 });
      expect(await a.ledgerBalances(p.id)).toEqual({ stock: 0 });
      const [ledger] = await h.test.database.sql.query<{
        entries: number;
        total: string;
        lowest: string;
      }>(sql`
        select count(*)::int as entries, sum(amount)::text as total, min(balance_after)::text as lowest
        from ledger_entries where programme_id = ${p.id} and seq is not null`);
      expect(ledger).toEqual({ entries: 30, total: '-30.00', lowest: '0.00' });
      const draws = await h.test.database.sql.query<{ n: number }>(sql`
        select count(*)::int as n from case_history h join cases c on c.id = h.case_id where c.programme_id = ${p.id} and h.event_type = 'draw'`);
      expect(draws[0]!.n).toBe(30);
      // Every refusal quotes the balance it was refused against: the true one, 0.
      const quoted = results.flatMap((r) =>
        r.status === 'rejected' ? [(r.reason as EngineError).details?.balance] : [],
      );
      expect(new Set(quoted)).toEqual(new Set([0]));
    });

    it('a guard that reads a ledger holds under concurrency: 30 draws on 10 keeping 5 in reserve from two pools', async () => {
      const [a, b] = await twoPools();
      const saved = await a.saveTemplate(RESERVE_SOURCE, ADMIN);
      await a.publishTemplate('store-reserve', saved.record.version, ADMIN);
      const p = await a.startProgramme(
        { template: 'store-reserve', district: `reserve/${kind}`, params: { stock: 10 } },
        ADMIN,
      );
      const cases = await Promise.all(
        Array.from({ length: 30 }, () => a.openCase(p.id, { data: {} }, CLERK)),
      );
      const results = await Promise.allSettled(
        cases.map((c, i) => (i % 2 ? a : b).applyEvent(c.id, { type: 'draw' }, CLERK)),
      );
      expect(outcomes(results)).toEqual({ ok: 5, 'guard-refused': 25 });
      expect(await a.ledgerBalances(p.id)).toEqual({ stock: 5 });
      // Events that do not touch the ledger still go through.
      expect((await b.applyEvent(cases[0]!.id, { type: 'note' }, CLERK)).seq).toBeGreaterThan(1);
    });

    it('group commit: refusals in a batch are answered alone and leave their neighbours applied', async () => {
      const store = createReliefStore(h.test.database, {
        clock: h.clock,
        groupCommit: { maxBatch: 64, maxInFlight: 1 },
      });
      const p = await h.programme({ stock: 7, perDraw: 1 });
      const cases = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.openCase(p.id, { data: { name: `b${i}` } }, CLERK),
        ),
      );
      // Four kinds side by side: a stale If-Match, a sender without the role, a draw (7 in stock
      // for 10 draws: the last 3 refused on the balances the batch's earlier draws left), a tick.
      const sent = cases.map((c, i) =>
        i % 4 === 0
          ? store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 99 })
          : i % 4 === 1
            ? store.applyEvent(c.id, { type: 'tick' }, COURIER)
            : i % 4 === 2
              ? store.applyEvent(c.id, { type: 'draw' }, CLERK)
              : store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, idempotencyKey: `t${i}` }),
      );
      const results = await Promise.allSettled(sent);
      const kind = (i: number) => outcomes([results[i]!]);
      for (let i = 0; i < 40; i += 4) {
        expect(kind(i), `stale If-Match ${i}`).toEqual({ 'version-conflict': 1 });
        expect(kind(i + 1), `wrong role ${i + 1}`).toEqual({ 'role-not-allowed': 1 });
        expect(kind(i + 3), `tick ${i + 3}`).toEqual({ ok: 1 });
      }
      const draws = results.filter((_, i) => i % 4 === 2);
      expect(outcomes(draws)).toEqual({ ok: 7, 'ledger-insufficient': 3 });
      expect(await store.ledgerBalances(p.id)).toEqual({ stock: 0 });
      // Refused: nothing written; accepted: applied once.
      const versions = await Promise.all(
        cases.map(async (c) => (await store.getCase(c.id)).version),
      );
      versions.forEach((version, i) =>
        expect(version, `case ${i}`).toBe(results[i]!.status === 'fulfilled' ? 2 : 1),
      );
      // They were batched: the 17 accepted events committed in fewer transactions than events.
      const [{ transactions }] = (await h.test.database.sql.query<{ transactions: number }>(sql`
        select count(distinct h.xmin::text)::int as transactions from case_history h
        join cases c on c.id = h.case_id where c.programme_id = ${p.id} and h.seq = 2`)) as [
        { transactions: number },
      ];
      expect(transactions).toBeLessThan(17);
      // A retry of an accepted tick under its key is a replay, not a second tick.
      const again = await store.applyEvent(
        cases[3]!.id,
        { type: 'tick' },
        { ...CLERK, idempotencyKey: 't3' },
      );
      expect(again.replayed).toBe(true);
      expect((await store.getCase(cases[3]!.id)).data.count).toBe(1);
    });

    it('a revoked API key is refused at once by every pool, though each keeps verified keys cached', async () => {
      const [a, b] = await twoPools();
      const verifyTwice = async (key: string) => {
        for (const store of [a, b]) expect(await store.findApiKey(key)).toBeDefined();
        // The subscription that makes caching safe is confirmed asynchronously on first use.
        await new Promise((resolve) => setTimeout(resolve, 300));
        for (const store of [a, b]) expect(await store.findApiKey(key)).toBeDefined();
      };
      // The cache is in use: a key revoked by hand in SQL (no notification) is still answered
      // from it by a pool that verified it, until the entry expires (the backstop).
      const byHand = await a.createApiKey({ roles: ['worker'], district: 'keys/x' });
      await verifyTwice(byHand.key);
      await h.test.database.sql.query(
        sql`update api_keys set revoked_at = now() where id = ${byHand.record.id}`,
      );
      expect(await b.findApiKey(byHand.key)).toBeDefined();
      // Revoked through the store: refused at once by the pool that revoked it and by the other.
      for (let round = 0; round < 5; round++) {
        const { record, key } = await a.createApiKey({ roles: ['worker'], district: 'keys/x' });
        await verifyTwice(key);
        await (round % 2 ? b : a).revokeApiKey(record.id);
        expect(await a.findApiKey(key)).toBeUndefined();
        expect(await b.findApiKey(key)).toBeUndefined();
      }
    });
  });
}
