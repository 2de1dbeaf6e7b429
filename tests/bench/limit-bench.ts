/**
 * The physical limit: the raw `postgres` driver doing the least a durable engine must do per event
 * — lock the case row, update its state (jsonb), append a history row — in one transaction, with
 * the same clients and the same spread of cases as the engine benchmarks. The driver's defaults
 * (prepared statements, pipelining inside a transaction) are kept; nothing here is slowed down.
 */
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { createBenchDatabase, settleDatabaseServer } from './bench-database.js';
import { processesCpuMs } from './process-cpu.js';
import { runClosedLoop } from './run-closed-loop.js';
import type { LoadRun } from './run-closed-loop.js';

/** A run of the limit with the CPU it cost: the client loop (this process) and PostgreSQL's backends. */
export interface LimitRun extends LoadRun {
  clientCpuMs: number;
  postgresCpuMs: number;
}

const STATES = ['s1', 's2', 's3', 's4', 's5'] as const;

/** How to run the limit. */
export interface LimitBenchOptions {
  clients: number;
  casesPerClient: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
  /** `transaction`: begin, lock, update + insert, commit (4 round trips, as the engine does).
   *  `statement`: the same work as one statement (one round trip), an upper bound for batching. */
  variant: 'transaction' | 'statement';
}

/** Run the limit `runs` times on a fresh database (dropped afterwards). */
export async function benchLimit(
  serverUrl: string,
  options: LimitBenchOptions,
): Promise<LimitRun[]> {
  const database = await createBenchDatabase(serverUrl);
  const sql = postgres(database.url, { max: options.clients, onnotice: () => undefined });
  try {
    const caseIds = await createSchema(sql, options.clients * options.casesPerClient);
    const apply = options.variant === 'transaction' ? applyInTransaction : applyInOneStatement;
    const runs: LimitRun[] = [];
    // Client c owns cases c, c + clients, …: no two clients wait on one row lock.
    const op = (c: number, n: number) =>
      apply(sql, caseIds[c + options.clients * (n % options.casesPerClient)]!);
    const loop = (durationMs: number) =>
      runClosedLoop({ clients: options.clients, durationMs, warmupMs: 0, op });
    // Warm-up on its own (every connection opened), so each measured run's CPU is its own.
    await loop(options.warmupMs);
    const backends = (
      await sql<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
    ).map((r) => r.pid);
    for (let r = 0; r < options.runs; r++) {
      await settleDatabaseServer(sql);
      const client0 = process.cpuUsage();
      const postgres0 = processesCpuMs(backends);
      const run = await loop(options.durationMs);
      const client = process.cpuUsage(client0);
      runs.push({
        ...run,
        clientCpuMs: (client.user + client.system) / 1000,
        postgresCpuMs: processesCpuMs(backends) - postgres0,
      });
    }
    return runs;
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

async function createSchema(sql: Sql, caseCount: number): Promise<string[]> {
  await sql`create table cases (
    id uuid primary key, version integer not null, state jsonb not null, updated_at timestamptz not null)`;
  await sql`create table case_history (
    case_id uuid not null references cases (id), seq integer not null, event_type text not null,
    payload jsonb not null, from_state text, to_state text not null, at timestamptz not null,
    primary key (case_id, seq))`;
  const rows = await sql<{ id: string }[]>`
    insert into cases (id, version, state, updated_at)
    select gen_random_uuid(), 1, ${sql.json({ value: 's1', data: { steps: 0 } })}, now()
    from generate_series(1, ${caseCount}) returning id`;
  return rows.map((r) => r.id);
}

function nextState(state: { value: string; data: { steps: number } }) {
  const i = STATES.indexOf(state.value as (typeof STATES)[number]);
  return { value: STATES[(i + 1) % STATES.length]!, data: { steps: state.data.steps + 1 } };
}

type CaseRow = { version: number; state: { value: string; data: { steps: number } } };

async function applyInTransaction(sql: Sql, caseId: string): Promise<void> {
  await sql.begin(async (tx) => {
    const [row] = await tx<
      CaseRow[]
    >`select version, state from cases where id = ${caseId} for update`;
    const next = nextState(row!.state);
    const seq = row!.version + 1;
    await Promise.all([
      tx`update cases set state = ${tx.json(next)}, version = ${seq}, updated_at = now() where id = ${caseId}`,
      tx`insert into case_history (case_id, seq, event_type, payload, from_state, to_state, at)
         values (${caseId}, ${seq}, 'next', ${tx.json({})}, ${row!.state.value}, ${next.value}, now())`,
    ]);
  });
}

/** The same writes in one statement: the row lock is the update's own. */
async function applyInOneStatement(sql: Sql, caseId: string): Promise<void> {
  await sql`
    with locked as (select id, version, state from cases where id = ${caseId} for update),
    updated as (
      update cases c set version = l.version + 1, updated_at = now(),
        state = jsonb_build_object(
          'value', 's' || ((substr(l.state->>'value', 2)::int % 5) + 1),
          'data', jsonb_build_object('steps', (l.state->'data'->>'steps')::int + 1))
      from locked l where c.id = l.id
      returning c.id, c.version, l.state->>'value' as from_state, c.state->>'value' as to_state)
    insert into case_history (case_id, seq, event_type, payload, from_state, to_state, at)
    select id, version, 'next', '{}'::jsonb, from_state, to_state, now() from updated`;
}
