/**
 * A `SqlClient` over a postgres.js pool: prepared statements, and transactions driven by hand on a
 * reserved connection so BEGIN goes out with the first statement and COMMIT with the last ones
 * (`commitEarly`): an event then costs two round trips, and its row locks are held for one.
 */
import type { SQL } from 'drizzle-orm';
import type postgres from 'postgres';
import { toQuery } from './sql-client.js';
import type { SqlClient } from './sql-client.js';

type Connection = postgres.Sql | postgres.ReservedSql;

const ignore = (): void => undefined;

/** Wrap a postgres.js pool (never one handed to `drizzle()`: that changes its parsers). */
export function createPostgresClient(pool: postgres.Sql): SqlClient {
  return {
    kind: 'postgres',
    query: (query) => run(pool, query),
    transaction: (work) => transaction(pool, work),
    commitEarly: ignore,
    // postgres.js keeps one extra connection for every LISTEN of the pool and re-subscribes
    // after a reconnect, calling `onListen` again.
    listen: async (channel, onNotify, onListen) => {
      await pool.listen(channel, onNotify, onListen);
    },
  };
}

function run<R extends object>(connection: Connection, query: SQL): Promise<R[]> {
  try {
    const { sql, params } = toQuery(query);
    // Prepared per connection and text: the event path runs the same few statements all day.
    const pending = connection.unsafe(sql, params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    });
    // `.then` now, not `await`: awaiting a postgres.js query defers its start by a tick, and a
    // statement issued later (an early COMMIT) would then reach the server first.
    return pending.then((rows) => rows as unknown as R[]);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Send a statement now (postgres.js queries are lazy) without leaving its failure unobserved. */
function send(
  connection: postgres.ReservedSql,
  text: string,
): Promise<postgres.RowList<postgres.Row[]>> {
  const query = connection.unsafe(text);
  query.catch(ignore);
  return query;
}

async function transaction<T>(pool: postgres.Sql, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const connection = await pool.reserve();
  let commit: Promise<postgres.RowList<postgres.Row[]>> | undefined;
  let savepoints = 0;
  const begun = send(connection, 'begin');
  const tx: SqlClient = {
    kind: 'postgres',
    query: (query) => run(connection, query),
    async transaction<U>(inner: (tx: SqlClient) => Promise<U>): Promise<U> {
      const name = `sp${++savepoints}`;
      await send(connection, `savepoint ${name}`);
      try {
        const result = await inner({ ...tx, commitEarly: ignore });
        await send(connection, `release savepoint ${name}`);
        return result;
      } catch (error) {
        await send(connection, `rollback to savepoint ${name}`);
        throw error;
      }
    },
    commitEarly() {
      commit ??= send(connection, 'commit');
    },
  };
  try {
    const result = await work(tx);
    await begun;
    tx.commitEarly();
    const ended = await commit!;
    // A statement failed unnoticed (its error was swallowed): PostgreSQL rolled everything back.
    if (ended.command !== 'COMMIT')
      throw new Error(`transaction ended in ${ended.command}, not COMMIT`);
    return result;
  } catch (error) {
    // After an early COMMIT the transaction is over either way (a failed statement made it a rollback).
    await (commit ?? send(connection, 'rollback')).catch(ignore);
    throw error;
  } finally {
    connection.release();
  }
}
