/** Opaque cursors for keyset pagination over (time, id): stable while rows are added. */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
import { isUuid } from './is-uuid.js';

/** One page of a list and the cursor of the next, if there is more. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The SQL for a timestamp column as cursor text: UTC, to the microsecond, exactly as stored. A
 * JavaScript `Date` keeps milliseconds only, so a cursor made from one would point before rows
 * that differ by microseconds (an import stamps its rows a microsecond apart) and page them again.
 */
export function cursorTime(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * Encode the position after `at` (text from `cursorTime`) / `id`. Compare against it as
 * `${at}::text::timestamptz`: a parameter typed timestamptz goes through the PostgreSQL driver's
 * Date serializer, which would cut it to milliseconds again.
 */
export function toCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Decode a cursor made by `toCursor`; a forged or stale one is refused as not found. */
export function fromCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (typeof at !== 'string' || typeof id !== 'string') throw new Error('bad cursor');
    if (!isUuid(id) || !CURSOR_TIME.test(at) || Number.isNaN(new Date(at).getTime()))
      throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new NotFoundError('cursor', cursor);
  }
}

/** A page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

/** A page size between 1 and 500 (default 50). */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 50), 1), 500);
}
