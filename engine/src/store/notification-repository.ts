/** Notifications from `notify` actions, listed for roles within a district scope. */
import { sql } from 'drizzle-orm';
import { scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { pageLimit, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import { textArray } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** One stored notification. */
export interface NotificationRecord {
  id: number;
  programmeId: string;
  caseId: string;
  role: string;
  message: unknown;
  district: string;
  at: Date;
}

/** Which notifications: for these roles (absent: all), in this scope, newest or oldest first. */
export interface NotificationQuery {
  roles?: readonly string[] | undefined;
  scope?: string | undefined;
  programmeId?: string | undefined;
  caseId?: string | undefined;
  order?: 'newest' | 'oldest' | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** One page of notifications. */
export async function listNotifications(
  ctx: StoreContext,
  query: NotificationQuery = {},
): Promise<Page<NotificationRecord>> {
  const limit = pageLimit(query.limit);
  const newest = (query.order ?? 'newest') === 'newest';
  const after =
    query.cursor === undefined || !/^\d+$/.test(query.cursor) ? null : Number(query.cursor);
  if (
    (query.programmeId !== undefined && !isUuid(query.programmeId)) ||
    (query.caseId !== undefined && !isUuid(query.caseId))
  )
    return { items: [], nextCursor: null };
  const rows = await ctx.sql.query(sql`
    select id, programme_id, case_id, role, message, district, at from notifications
    where ${scopeCondition(sql`district`, query.scope)}
      ${query.roles === undefined ? sql`` : sql`and role = any(${textArray(query.roles)})`}
      ${query.programmeId === undefined ? sql`` : sql`and programme_id = ${query.programmeId}`}
      ${query.caseId === undefined ? sql`` : sql`and case_id = ${query.caseId}`}
      ${after === null ? sql`` : newest ? sql`and id < ${after}` : sql`and id > ${after}`}
    order by id ${sql.raw(newest ? 'desc' : 'asc')} limit ${limit + 1}`);
  const items = rows.map((row) => ({
    id: toNumber(row.id),
    programmeId: row.programme_id as string,
    caseId: row.case_id as string,
    role: row.role as string,
    message: row.message,
    district: row.district as string,
    at: row.at as Date,
  }));
  return toPage(items, limit, (last) => String(last.id));
}
