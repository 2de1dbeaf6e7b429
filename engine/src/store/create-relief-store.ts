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

/** The durable runtime's operations. `scope` is the caller's district; outside it is not found. */
export interface ReliefStore extends StoreOperations {
  readonly kind: DatabaseKind;
  readonly clock: Clock;
}

/** A store over an open database (see `openDatabase`); the clock defaults to the system's. */
export function createReliefStore(
  database: { kind: DatabaseKind; sql: SqlClient },
  options: { clock?: Clock } = {},
): ReliefStore {
  const ctx: StoreContext = {
    sql: database.sql,
    clock: options.clock ?? systemClock,
    templates: createTemplateCache(),
  };
  return { kind: database.kind, clock: ctx.clock, ...bindStore(ctx) };
}
