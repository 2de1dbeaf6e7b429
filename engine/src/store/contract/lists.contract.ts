/**
 * The store's contract, part 6: the lists the API pages through (registered by `relief-
 * store.contract.ts`).
 */
import { describe, expect, it } from 'vitest';
import { CLERK, DAY } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `lists for the API` part of the contract on a harness. */
export function listsContract(h: StoreHarness): void {
  describe('lists for the API', () => {
    it('stats: cases by state, accepted events by type and day, ledger balances', async () => {
      const p = await h.programme({ stock: 10 });
      const start = h.clock.now();
      h.clock.set(new Date('2022-04-07T10:00:00Z'));
      const a = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
      const b = await h.store.openCase(p.id, { data: { name: 'B' } }, CLERK);
      await h.store.applyEvent(a.id, { type: 'draw' }, CLERK);
      h.clock.set(new Date('2022-04-07T20:00:00Z'));
      await h.store.applyEvent(b.id, { type: 'close' }, CLERK);
      const stats = await h.store.programmeStats(p.id);
      expect(stats).toEqual({
        cases: {
          total: 2,
          open: 1,
          done: 1,
          byState: { open: 1, closed: 1 },
          byDistrict: [
            { district: p.district, total: 2, open: 1, done: 1, byState: { open: 1, closed: 1 } },
          ],
        },
        // `a` waits in `open` with its one-day timer; `b`'s was cancelled when it closed.
        timers: {
          pending: 1,
          overdue: 0,
          soonest: [
            {
              caseId: a.id,
              ref: null,
              state: 'open',
              event: expect.any(String) as string,
              dueAt: new Date('2022-04-08T10:00:00Z'),
            },
          ],
          lapsed: 0,
          lapsedCases: [],
        },
        events: [
          { type: '(open)', day: '2022-04-07', count: 2 },
          { type: 'close', day: '2022-04-07', count: 1 },
          { type: 'draw', day: '2022-04-07', count: 1 },
        ],
        ledgers: { stock: 9 },
        figures: [],
      });
      // 20:00 UTC is already the next day in Shanghai.
      expect(
        (await h.store.programmeStats(p.id, { timeZone: 'Asia/Shanghai' })).events,
      ).toContainEqual({ type: 'close', day: '2022-04-08', count: 1 });
      h.clock.set(start);
    });

    it('stats roll up by sub-district and count timers past due', async () => {
      const p = await h.programme({}, 'ru/district');
      const start = h.clock.now();
      const open = (district: string, name: string) =>
        h.store.openCase(p.id, { data: { name }, district }, CLERK);
      const s1 = await open('ru/district/street-1', 'A');
      await open('ru/district/street-1/committee-9', 'B');
      await open('ru/district/street-2', 'C');
      await open('ru/district', 'D');
      await h.store.applyEvent(s1.id, { type: 'close' }, CLERK);
      const before = await h.store.programmeStats(p.id);
      expect(before.cases.byDistrict).toEqual([
        { district: 'ru/district', total: 1, open: 1, done: 0, byState: { open: 1 } },
        {
          district: 'ru/district/street-1',
          total: 2,
          open: 1,
          done: 1,
          byState: { open: 1, closed: 1 },
        },
        { district: 'ru/district/street-2', total: 1, open: 1, done: 0, byState: { open: 1 } },
      ]);
      expect(before.timers).toMatchObject({ pending: 3, overdue: 0 });
      // Past the due time and before the scheduler has run: overdue, not yet fired.
      h.clock.advance(DAY + 1);
      expect((await h.store.programmeStats(p.id)).timers).toMatchObject({ pending: 3, overdue: 3 });
      // Fired (each re-arms itself): none past due, three cases lapsed until someone acts.
      await h.store.createTimerScheduler().runDue();
      const fired = (await h.store.programmeStats(p.id)).timers;
      expect(fired).toMatchObject({ pending: 3, overdue: 0, lapsed: 3 });
      expect(fired.lapsedCases.map((c) => c.event)).toEqual([
        'after:open:0',
        'after:open:0',
        'after:open:0',
      ]);
      await h.store.applyEvent(fired.lapsedCases[0]!.caseId, { type: 'tick' }, CLERK);
      expect((await h.store.programmeStats(p.id)).timers.lapsed).toBe(2);
      h.clock.set(start);
    });

    it('case list: text in ref or data values, ignoring case; district subtree', async () => {
      const p = await h.programme({}, 'tx/district');
      const wang = await h.store.openCase(
        p.id,
        { data: { name: '王秀英' }, ref: 'R-100', district: 'tx/district/s1' },
        CLERK,
      );
      const li = await h.store.openCase(
        p.id,
        { data: { name: 'Li 50%_off' }, ref: 'r-200', district: 'tx/district/s2' },
        CLERK,
      );
      const ids = async (query: Parameters<typeof h.store.listCases>[1]) =>
        (await h.store.listCases(p.id, query)).items.map((c) => c.id).sort();
      expect(await ids({ text: '秀英' })).toEqual([wang.id]);
      expect(await ids({ text: 'r-' })).toEqual([wang.id, li.id].sort());
      expect(await ids({ text: '50%_' })).toEqual([li.id]);
      // `%` and `_` are literal, not wildcards.
      expect(await ids({ text: '5_%' })).toEqual([]);
      expect(await ids({ text: 'name' })).toEqual([]);
      expect(await ids({ district: 'tx/district/s2' })).toEqual([li.id]);
      expect(await ids({ district: 'tx/district/s' })).toEqual([]);
    });

    it("worklist: open cases waiting on the caller's roles, in the caller's districts, longest waiting first", async () => {
      const near = await h.programme({}, 'wl/a/b');
      const far = await h.programme({}, 'wl/z');
      const c1 = await h.store.openCase(near.id, { data: { name: 'one' } }, CLERK);
      h.clock.advance(1);
      const c2 = await h.store.openCase(near.id, { data: { name: 'two' } }, CLERK);
      const c3 = await h.store.openCase(far.id, { data: { name: 'three' } }, CLERK);
      await h.store.applyEvent(c2.id, { type: 'tick' }, CLERK);
      await h.store.applyEvent(c2.id, { type: 'approve', payload: { by: 'me' } }, CLERK);
      // Derived from the events a role may send: `approved` accepts the clerk's `assign` and
      // `close`, although only its child names roles. The sooner deadline (c2's one-hour timer) first.
      const clerk = await h.store.worklist({ roles: ['clerk'], scope: 'wl/a' });
      expect(clerk.items.map((i) => [i.case.id, i.waitingIn])).toEqual([
        [c2.id, ['approved']],
        [c1.id, ['open']],
      ]);
      expect(clerk.items[1]!.nextEvents.map((e) => e.type)).toEqual(['tick', 'draw', 'close']);
      expect(clerk.items[1]).toMatchObject({ programmeTitle: '演练', templateId: 'store-drill' });
      expect(
        (await h.store.worklist({ roles: ['courier'], scope: 'wl' })).items.map((i) => [
          i.case.id,
          i.waitingIn,
        ]),
      ).toEqual([[c2.id, ['approved.waiting']]]);
      const all = await h.store.worklist({ roles: ['clerk', 'courier'], scope: 'wl', limit: 2 });
      const rest = await h.store.worklist({
        roles: ['clerk', 'courier'],
        scope: 'wl',
        limit: 2,
        cursor: all.nextCursor!,
      });
      expect([...all.items, ...rest.items].map((i) => i.case.id).sort()).toEqual(
        [c1.id, c2.id, c3.id].sort(),
      );
      expect((await h.store.worklist({ roles: ['admin'], scope: 'wl' })).items).toEqual([]);
    });

    it('notifications for roles within a scope, newest first, a page at a time', async () => {
      const p = await h.programme({}, 'nt/a');
      const q = await h.programme({}, 'nt/b');
      const [a, b] = [
        await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK),
        await h.store.openCase(q.id, { data: { name: 'B' } }, CLERK),
      ];
      h.clock.advance(DAY);
      await h.store.createTimerScheduler().runDue();
      const page = await h.store.listNotifications({ roles: ['clerk'], scope: 'nt', limit: 1 });
      const next = await h.store.listNotifications({
        roles: ['clerk'],
        scope: 'nt',
        limit: 1,
        cursor: page.nextCursor!,
      });
      expect([...page.items, ...next.items].map((n) => n.caseId)).toEqual([b.id, a.id]);
      expect(page.items[0]).toMatchObject({
        role: 'clerk',
        message: { zh: '待处理', en: 'Waiting for a clerk' },
        district: 'nt/b',
        programmeId: q.id,
      });
      expect(
        (await h.store.listNotifications({ roles: ['clerk'], scope: 'nt/a' })).items.map(
          (n) => n.caseId,
        ),
      ).toEqual([a.id]);
      expect((await h.store.listNotifications({ roles: ['courier'], scope: 'nt' })).items).toEqual(
        [],
      );
      expect(
        (await h.store.listNotifications({ programmeId: p.id, order: 'oldest' })).items.map(
          (n) => n.caseId,
        ),
      ).toEqual([a.id]);
    });

    it('next events: what the case accepts now, and what the caller may send', async () => {
      const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      expect((await h.store.nextEvents(c)).map((e) => e.type)).toEqual([
        'tick',
        'draw',
        'approve',
        'close',
      ]);
      expect(await h.store.nextEvents(c, ['courier'])).toEqual([]);
      const approve = (await h.store.nextEvents(c, ['clerk'])).find((e) => e.type === 'approve');
      expect(approve).toMatchObject({
        roles: ['clerk'],
        form: { type: 'object', required: ['by'] },
      });
    });
  });
}
