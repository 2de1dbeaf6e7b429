/**
 * CPU time of processes from `/proc/<pid>/stat` (user + system, in ms), to split a benchmark's CPU
 * per request between the load generator, the server and PostgreSQL. Linux only; elsewhere the
 * figures are absent rather than wrong.
 */
import { readFileSync } from 'node:fs';
import type { Sql } from 'postgres';

/** Clock ticks per second of `/proc` times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU of `pid` so far, in ms; undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Summed CPU of several processes (those that cannot be read count 0). */
export function processesCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}

/**
 * The PostgreSQL backends serving `database` right now (the server's pool, the limit's clients):
 * their CPU is PostgreSQL's share of the work. Background processes (WAL writer, checkpointer)
 * are not counted: they serve every database on the server, other people's too.
 */
export async function databaseBackendPids(admin: Sql, database: string): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

/** CPU ms per operation, rounded to 3 decimals. */
export function perOp(cpuMs: number, ops: number): number {
  return ops > 0 ? Math.round((cpuMs / ops) * 1000) / 1000 : NaN;
}
