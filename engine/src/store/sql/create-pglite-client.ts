/** A `SqlClient` over an embedded PGlite database (one connection; transactions take turns). */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { sql as tag } from 'drizzle-orm';
import { toQuery } from './sql-client.js';
import type { SqlClient } from './sql-client.js';

/** Wrap a PGlite instance. */
export function createPgliteClient(db: PGlite): SqlClient {
  return {
    kind: 'pglite',
    async query<R extends object>(query: SQL): Promise<R[]> {
      const { sql, params } = toQuery(query);
      return (await db.query<R>(sql, params)).rows;
    },
    transaction: (work) => db.transaction((tx) => work(wrapTransaction(tx))),
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
