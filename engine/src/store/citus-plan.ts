/**
 * How the schema would distribute on Citus (docs/scaling.md, "Past one PostgreSQL"), and the
 * schema rules Citus imposes on that plan, checked against the catalog of a migrated database
 * (`pg_class`, `pg_attribute`, `pg_index`, `pg_constraint`). Citus itself is not run: this reads
 * what the migrations built and applies the rules Citus enforces when `create_distributed_table`,
 * `create_reference_table` and later DDL meet it:
 *
 * - a distributed table has its distribution column, NOT NULL;
 * - every primary key, unique constraint and unique index of a distributed table has the
 *   distribution column among its key columns (uniqueness is then checked inside one shard);
 * - a foreign key between distributed tables maps the referencing distribution column onto the
 *   referenced table's distribution column (both are in one co-location group: same column type,
 *   same shard count); from a distributed table to a reference table is allowed; from a reference
 *   or a local table to a distributed table is not; between a distributed and a coordinator-local
 *   table, in either direction, is not; from a reference table to a local table only without
 *   cascading actions;
 * - an identity column of a distributed table is `bigint` (Citus 11.2+ distributes identity
 *   columns; of `int`/`smallint` ones, workers cannot draw values).
 */
import { sql } from 'drizzle-orm';
import type { SqlClient } from './sql/sql-client.js';

/** Where a table goes on a Citus cluster. */
export type Placement =
  /** Hash-distributed on `column`, co-located with every other distributed table. */
  | { kind: 'distributed'; column: string }
  /** One shard copied to every node: small, read with the distributed tables, rarely written. */
  | { kind: 'reference' }
  /** Stays on the coordinator (a Citus local table): hot or private to the coordinator's loops. */
  | { kind: 'local' };

const BY_PROGRAMME: Placement = { kind: 'distributed', column: 'programme_id' };
const REFERENCE: Placement = { kind: 'reference' };
const LOCAL: Placement = { kind: 'local' };

/**
 * The plan: everything of a programme (its row, cases, history, timers, ledgers, notifications,
 * outbox, reads and erasures) on the shard of its `programme_id`, so an event's transaction, a
 * programme's stats and figures and a street's worklist each touch one shard. Templates, people
 * and webhooks are reference tables (joined with programme rows); sign-in throttling and webhook
 * deliveries stay on the coordinator, whose loops own them.
 */
export const CITUS_PLAN: Readonly<Record<string, Placement>> = {
  programmes: { kind: 'distributed', column: 'id' },
  programme_changes: BY_PROGRAMME,
  cases: BY_PROGRAMME,
  case_history: BY_PROGRAMME,
  timers: BY_PROGRAMME,
  ledgers: BY_PROGRAMME,
  ledger_entries: BY_PROGRAMME,
  notifications: BY_PROGRAMME,
  notification_reads: BY_PROGRAMME,
  outbox: BY_PROGRAMME,
  case_erasures: BY_PROGRAMME,
  case_reads: BY_PROGRAMME,
  templates: REFERENCE,
  template_versions: REFERENCE,
  people: REFERENCE,
  sessions: REFERENCE,
  api_keys: REFERENCE,
  push_keys: REFERENCE,
  push_subscriptions: REFERENCE,
  webhooks: REFERENCE,
  webhook_deliveries: LOCAL,
  auth_failures: LOCAL,
};

/** One place where the schema breaks a Citus rule under the plan. */
export interface CitusViolation {
  table: string;
  rule:
    | 'unplaced-table'
    | 'missing-table'
    | 'distribution-column'
    | 'unique-without-distribution-column'
    | 'foreign-key'
    | 'identity-not-bigint';
  /** The constraint, index or column concerned, and why. */
  detail: string;
}

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  identity: string;
}

interface UniqueRow {
  table: string;
  index: string;
  columns: string[];
  /** Key columns that are expressions (attnum 0): they never count as the distribution column. */
  expressions: number;
}

interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  referenced: string;
  referenced_columns: string[];
  on_update: string;
  on_delete: string;
}

/** Every rule the tables of `schema` break under `plan`, sorted by table, rule and detail. */
export async function citusViolations(
  client: SqlClient,
  plan: Readonly<Record<string, Placement>> = CITUS_PLAN,
  schema = 'public',
): Promise<CitusViolation[]> {
  const tables = (
    await client.query<{ table: string }>(sql`
      select c.relname::text as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition`)
  ).map((r) => r.table);
  const columns = await client.query<ColumnRow>(sql`
    select c.relname::text as table, a.attname::text as column, format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as not_null, a.attidentity::text as identity
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`);
  const uniques = await client.query<UniqueRow>(sql`
    select c.relname::text as table, ic.relname::text as index,
           array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                 where k.n <= x.indnkeyatts order by k.n)::text[] as columns,
           (select count(*) from unnest(x.indkey::int2[]) with ordinality k(attnum, n)
            where k.n <= x.indnkeyatts and k.attnum = 0)::int as expressions
    from pg_index x join pg_class c on c.oid = x.indrelid join pg_class ic on ic.oid = x.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and x.indisunique`);
  const foreignKeys = await client.query<ForeignKeyRow>(sql`
    select c.relname::text as table, k.conname::text as name, r.relname::text as referenced,
           array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, n)
                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.n)::text[] as columns,
           array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, n)
                 join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.n)::text[] as referenced_columns,
           k.confupdtype::text as on_update, k.confdeltype::text as on_delete
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and k.contype = 'f'`);

  const out: CitusViolation[] = [];
  const add = (table: string, rule: CitusViolation['rule'], detail: string) =>
    out.push({ table, rule, detail });
  for (const table of tables)
    if (!plan[table]) add(table, 'unplaced-table', 'no placement in the plan');
  for (const table of Object.keys(plan))
    if (!tables.includes(table)) add(table, 'missing-table', 'planned but not in the schema');

  for (const table of tables) {
    const placement = plan[table];
    if (placement?.kind !== 'distributed') continue;
    const own = columns.filter((c) => c.table === table);
    const column = own.find((c) => c.column === placement.column);
    if (!column) add(table, 'distribution-column', `no column ${placement.column}`);
    else if (!column.not_null) add(table, 'distribution-column', `${placement.column} is nullable`);
    for (const c of own)
      if (c.identity !== '' && c.type !== 'bigint')
        add(table, 'identity-not-bigint', `${c.column} is an identity column of type ${c.type}`);
    for (const u of uniques.filter((u) => u.table === table))
      if (!u.columns.includes(placement.column))
        add(
          table,
          'unique-without-distribution-column',
          `${u.index} (${[...u.columns, ...Array<string>(u.expressions).fill('<expression>')].join(', ')}) lacks ${placement.column}`,
        );
  }

  for (const fk of foreignKeys) {
    const from = plan[fk.table];
    const to = plan[fk.referenced];
    if (!from || !to) continue;
    const edge = `${fk.name}: ${fk.table} (${fk.columns.join(', ')}) → ${fk.referenced} (${fk.referenced_columns.join(', ')})`;
    const refuse = (why: string) => add(fk.table, 'foreign-key', `${edge}: ${why}`);
    if (from.kind === 'distributed' && to.kind === 'distributed') {
      const at = fk.columns.indexOf(from.column);
      if (at < 0 || fk.referenced_columns[at] !== to.column)
        refuse(
          `between distributed tables a foreign key must map ${fk.table}.${from.column} onto ${fk.referenced}.${to.column}`,
        );
    } else if (to.kind === 'distributed')
      refuse(`a ${from.kind} table cannot reference a distributed table`);
    else if (from.kind === 'distributed' && to.kind === 'local')
      refuse('a distributed table cannot reference a local table');
    else if (from.kind === 'reference' && to.kind === 'local') {
      // 'a' no action, 'r' restrict: anything else cascades into the local table.
      if (!['a', 'r'].includes(fk.on_update) || !['a', 'r'].includes(fk.on_delete))
        refuse('a reference table may reference a local table only without cascading actions');
    }
  }
  return out.sort(
    (a, b) =>
      a.table.localeCompare(b.table) ||
      a.rule.localeCompare(b.rule) ||
      a.detail.localeCompare(b.detail),
  );
}
