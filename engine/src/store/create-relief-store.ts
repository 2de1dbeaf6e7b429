/**
 * The durable runtime as one object, the store's one door: templates, programmes, cases, events,
 * timers, keys, webhooks, people and sessions. Its methods are the operations of
 * `STORE_OPERATIONS`, bound to one database and one clock; several stores may share a database
 * (every process, or every simulated clock in a test).
 */
import { systemClock } from '../runtime/clock.js';
import type { Clock } from '../runtime/clock.js';
import type { DatabaseKind, SqlClient } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { bindStore } from './store-operations.js';
import type { StoreOperations } from './store-operations.js';
import { createTemplateCache } from './template-cache.js';
import { createEventBatcher } from './event-batcher.js';
import type { GroupCommitOptions } from './event-batcher.js';

/** The durable runtime's operations. `scope` is the caller's district; outside it is not found. */
export interface ReliefStore extends StoreOperations {
  readonly kind: DatabaseKind;
  readonly clock: Clock;
}

/** How a store runs. */
export interface ReliefStoreOptions {
  /** Default: the system's. */
  clock?: Clock | undefined;
  /**
   * Group commit of events (`event-batcher.ts`); `false` applies every event in a transaction of
   * its own. Default: the environment's `RELIEF_GROUP_COMMIT` (`on` / `off`), else on (see
   * `groupCommitByDefault`).
   */
  groupCommit?: boolean | GroupCommitOptions | undefined;
}

/** A store over an open database (see `openDatabase`). */
export function createReliefStore(
  database: { kind: DatabaseKind; sql: SqlClient },
  options: ReliefStoreOptions = {},
): ReliefStore {
  const base: StoreContext = {
    sql: database.sql,
    clock: options.clock ?? systemClock,
    templates: createTemplateCache(),
  };
  const groupCommit = options.groupCommit ?? groupCommitByDefault(process.env.RELIEF_GROUP_COMMIT);
  // The batcher works through the context without itself (its fallback applies events alone).
  const ctx: StoreContext = groupCommit
    ? {
        ...base,
        events: createEventBatcher(
          base,
          groupCommit === true
            ? groupCommitFromEnv(process.env.RELIEF_GROUP_COMMIT_IN_FLIGHT)
            : groupCommit,
        ),
      }
    : base;
  return { kind: database.kind, clock: ctx.clock, ...bindStore(ctx) };
}

/**
 * Whether events are group-committed when the caller does not say: on, on both databases, unless
 * `RELIEF_GROUP_COMMIT=off`. On PGlite it was off until its transactions took turns through the
 * event loop (`create-pglite-client.ts`): before, a batch was formed from what one turn had read,
 * rarely more than one event, and batches cost more than single transactions (149 against 203
 * events/s). Since, at 32 connections: 1,111–1,434 events/s with group commit against 164–212
 * without, p99 42 against 275 ms (`pnpm bench --only http-pglite`, docs/performance.md).
 */
export function groupCommitByDefault(setting: string | undefined): boolean {
  return setting !== 'off';
}

/**
 * `RELIEF_GROUP_COMMIT_IN_FLIGHT`: how many batches may commit at once, each on its own pool
 * connection (default 3). More lets a PostgreSQL with spare cores work on more batches while the
 * server builds the next; fewer makes bigger batches. Anything but a whole number 1–16 stops the
 * server at start with this message, rather than running with a setting nobody chose.
 */
export function groupCommitFromEnv(inFlight: string | undefined): GroupCommitOptions {
  if (inFlight === undefined || inFlight === '') return {};
  const n = Number(inFlight);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new Error(
      `RELIEF_GROUP_COMMIT_IN_FLIGHT must be a whole number from 1 to 16, not '${inFlight}'`,
    );
  return { maxInFlight: n };
}
