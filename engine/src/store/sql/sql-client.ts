/**
 * The store's one door to the database. Queries are written once as drizzle `sql` templates and
 * run on the raw driver (postgres.js or PGlite), not through a drizzle session: the query builder
 * halves the event path's throughput, and `drizzle(client)` rewires a postgres.js client's JSON and
 * date parsing. Rows come back as the drivers parse them; the few places where the two drivers
 * differ (int8, numeric) are cast or converted explicitly by the queries and `to-number.ts`.
 */
import { Param, Placeholder, SQL, StringChunk, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/** Which database sits behind a client. */
export type DatabaseKind = 'pglite' | 'postgres';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** A connection pool, or one transaction on it. */
export interface SqlClient {
  readonly kind: DatabaseKind;
  /**
   * One statement. Inside a transaction, statements issued without awaiting each other are
   * pipelined on the connection (postgres.js) and run in the order they were issued.
   */
  query<R extends object = Row>(query: SQL): Promise<R[]>;
  /** `work` in one transaction; called on a transaction, a savepoint inside it. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: send COMMIT now, pipelined behind the statements already issued, instead
   * of one round trip after `work` returns; row locks are then held for the least time. From here
   * on only a failing statement may end `work` with an error (a failed statement turns the COMMIT
   * into a rollback); a check in JavaScript after this call would come too late. No-op where there
   * is nothing to gain (PGlite, savepoints, outside a transaction).
   */
  commitEarly(): void;
  /**
   * On a pool: call `onNotify` with the payload of every `NOTIFY channel` from any connection or
   * process, and `onListen` each time the subscription is (re)established — notifications sent
   * while it was down are lost, so a cache fed by them must start over there. Absent on a
   * transaction.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void,
  ): Promise<void>;
}

const dialect = new PgDialect();

/** A drizzle `sql` template as text with `$n` placeholders and its parameters. */
export function toQuery(query: SQL): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = renderPlain(query, params);
  return text === undefined ? dialect.sqlToQuery(query) : { sql: text, params };
}

/**
 * The store's templates use only text, nested templates, `sql.param` and plain values. Those are
 * rendered here exactly as drizzle renders them (`$n` from 1, in order), without drizzle's
 * per-chunk entity checks, which cost about 5 % of the server's CPU on the event path. Anything
 * else (tables, columns, arrays as lists, placeholders, inlined params) gives undefined, and the
 * dialect renders the whole statement.
 */
function renderPlain(query: SQL, params: unknown[]): string | undefined {
  // `.inlineParams()` (private in the types): the dialect inlines the values instead.
  if ((query as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return undefined;
  let text = '';
  for (const chunk of query.queryChunks as unknown[]) {
    if (chunk instanceof StringChunk) text += chunk.value.join('');
    else if (chunk instanceof SQL) {
      const inner = renderPlain(chunk, params);
      if (inner === undefined) return undefined;
      text += inner;
    } else if (chunk instanceof Param) {
      if (chunk.value instanceof Placeholder) return undefined;
      const value: unknown =
        chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
      if (value instanceof SQL) return undefined;
      params.push(value);
      text += `$${params.length}`;
    } else if (chunk === undefined) continue;
    else if (
      chunk === null ||
      chunk instanceof Date ||
      (typeof chunk !== 'object' && typeof chunk !== 'function')
    ) {
      params.push(chunk);
      text += `$${params.length}`;
    } else return undefined;
  }
  return text;
}

/**
 * A JSON value as a `jsonb` parameter. It is sent as text and cast, so a string value stays a JSON
 * string on both drivers (postgres.js would stringify a `::jsonb` parameter itself, PGlite would not).
 */
export function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value ?? null)}::text::jsonb`;
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) for one text parameter, cast in the statement
 * (`${arrayLiteral(ids)}::text::uuid[]`): a column of many rows in one parameter, read with
 * `unnest`. The same text on both drivers; PostgreSQL reads rows this way with much less CPU than
 * it takes to read the same rows as JSON with `jsonb_to_recordset` (see `open-cases.ts`).
 */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) text += ',';
    if (value === null || value === undefined) text += 'NULL';
    else if (typeof value === 'string') text += `"${value.replace(/["\\]/g, '\\$&')}"`;
    else text += String(value);
  }
  return `${text}}`;
}

/** A column of rows as one parameter of `type[]` (`uuid`, `text`, `jsonb`, …), for `unnest`. */
export function arrayColumn(
  values: readonly (string | number | boolean | null)[],
  type: string,
): SQL {
  return sql`${arrayLiteral(values)}::text::${sql.raw(type)}[]`;
}

/** A JS array as one `text[]` parameter (a bare array in a drizzle template expands to a list). */
export function textArray(values: readonly string[]): SQL {
  return sql`${sql.param(values)}::text[]`;
}

/** SQLSTATE and constraint of a database error from either driver, if it is one. */
export function databaseErrorOf(
  error: unknown,
): { code: string; constraint: string | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const constraint =
    typeof e.constraint_name === 'string'
      ? e.constraint_name
      : typeof e.constraint === 'string'
        ? e.constraint
        : undefined;
  return { code: e.code, constraint };
}

/**
 * Wait for statements issued together and fail with the cause: the first failure that is not
 * "current transaction is aborted" (25P02), which every statement after a failed one reports.
 */
export async function settleStatements(statements: readonly Promise<unknown>[]): Promise<void> {
  const failures = (await Promise.allSettled(statements)).flatMap((r) =>
    r.status === 'rejected' ? [r.reason as unknown] : [],
  );
  if (failures.length > 0)
    throw failures.find((e) => databaseErrorOf(e)?.code !== '25P02') ?? failures[0];
}
