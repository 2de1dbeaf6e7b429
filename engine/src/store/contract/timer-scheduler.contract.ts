/**
 * Timers, on PGlite and PostgreSQL: fired through the event path as the system, once; never after
 * their state was left; fired on the next start when they fell due while nothing ran; and exactly
 * once when two schedulers share the database.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createReliefStore } from '../create-relief-store.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { CLERK, DAY, useStoreHarness } from './store-contract-kit.js';

/** Register the timer contract for one kind of database. */
export function timerSchedulerContract(kind: DatabaseKind): void {
  describe(`timers on ${kind}`, () => {
    const h = useStoreHarness(kind);

    const firings = async (programmeId: string) =>
      h.test.database.sql.query<{ case_id: string; n: number }>(sql`
        select h.case_id, count(*)::int as n from case_history h join cases c on c.id = h.case_id
        where c.programme_id = ${programmeId} and h.event_type like 'after:%' group by h.case_id`);

    it('fires a due timer through the event path, sent by the system, once', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const scheduler = h.store.createTimerScheduler();
      h.clock.advance(DAY - 1);
      expect(await scheduler.runDue({ programmeId: p.id })).toEqual({
        fired: 0,
        cancelled: 0,
        failed: 0,
      });
      h.clock.advance(1);
      expect(await scheduler.runDue({ programmeId: p.id })).toEqual({
        fired: 1,
        cancelled: 0,
        failed: 0,
      });
      expect(await scheduler.runDue({ programmeId: p.id })).toEqual({
        fired: 0,
        cancelled: 0,
        failed: 0,
      });
      const history = await h.store.caseHistory(c.id);
      expect(history[1]).toEqual({
        seq: 2,
        type: 'after:open:0',
        payload: {},
        actor: null,
        roles: null,
        from: 'open',
        to: 'open',
        at: h.clock.now(),
      });
      expect(
        (await h.store.listNotifications({ programmeId: p.id })).items.map((n) => n.role),
      ).toEqual(['clerk']);
      // `target: open` re-enters the state: the timer is armed again from now.
      expect(await h.store.pendingTimers(c.id)).toEqual([
        {
          state: 'open',
          index: 0,
          eventType: 'after:open:0',
          dueAt: new Date(h.clock.now().getTime() + DAY),
        },
      ]);
      expect(await h.store.nextTimerDue({ programmeId: p.id })).toEqual(
        new Date(h.clock.now().getTime() + DAY),
      );
    });

    it('never fires the timer of a state the case has left', async () => {
      const p = await h.programme();
      const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      await h.store.applyEvent(c.id, { type: 'close' }, CLERK);
      h.clock.advance(2 * DAY);
      expect(await h.store.createTimerScheduler().runDue({ programmeId: p.id })).toEqual({
        fired: 0,
        cancelled: 0,
        failed: 0,
      });
      expect((await h.store.caseHistory(c.id)).map((e) => e.type)).toEqual(['(open)', 'close']);
    });

    it("holds a paused programme's timers until it is active again", async () => {
      const p = await h.programme();
      await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      await h.store.changeProgramme(p.id, { status: 'paused' }, { actorId: 'admin' });
      h.clock.advance(DAY);
      const scheduler = h.store.createTimerScheduler();
      expect((await scheduler.runDue({ programmeId: p.id })).fired).toBe(0);
      await h.store.changeProgramme(p.id, { status: 'active' }, { actorId: 'admin' });
      expect((await scheduler.runDue({ programmeId: p.id })).fired).toBe(1);
    });

    it('two schedulers on one database (two pools) fire each timer exactly once', async () => {
      const p = await h.programme();
      const cases = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          h.store.openCase(p.id, { data: { name: `n${i}` } }, CLERK),
        ),
      );
      h.clock.advance(DAY);
      const other = createReliefStore(await h.test.openAnother(4), { clock: h.clock });
      const passes = await Promise.all([
        h.store.createTimerScheduler({ batchSize: 4 }).runDue({ programmeId: p.id }),
        other.createTimerScheduler({ batchSize: 4 }).runDue({ programmeId: p.id }),
      ]);
      expect(passes.reduce((n, pass) => n + pass.fired, 0)).toBe(30);
      expect(passes.every((pass) => pass.failed === 0 && pass.cancelled === 0)).toBe(true);
      const fired = await firings(p.id);
      expect(fired).toHaveLength(30);
      expect(fired.every((row) => row.n === 1)).toBe(true);
      expect(new Set(fired.map((row) => row.case_id))).toEqual(new Set(cases.map((c) => c.id)));
    });

    it('timers that fell due while every server was down fire once on the next start', async () => {
      const p = await h.programme();
      const cases = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          h.store.openCase(p.id, { data: { name: `n${i}` } }, CLERK),
        ),
      );
      // Everything stops; two days pass; a server starts again with its scheduler running.
      const store = await h.restart();
      h.clock.advance(2 * DAY);
      const scheduler = store.createTimerScheduler({ intervalMs: 10 });
      scheduler.start();
      await expect
        .poll(async () => (await firings(p.id)).length, { timeout: 10_000, interval: 20 })
        .toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await scheduler.stop();
      const fired = await firings(p.id);
      expect(fired.every((row) => row.n === 1)).toBe(true);
      for (const c of cases) expect((await store.getCase(c.id)).version).toBe(2);
    });
  });
}
