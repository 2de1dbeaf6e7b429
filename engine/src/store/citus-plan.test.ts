/**
 * The schema the migrations build, against the rules Citus imposes on the distribution plan
 * (docs/scaling.md). Citus is not installed here: the rules are read off the catalog. The schema
 * does not meet them yet; what breaks them is listed below, one line each, and the doc says what
 * each needs. A migration that breaks another rule, or mends one, fails this test until the list
 * and the doc follow.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citusViolations } from './citus-plan.js';
import type { Placement } from './citus-plan.js';
import { createTestDatabase, testDatabaseUrl } from './sql/create-test-database.js';
import type { TestDatabase } from './sql/create-test-database.js';
import type { DatabaseKind, SqlClient } from './sql/sql-client.js';

/** Where the migrated schema breaks the plan's rules: `table | rule | detail`. */
const KNOWN = [
  'case_erasures | unique-without-distribution-column | case_erasures_pkey (id) lacks programme_id',
  'case_history | distribution-column | no column programme_id',
  'case_history | foreign-key | case_history_case_id_cases_id_fk: case_history (case_id) → cases (id): between distributed tables a foreign key must map case_history.programme_id onto cases.programme_id',
  'case_history | unique-without-distribution-column | case_history_case_idempotency_idx (case_id, idempotency_key) lacks programme_id',
  'case_history | unique-without-distribution-column | case_history_case_seq_idx (case_id, seq) lacks programme_id',
  'case_history | unique-without-distribution-column | case_history_pkey (id) lacks programme_id',
  'case_reads | unique-without-distribution-column | case_reads_pkey (id) lacks programme_id',
  'cases | unique-without-distribution-column | cases_pkey (id) lacks programme_id',
  'ledger_entries | foreign-key | ledger_entries_case_id_cases_id_fk: ledger_entries (case_id) → cases (id): between distributed tables a foreign key must map ledger_entries.programme_id onto cases.programme_id',
  'ledger_entries | unique-without-distribution-column | ledger_entries_pkey (id) lacks programme_id',
  'notification_reads | distribution-column | no column programme_id',
  'notification_reads | foreign-key | notification_reads_notification_id_notifications_id_fk: notification_reads (notification_id) → notifications (id): between distributed tables a foreign key must map notification_reads.programme_id onto notifications.programme_id',
  'notification_reads | unique-without-distribution-column | notification_reads_reader_notification_id_pk (reader, notification_id) lacks programme_id',
  'notifications | foreign-key | notifications_case_id_cases_id_fk: notifications (case_id) → cases (id): between distributed tables a foreign key must map notifications.programme_id onto cases.programme_id',
  'notifications | unique-without-distribution-column | notifications_pkey (id) lacks programme_id',
  'outbox | foreign-key | outbox_case_id_cases_id_fk: outbox (case_id) → cases (id): between distributed tables a foreign key must map outbox.programme_id onto cases.programme_id',
  'outbox | unique-without-distribution-column | outbox_pkey (id) lacks programme_id',
  'programme_changes | unique-without-distribution-column | programme_param_changes_pkey (id) lacks programme_id',
  'timers | foreign-key | timers_case_id_cases_id_fk: timers (case_id) → cases (id): between distributed tables a foreign key must map timers.programme_id onto cases.programme_id',
  'timers | unique-without-distribution-column | timers_pkey (id) lacks programme_id',
];

const kinds: DatabaseKind[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('Citus rules on the migrated schema (%s)', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
  }, 60_000);
  afterAll(() => test?.drop());

  it('breaks only the rules the plan lists as changes to make', async () => {
    const found = await citusViolations(test.database.sql);
    expect(found.map((v) => `${v.table} | ${v.rule} | ${v.detail}`)).toEqual(KNOWN);
  });

  it('finds each rule broken in a schema made to break it', async () => {
    const client = test.database.sql;
    await run(
      client,
      `
      create schema citus_probe;
      create table citus_probe.shops (shop_id uuid primary key, name text unique);
      create table citus_probe.orders (
        id bigint generated always as identity, shop_id uuid, n int generated always as identity,
        unique (shop_id, id));
      create table citus_probe.lines (id uuid, shop_id uuid not null, order_id bigint,
        primary key (shop_id, id), foreign key (shop_id, order_id) references citus_probe.orders (shop_id, id));
      create table citus_probe.bad_lines (shop_id uuid not null, other_shop uuid, order_id bigint,
        foreign key (other_shop, order_id) references citus_probe.orders (shop_id, id));
      create unique index bad_lines_expr on citus_probe.bad_lines (lower(shop_id::text));
      create table citus_probe.kinds (code text primary key, shop_id uuid references citus_probe.shops);
      create table citus_probe.counters (code text primary key, kind text references citus_probe.kinds);
      create table citus_probe.tallies (shop_id text not null references citus_probe.counters (code));
      create table citus_probe.stray (x int);`,
    );
    const plan: Record<string, Placement> = {
      shops: { kind: 'distributed', column: 'shop_id' },
      orders: { kind: 'distributed', column: 'shop_id' },
      lines: { kind: 'distributed', column: 'shop_id' },
      bad_lines: { kind: 'distributed', column: 'shop_id' },
      kinds: { kind: 'reference' },
      counters: { kind: 'local' },
      tallies: { kind: 'distributed', column: 'shop_id' },
      gone: { kind: 'reference' },
    };
    const found = await citusViolations(client, plan, 'citus_probe');
    expect(found.map((v) => `${v.table} | ${v.rule} | ${v.detail}`)).toEqual([
      'bad_lines | foreign-key | bad_lines_other_shop_order_id_fkey: bad_lines (other_shop, order_id) → orders (shop_id, id): between distributed tables a foreign key must map bad_lines.shop_id onto orders.shop_id',
      'bad_lines | unique-without-distribution-column | bad_lines_expr (<expression>) lacks shop_id',
      'gone | missing-table | planned but not in the schema',
      'kinds | foreign-key | kinds_shop_id_fkey: kinds (shop_id) → shops (shop_id): a reference table cannot reference a distributed table',
      'orders | distribution-column | shop_id is nullable',
      'orders | identity-not-bigint | n is an identity column of type integer',
      'shops | unique-without-distribution-column | shops_name_key (name) lacks shop_id',
      'stray | unplaced-table | no placement in the plan',
      'tallies | foreign-key | tallies_shop_id_fkey: tallies (shop_id) → counters (code): a distributed table cannot reference a local table',
    ]);
    // The reference → local key without a cascading action is allowed; with one, it is not.
    await run(
      client,
      `alter table citus_probe.kinds add column counter text references citus_probe.counters (code) on delete cascade`,
    );
    const again = await citusViolations(client, plan, 'citus_probe');
    expect(again.filter((v) => v.table === 'kinds').map((v) => v.detail)).toEqual([
      'kinds_counter_fkey: kinds (counter) → counters (code): a reference table may reference a local table only without cascading actions',
      'kinds_shop_id_fkey: kinds (shop_id) → shops (shop_id): a reference table cannot reference a distributed table',
    ]);
  });
});

/** Statements separated by `;`, one at a time (a prepared statement holds one). */
async function run(client: SqlClient, statements: string): Promise<void> {
  for (const statement of statements.split(';').map((s) => s.trim()))
    if (statement) await client.query(sql.raw(statement));
}
