/** Notifications from `notify` actions, listed for roles within a district scope. */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
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
  /** Read by the reader of the query (false without one). */
  read: boolean;
}

/** Which notifications: for these roles (absent: all), in this scope, newest or oldest first. */
export interface NotificationQuery {
  roles?: readonly string[] | undefined;
  /** Also the messages about cases assigned to this person (by id or login), whatever the role. */
  assignedTo?: { id: string; login: string } | undefined;
  /** Whose read flags to show (a person's or a key's id). */
  reader?: string | undefined;
  /** Only unread ones (needs `reader`). */
  unreadOnly?: boolean | undefined;
  scope?: string | undefined;
  programmeId?: string | undefined;
  caseId?: string | undefined;
  order?: 'newest' | 'oldest' | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** The messages for these roles, or about cases assigned to this person; every one without roles. */
function forReader(query: Pick<NotificationQuery, 'roles' | 'assignedTo'>): SQL {
  if (query.roles === undefined) return sql``;
  const roles = sql`role = any(${textArray(query.roles)})`;
  if (query.assignedTo === undefined) return sql`and ${roles}`;
  const { id, login } = query.assignedTo;
  return sql`and (${roles} or case_id in (
    select id from cases where lower(trim(assignee)) in (${id}, ${login})))`;
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
    select id, programme_id, case_id, role, message, district, at,
      ${
        query.reader === undefined
          ? sql`false`
          : sql`exists (select 1 from notification_reads r where r.reader = ${query.reader} and r.notification_id = n.id)`
      } as read
    from notifications n
    where ${scopeCondition(sql`district`, query.scope)}
      ${forReader(query)}
      ${
        query.unreadOnly && query.reader !== undefined
          ? sql`and not exists (select 1 from notification_reads r where r.reader = ${query.reader} and r.notification_id = n.id)`
          : sql``
      }
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
    read: row.read === true,
  }));
  return toPage(items, limit, (last) => String(last.id));
}

/**
 * Mark notifications read (or unread again) for a reader. Only messages the reader can see are
 * touched: the same scope and roles as the list; the others are ignored. Returns how many changed.
 */
export async function markNotificationsRead(
  ctx: StoreContext,
  ids: readonly number[],
  reader: string,
  read: boolean,
  visible: Pick<NotificationQuery, 'roles' | 'scope' | 'assignedTo'>,
): Promise<number> {
  const wanted = ids.filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) return 0;
  const seen = await ctx.sql.query<{ id: unknown }>(sql`
    select id from notifications n
    where id = any(${sql.param(wanted)}::bigint[]) and ${scopeCondition(sql`district`, visible.scope)}
      ${forReader(visible)}`);
  const found = seen.map((row) => toNumber(row.id));
  if (found.length === 0) return 0;
  const changed = read
    ? await ctx.sql.query(sql`
        insert into notification_reads (notification_id, reader, read_at)
        select unnest(${sql.param(found)}::bigint[]), ${reader}, ${ctx.clock.now()}
        on conflict do nothing returning notification_id`)
    : await ctx.sql.query(sql`
        delete from notification_reads
        where reader = ${reader} and notification_id = any(${sql.param(found)}::bigint[])
        returning notification_id`);
  return changed.length;
}

/** How many of the notifications a query lists are unread by its reader. */
export async function countUnread(
  ctx: StoreContext,
  query: Pick<NotificationQuery, 'roles' | 'scope' | 'assignedTo'> & { reader: string },
): Promise<number> {
  const [row] = await ctx.sql.query<{ n: unknown }>(sql`
    select count(*) as n from notifications n
    where ${scopeCondition(sql`district`, query.scope)}
      ${forReader(query)}
      and not exists (select 1 from notification_reads r where r.reader = ${query.reader} and r.notification_id = n.id)`);
  return toNumber(row?.n ?? 0);
}
