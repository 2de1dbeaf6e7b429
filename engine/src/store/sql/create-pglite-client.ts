/** A `SqlClient` over an embedded PGlite database (one connection; transactions take turns). */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { sql as tag } from 'drizzle-orm';
import { toQuery } from './sql-client.js';
import type { SqlClient } from './sql-client.js';

/**
 * Wrap a PGlite instance.
 *
 * Transactions take turns through one event-loop turn each (`setImmediate`), not straight from
 * one to the next. PGlite runs in this thread and answers through promises only, so without the
 * break a queue of waiting transactions ran back to back inside one turn of the event loop (a
 * hundred milliseconds and more under load): a connection that arrived meanwhile was accepted at
 * most once per such turn, and its request then queued behind all of them. Under a 32-connection
 * load, a new client's 32 connections were accepted over 1.5–3.4 s and wrk's p99 reached 3.2 s,
 * while no request took over 0.5 s once read (docs/performance.md, "Ninth session").
 */
export function createPgliteClient(db: PGlite): SqlClient {
  /** Settles when the transaction queued last has ended. */
  let lastTurn: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    async query<R extends object>(query: SQL): Promise<R[]> {
      const { sql, params } = toQuery(query);
      return (await db.query<R>(sql, params)).rows;
    },
    transaction: (work) => {
      const mine = lastTurn
        .then(nextTurn)
        .then(() => db.transaction((tx) => work(wrapTransaction(tx))));
      lastTurn = mine.catch(() => undefined);
      return mine;
    },
    // One in-process connection: no round trip to save.
    commitEarly: () => undefined,
    listen: async (channel, onNotify, onListen) => {
      await db.listen(channel, onNotify);
      onListen();
    },
  };
}

function wrapTransaction(tx: Transaction): SqlClient {
  // PGlite has one connection: statements issued together are run one after another, in order.
  let queue: Promise<unknown> = Promise.resolve();
  let savepoints = 0;
  const client: SqlClient = {
    kind: 'pglite',
    query<R extends object>(query: SQL): Promise<R[]> {
      const { sql, params } = toQuery(query);
      const next = queue.then(async () => (await tx.query<R>(sql, params)).rows);
      queue = next.catch(() => undefined);
      return next;
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      const name = tag.raw(`sp${++savepoints}`);
      await client.query(tag`savepoint ${name}`);
      try {
        const result = await work(client);
        await client.query(tag`release savepoint ${name}`);
        return result;
      } catch (error) {
        await client.query(tag`rollback to savepoint ${name}`);
        throw error;
      }
    },
    commitEarly: () => undefined,
  };
  return client;
}
