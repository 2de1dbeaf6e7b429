/**
 * The outbox: events from `emit` actions, written in the same transaction as the event that
 * emitted them, so none is lost or sent for an event that did not commit. Webhook delivery reads
 * pending rows and marks them.
 */
import { sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.js';
import { pageLimit, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** Delivery state of an outbox row. */
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/** One emitted event. */
export interface OutboxRecord {
  id: number;
  programmeId: string;
  caseId: string;
  name: string;
  /** `{ event, programmeId, caseId, seq, state, value, data, at }`. */
  payload: Record<string, unknown>;
  createdAt: Date;
  status: OutboxStatus;
  attempts: number;
  deliveredAt: Date | null;
  lastError: string | null;
}

/** Outbox rows oldest first, after the cursor (`nextCursor` of the previous page). */
export async function listOutbox(
  ctx: StoreContext,
  query: {
    programmeId?: string | undefined;
    status?: OutboxStatus | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  } = {},
): Promise<Page<OutboxRecord>> {
  const limit = pageLimit(query.limit);
  if (query.programmeId !== undefined && !isUuid(query.programmeId))
    return { items: [], nextCursor: null };
  const after = query.cursor !== undefined && /^\d+$/.test(query.cursor) ? Number(query.cursor) : 0;
  const rows = await ctx.sql.query(sql`
    select id, programme_id, case_id, name, payload, created_at, status, attempts, delivered_at, last_error from outbox
    where id > ${after}
      ${query.programmeId === undefined ? sql`` : sql`and programme_id = ${query.programmeId}`}
      ${query.status === undefined ? sql`` : sql`and status = ${query.status}`}
    order by id limit ${limit + 1}`);
  const items = rows.map((row) => ({
    id: toNumber(row.id),
    programmeId: row.programme_id as string,
    caseId: row.case_id as string,
    name: row.name as string,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.created_at as Date,
    status: row.status as OutboxStatus,
    attempts: row.attempts as number,
    deliveredAt: row.delivered_at as Date | null,
    lastError: row.last_error as string | null,
  }));
  return toPage(items, limit, (last) => String(last.id));
}

/** Record a delivery attempt: delivered, or failed for now (`final` gives up on the row). */
export async function markOutbox(
  ctx: StoreContext,
  id: number,
  outcome: { delivered: true } | { delivered: false; error: string; final?: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.sql.query(
    outcome.delivered
      ? sql`update outbox set status = 'delivered', attempts = attempts + 1, delivered_at = ${now}, last_error = null where id = ${id}`
      : sql`update outbox set status = ${outcome.final ? 'failed' : 'pending'}, attempts = attempts + 1, last_error = ${outcome.error} where id = ${id}`,
  );
}
