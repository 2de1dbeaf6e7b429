/**
 * Throwaway databases for tests: PGlite (in memory, or in a temporary folder when the test must
 * restart it), or a fresh `relief_test_<random>` database on the PostgreSQL at
 * `TEST_DATABASE_URL`. `drop()` closes what was opened and removes the database; a test never
 * touches a database it did not create.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from './open-database.js';
import type { Database } from './open-database.js';
import type { DatabaseKind } from './sql-client.js';

/** A test database and how to get rid of it. */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  /** The pool opened first (after `restart`, the reopened one). */
  readonly database: Database;
  /** Another pool on the same database; PGlite has one connection, so there it is the same one. */
  openAnother(poolSize?: number): Promise<Database>;
  /** Close every pool and open the database again, as after a server restart. */
  restart(): Promise<Database>;
  /** Close every pool and remove the database. */
  drop(): Promise<void>;
}

/** How to create it. */
export interface TestDatabaseOptions {
  poolSize?: number;
  /** PGlite only: keep the files in a temporary folder so `restart` finds them again. */
  persistent?: boolean;
}

/** The PostgreSQL test server, or undefined when `TEST_DATABASE_URL` is not set. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Create a fresh database of the given kind. */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  return kind === 'pglite'
    ? createPgliteTestDatabase(options)
    : createPostgresTestDatabase(options);
}

async function createPgliteTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const folder = options.persistent ? mkdtempSync(join(tmpdir(), 'relief-test-')) : undefined;
  const dataDir = folder ?? 'memory://';
  let database = await openDatabase({ dataDir });
  return {
    kind: 'pglite',
    get database() {
      return database;
    },
    openAnother: () => Promise.resolve(database),
    async restart() {
      if (!folder)
        throw new Error('an in-memory PGlite cannot restart; create it with { persistent: true }');
      await database.close();
      database = await openDatabase({ dataDir });
      return database;
    },
    async drop() {
      await database.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const poolSize = options.poolSize ?? 10;
  const name = `relief_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  const dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let pools: Database[] = [];
  const open = async (size: number) => {
    const pool = await openDatabase({ databaseUrl: url.toString(), poolSize: size });
    pools.push(pool);
    return pool;
  };
  const closeAll = async () => {
    await Promise.all(pools.map((p) => p.close()));
    pools = [];
  };
  let database: Database;
  try {
    database = await open(poolSize);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  return {
    kind: 'postgres',
    get database() {
      return database;
    },
    openAnother: (size = poolSize) => open(size),
    async restart() {
      await closeAll();
      database = await open(poolSize);
      return database;
    },
    async drop() {
      await closeAll();
      await dropDatabase();
    },
  };
}
