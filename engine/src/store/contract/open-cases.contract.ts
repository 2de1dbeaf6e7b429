/**
 * The set-based bulk open (`openCases`), on PGlite and PostgreSQL: every row ends exactly as if
 * it had been opened alone with `openCase`, one after another: the same case, history, timers,
 * notifications, outbox rows and ledger movements, and the same refusals for the same rows.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../sql/sql-client.js';
import { ADMIN, CLERK, useStoreHarness } from './store-contract-kit.js';

/** Entering the initial state draws from a ledger, notifies, emits, assigns and arms a timer. */
const ENTRY_SOURCE = `dsl: relief/v1
id: bulk-entry
version: 1
title: { zh: 批量, en: Bulk entry }
roles:
  clerk: { zh: 办事员, en: Clerk }
parameters:
  type: object
  properties:
    stock: { type: integer, minimum: 0, default: 5 }
data:
  type: object
  required: [name]
  properties:
    name: { type: string, minLength: 1 }
    size: { type: number, default: 1 }
    seen: { type: string }
events:
  close: { roles: [clerk] }
ledgers:
  stock: { title: { zh: 库存, en: Stock }, opening: params.stock }
initial: waiting
states:
  waiting:
    roles: [clerk]
    entry:
      - ledger: { stock: -data.size }
      - notify: { role: clerk, message: { zh: 新登记, en: New case } }
      - emit: bulk.opened
      - assign: "'desk-1'"
      - set: { seen: "'yes'" }
    on:
      close: closed
    after:
      - delay: P1D
        target: closed
  closed: { type: final }
`;

/** No state entered at the start has an action: every row starts the same (computed once). */
const PLAIN_SOURCE = `dsl: relief/v1
id: bulk-plain
version: 1
title: { zh: 简单, en: Plain start }
roles:
  clerk: { zh: 办事员, en: Clerk }
data:
  type: object
  required: [name]
  properties:
    name: { type: string, minLength: 1 }
    size: { type: number, default: 1 }
events:
  close: { roles: [clerk] }
initial: open
states:
  open:
    initial: waiting
    roles: [clerk]
    on:
      close: closed
    states:
      waiting:
        after:
          - delay: P2D
            target: late
      late:
        roles: [clerk]
  closed: { type: final }
`;

/** Register the bulk-open contract for one kind of database. */
export function openCasesContract(kind: DatabaseKind): void {
  describe(`bulk open on ${kind}`, () => {
    const h = useStoreHarness(kind);
    const rows = [
      { data: { name: 'A', size: 2 }, ref: 'r1' },
      { data: {}, ref: 'r2' },
      { data: { name: 'B' }, ref: 'r1' },
      { data: { name: 'C', size: 2.5 } },
      { data: { name: 'D', size: 1 }, ref: 'r5' },
      { data: { name: 'E\u0000' } },
      { data: { name: 'F', size: 0.5 } },
      // Quotes, backslashes, commas and braces: text the array parameters must carry unchanged.
      { data: { name: 'G "q" \\ ,{}\\"', size: 0 }, ref: 'r"7\\,{}' },
    ];

    /** Everything the opening wrote for a programme, ids replaced by the row's position. */
    async function written(programmeId: string, ids: (string | null)[]) {
      const q = h.test.database.sql;
      const pos = (id: unknown) => ids.indexOf(id as string);
      const cases = await q.query(sql`
        select id, ref, state, active_states, value, data, version, assignee, district, done, created_by
        from cases where programme_id = ${programmeId}`);
      const history = await q.query(sql`
        select case_id, seq, event_type, payload, actor, from_state, to_state
        from case_history h where case_id in (select id from cases where programme_id = ${programmeId})`);
      const notes = await q.query(
        sql`select case_id, role, message, district from notifications where programme_id = ${programmeId}`,
      );
      const outbox = await q.query(
        sql`select case_id, name, payload - 'caseId' as payload from outbox where programme_id = ${programmeId}`,
      );
      const timers = await q.query(
        sql`select case_id, state, idx, event_type, due_at, status from timers where programme_id = ${programmeId}`,
      );
      const entries = await q.query(sql`
        select ledger, case_id, seq, amount::text, balance_after::text, actor
        from ledger_entries where programme_id = ${programmeId} and case_id is not null order by id`);
      const ledgers = await q.query(
        sql`select name, balance::text from ledgers where programme_id = ${programmeId}`,
      );
      const byCase = (list: Record<string, unknown>[], key: string) =>
        list
          .map(({ [key]: id, ...rest }): Record<string, unknown> & { at: number } => ({
            at: pos(id),
            ...rest,
          }))
          .sort((a, b) => a.at - b.at);
      return {
        cases: byCase(cases, 'id'),
        history: byCase(history, 'case_id'),
        notes: byCase(notes, 'case_id'),
        outbox: byCase(outbox, 'case_id'),
        timers: byCase(timers, 'case_id'),
        entries: entries.map(({ case_id, ...rest }) => ({ at: pos(case_id), ...rest })),
        ledgers,
      };
    }

    it('writes what openCase row by row writes, and refuses the same rows with the same reasons', async () => {
      const saved = await h.store.saveTemplate(ENTRY_SOURCE, ADMIN);
      await h.store.publishTemplate('bulk-entry', saved.record.version, ADMIN);
      const start = () =>
        h.store.startProgramme({ template: 'bulk-entry', district: 'bulk/a' }, ADMIN);
      const one = await start();
      const alone = [];
      for (const row of rows) {
        try {
          alone.push({ ok: true, id: (await h.store.openCase(one.id, row, CLERK)).id });
        } catch (error) {
          alone.push({ ok: false, code: (error as { code: string }).code, error });
        }
      }
      const bulk = await start();
      const outcomes = await h.store.openCases(bulk.id, rows, CLERK);

      expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual([
        'ok',
        'validation-failed',
        'duplicate-ref',
        'ok',
        'ledger-insufficient',
        'validation-failed',
        'ok',
        'ok',
      ]);
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(
        alone.map((o) => (o.ok ? 'ok' : o.code)),
      );
      expect(outcomes.map((o) => (o.ok ? null : o.error.message))).toEqual(
        alone.map((o) => (o.ok ? null : (o.error as Error).message.replaceAll(one.id, bulk.id))),
      );
      const bulkIds = outcomes.map((o) => (o.ok ? o.case.id : null));
      const aloneIds = alone.map((o) => (o.ok ? o.id! : null));
      const expected = await written(one.id, aloneIds);
      const actual = await written(bulk.id, bulkIds);
      expect(actual).toEqual({
        ...expected,
        outbox: expected.outbox.map((row) => ({
          ...row,
          payload: { ...(row.payload as object), programmeId: bulk.id },
        })),
      });
      expect(actual.ledgers).toEqual([{ name: 'stock', balance: '0.00' }]);
      // The `(open)` payload is the validated input; the case's data is what its entry set.
      const name = 'G "q" \\ ,{}\\"';
      expect(actual.cases.at(-1)).toMatchObject({ ref: 'r"7\\,{}', data: { name, seen: 'yes' } });
      expect(actual.history.at(-1)?.payload).toEqual({ name, size: 0 });
      const first = outcomes[0]!;
      if (!first.ok) throw first.error;
      expect(await h.store.getCase(first.case.id)).toEqual(first.case);
    });

    it('a start that runs no action: every row as openCase writes it alone', async () => {
      const saved = await h.store.saveTemplate(PLAIN_SOURCE, ADMIN);
      await h.store.publishTemplate('bulk-plain', saved.record.version, ADMIN);
      const start = () =>
        h.store.startProgramme({ template: 'bulk-plain', district: 'bulk/a' }, ADMIN);
      const plainRows = [
        { data: { name: 'A' }, ref: 'p1' },
        { data: {} },
        { data: { name: 'B', size: 3 }, district: 'bulk/a/street' },
        { data: { name: 'C' }, ref: 'p1' },
        { data: { name: 'D' } },
      ];
      const one = await start();
      const alone: (string | null)[] = [];
      const aloneCodes: string[] = [];
      for (const row of plainRows) {
        try {
          alone.push((await h.store.openCase(one.id, row, CLERK)).id);
          aloneCodes.push('ok');
        } catch (error) {
          alone.push(null);
          aloneCodes.push((error as { code: string }).code);
        }
      }
      const bulk = await start();
      const outcomes = await h.store.openCases(bulk.id, plainRows, CLERK);
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(aloneCodes);
      expect(aloneCodes).toEqual(['ok', 'validation-failed', 'ok', 'duplicate-ref', 'ok']);
      const actual = await written(
        bulk.id,
        outcomes.map((o) => (o.ok ? o.case.id : null)),
      );
      expect(actual).toEqual(await written(one.id, alone));
      expect(actual.cases.map((c) => [c.state, c.data])).toEqual([
        ['open.waiting', { name: 'A', size: 1 }],
        ['open.waiting', { name: 'B', size: 3 }],
        ['open.waiting', { name: 'D', size: 1 }],
      ]);
      expect(actual.timers).toHaveLength(3);
    });

    it('lists bulk-opened cases in the order of the roster', async () => {
      const p = await h.programme();
      const roster = Array.from({ length: 40 }, (_, i) => ({
        data: { name: `N${i}` },
        ref: `r${i}`,
      }));
      await h.store.openCases(p.id, roster, CLERK);
      const page = await h.store.listCases(p.id, { limit: 100 });
      expect(page.items.map((c) => c.ref)).toEqual(roster.map((r) => r.ref));
    });

    it('over several chunks: draws stock in roster order and lists the cases in roster order', async () => {
      const source = ENTRY_SOURCE.replace('id: bulk-entry', 'id: bulk-chunks');
      const saved = await h.store.saveTemplate(source, ADMIN);
      await h.store.publishTemplate('bulk-chunks', saved.record.version, ADMIN);
      // PostgreSQL: three chunks, written side by side. PGlite: small chunks one after another
      // (fewer rows: PGlite writes them in the test's own thread).
      const rowCount = kind === 'postgres' ? 2600 : 260;
      const refusedCount = rowCount / 5;
      const stock = rowCount - refusedCount;
      const p = await h.store.startProgramme(
        { template: 'bulk-chunks', district: 'bulk/a', params: { stock } },
        ADMIN,
      );
      const roster = Array.from({ length: rowCount }, (_, i) => ({
        data: { name: `N${i}` },
        ref: `r${i}`,
      }));
      const outcomes = await h.store.openCases(p.id, roster, CLERK);
      const refused = outcomes.flatMap((o, i) => (o.ok ? [] : [i]));
      expect(refused).toEqual(Array.from({ length: refusedCount }, (_, i) => stock + i));
      expect(outcomes.every((o) => o.ok || o.error.code === 'ledger-insufficient')).toBe(true);
      const q = h.test.database.sql;
      const listed = await q.query<{ ref: string }>(
        sql`select ref from cases where programme_id = ${p.id} order by created_at, id`,
      );
      expect(listed.map((r) => r.ref)).toEqual(roster.slice(0, stock).map((r) => r.ref));
      const drawn = await q.query<{ ref: string; balance_after: string }>(sql`
        select c.ref, e.balance_after::text from ledger_entries e join cases c on c.id = e.case_id
        where e.programme_id = ${p.id} order by e.balance_after desc`);
      expect(drawn.map((r) => r.ref)).toEqual(roster.slice(0, stock).map((r) => r.ref));
      expect(drawn.at(-1)?.balance_after).toBe('0.00');
    });

    it('skips a ref taken in the database, keeps the rest; a paused programme refuses the call', async () => {
      const p = await h.programme();
      await h.store.openCase(p.id, { data: { name: 'A' }, ref: 'taken' }, CLERK);
      const outcomes = await h.store.openCases(
        p.id,
        [
          { data: { name: 'B' }, ref: 'taken' },
          { data: { name: 'C' }, ref: 'new' },
        ],
        CLERK,
      );
      expect(outcomes.map((o) => (o.ok ? o.case.ref : o.error.message))).toEqual([
        `programme '${p.id}' already has a case with ref 'taken'`,
        'new',
      ]);
      const [{ count }] = (await h.test.database.sql.query(
        sql`select count(*)::int as count from case_history h join cases c on c.id = h.case_id where c.programme_id = ${p.id}`,
      )) as [{ count: number }];
      expect(count).toBe(2);
      await h.store.changeProgramme(p.id, { status: 'paused' }, ADMIN);
      await expect(h.store.openCases(p.id, [{ data: { name: 'D' } }], CLERK)).rejects.toMatchObject(
        { code: 'programme-not-active' },
      );
    });
  });
}
