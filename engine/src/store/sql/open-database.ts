/**
 * Opens the store's database and brings its schema up to date.
 *
 * Two databases, one code path: PostgreSQL through postgres.js when a `DATABASE_URL` is given (the
 * production path: several server processes may share it), else PGlite embedded in this process
 * with its files in `DATA_DIR` (default `./data`), so a fresh machine needs no server.
 *
 * Durability of PGlite: in Node it runs PostgreSQL with `fsync = off`. A commit reaches the
 * operating system's page cache before it is acknowledged, so it survives the process crashing or
 * being killed, but NOT the machine losing power or the kernel crashing: then the last commits may
 * be lost and the data folder may be left corrupt. Only one process may open a data folder at a
 * time. Run anything that must not lose an accepted event on PostgreSQL (docs/operations.md).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createPgliteClient } from './create-pglite-client.js';
import { createPostgresClient } from './create-postgres-client.js';
import { dumpPglite } from './pglite-archive.js';
import type { DatabaseKind, SqlClient } from './sql-client.js';

/** An open database with an up-to-date schema. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly sql: SqlClient;
  /** The data folder (PGlite) or host, port and database name (PostgreSQL; never the password). */
  readonly location: string;
  /** The embedded database's archive (PGlite only: PostgreSQL is backed up with pg_dump). */
  readonly dump?: (() => Promise<Uint8Array<ArrayBuffer>>) | undefined;
  close(): Promise<void>;
}

/** Where the data lives. With `databaseUrl` PostgreSQL is used and `dataDir` ignored. */
export interface OpenDatabaseOptions {
  /** `postgres://user@host:port/db`. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, created if missing; `memory://` keeps everything in memory. */
  dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number | undefined;
}

/** Folder of the drizzle-kit migrations, applied at every open. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** Any constant will do: it only has to be the same in every process migrating one database. */
const MIGRATION_LOCK = 7_245_817_001;

/** `DATABASE_URL` and `DATA_DIR` from the environment. */
export function databaseOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): OpenDatabaseOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' };
}

/** Open (and migrate) PostgreSQL if `databaseUrl` is set, else PGlite in `dataDir`. */
export async function openDatabase(
  options: OpenDatabaseOptions = databaseOptionsFromEnv(),
): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir ?? './data');
}

/**
 * Planner settings of the engine's own sessions. Its reads are short, indexed statements: a JIT
 * compile (tens to hundreds of ms) or parallel workers cost more than they save. Measured on
 * 1,000,000 cases / 20,000,000 history rows (`tests/bench/seed-scale.ts`, quiet 2-core machine,
 * docs/scaling.md): a street's stats and figures 506 ms with PostgreSQL's defaults, 79–120 ms
 * with these.
 */
export const ENGINE_SESSION_SETTINGS = { jit: 'off', max_parallel_workers_per_gather: '0' };

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  await migrateOnPostgres(url);
  const pool = postgres(url, {
    max: poolSize,
    onnotice: () => undefined,
    connection: { application_name: 'relief', ...ENGINE_SESSION_SETTINGS },
  });
  const { host, pathname } = new URL(url);
  return {
    kind: 'postgres',
    sql: createPostgresClient(pool),
    location: `${host}${pathname}`,
    close: () => pool.end({ timeout: 5 }),
  };
}

/** Migrations run on their own one-connection client: drizzle may rewire a client's parsers. */
async function migrateOnPostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    // Several processes may start at once against one database; one migrates, the others wait.
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  try {
    await migratePglite(drizzlePglite({ client: db }), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    kind: 'pglite',
    sql: createPgliteClient(db),
    location: dataDir,
    dump: () => dumpPglite(db),
    close: () => db.close(),
  };
}
