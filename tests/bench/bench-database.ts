/**
 * Throwaway databases for benchmarks: `relief_bench_<random>` on the PostgreSQL server the run
 * points at, dropped afterwards. A benchmark never touches a database it did not create.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The server benchmarks create their databases on: `BENCH_DATABASE_URL`, `DATABASE_URL` or the local one. */
export function benchServerUrl(env: Record<string, string | undefined> = process.env): string {
  return (
    env.BENCH_DATABASE_URL ||
    env.DATABASE_URL ||
    env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

/** A fresh database and how to get rid of it. */
export interface BenchDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Create `<prefix>_<random>` (default `relief_bench_…`) on the server at `serverUrl`. */
export async function createBenchDatabase(
  serverUrl = benchServerUrl(),
  prefix = 'relief_bench',
): Promise<BenchDatabase> {
  if (!/^[a-z_]+$/.test(prefix)) throw new Error(`bad database prefix ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const again = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Before a measured run, so no run pays for the one before it (the reference and the engine alike):
 * - VACUUM ANALYZE the benchmark's database, as autovacuum would (it is off on the development
 *   machine, and each run would leave the next its dead row versions to step over). ANALYZE too:
 *   a table vacuumed but not analyzed has row counts without statistics, which autovacuum never
 *   leaves, and which planned the batch's lock query from the programme (apply-event-batch.ts).
 * - CHECKPOINT: write out the dirty pages earlier runs left, their own or another benchmark's.
 *   It needs a superuser or the `pg_checkpoint` role; without it, runs go without.
 */
export async function settleDatabaseServer(sql: postgres.Sql): Promise<void> {
  await sql.unsafe('vacuum analyze');
  await sql.unsafe('checkpoint').catch(() => undefined);
}
