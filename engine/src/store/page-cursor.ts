/** Opaque cursors for keyset pagination over (time, id): stable while rows are added. */
import { NotFoundError } from '../errors/engine-error.js';
import { isUuid } from './is-uuid.js';

/** One page of a list and the cursor of the next, if there is more. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encode the position after `at`/`id`. */
export function toCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** Decode a cursor made by `toCursor`; a forged or stale one is refused as not found. */
export function fromCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(at);
    if (!isUuid(id) || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
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
