/**
 * A real listening server for black-box tests: 127.0.0.1, an ephemeral port, PGlite in memory or a
 * fresh `relief_api_<random>` database on the PostgreSQL of `TEST_DATABASE_URL` (dropped after).
 * The clock is the system's plus an offset the test can move forward, so durable timers fall due
 * without waiting, while webhook retries still run in real time.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { LogFields, Logger } from '@relief/engine/api';
import { startServer } from '@relief/engine/server';
import type { RunningServer } from '@relief/engine/server';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createWebhookTargetPolicy } from '@relief/engine/webhooks';
import type { Clock } from '@relief/engine';

/** Which database a suite runs on. */
export type DatabaseUnderTest = 'pglite' | 'postgres';

/** A clock that runs with real time and can be pushed forward. */
export interface OffsetClock extends Clock {
  advance(ms: number): void;
}

/** A started test server. */
export interface TestServer {
  readonly url: string;
  readonly ownerKey: string;
  readonly clock: OffsetClock;
  readonly server: RunningServer;
  /** Every log line written so far, parsed. */
  readonly logs: (LogFields & { msg: string })[];
  close(): Promise<void>;
}

/** The PostgreSQL server for tests, if configured. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** Databases to run black-box suites on: PGlite always, PostgreSQL when `TEST_DATABASE_URL` is set (required under CI). */
export const DATABASES: DatabaseUnderTest[] = gateSuite(
  'API suites on PostgreSQL',
  missingTestDatabase(),
)
  ? ['pglite', 'postgres']
  : ['pglite'];

function offsetClock(): OffsetClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

/** Start a server on `kind` with quick timer and webhook loops. */
export async function startTestServer(kind: DatabaseUnderTest): Promise<TestServer> {
  const logs: (LogFields & { msg: string })[] = [];
  const write =
    (level: string) =>
    (msg: string, fields: LogFields = {}) =>
      logs.push({ level, msg, ...fields });
  const log: Logger = { info: write('info'), warn: write('warn'), error: write('error') };
  const clock = offsetClock();
  let dropDatabase = async () => {};
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
    const name = `relief_api_${randomBytes(6).toString('hex')}`;
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  let ownerKey = '';
  try {
    const server = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      databaseUrl,
      dataDir: 'memory://',
      log,
      clock,
      timerIntervalMs: 50,
      webhooks: {
        intervalMs: 25,
        retry: { baseMs: 50, maxMs: 400, maxAttempts: 4 },
        timeoutMs: 2000,
        // The tests' receivers listen on 127.0.0.1, which the default policy refuses.
        targets: createWebhookTargetPolicy(['127.0.0.1']),
      },
      // Web Push endpoints follow the same targets; the tests' push service is on 127.0.0.1.
      push: { intervalMs: 25, timeoutMs: 2000 },
      print: () => undefined,
    });
    ownerKey = server.ownerKey!;
    return {
      url: server.url,
      ownerKey,
      clock,
      server,
      logs,
      async close() {
        await server.close();
        await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}
