/**
 * The access log: every read of a case's data by a person or a key — who, when, and through which
 * endpoint — appended to `case_reads` (a trigger refuses changes, as for the history). Auditors
 * read it per case and per reader, and `accessFlags` names readers who read more than a threshold
 * of one programme's cases within a window.
 */
import { sql } from 'drizzle-orm';
import { scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { pageLimit, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import { textArray } from './sql/sql-client.js';
import { toNumber } from './sql/to-number.js';
import type { StoreContext } from './store-context.js';

/** Who read. */
export interface CaseReader {
  actorId: string;
  kind: 'person' | 'key';
}

/** One read of one case. */
export interface CaseReadRecord {
  id: number;
  caseId: string;
  programmeId: string;
  district: string;
  reader: string;
  readerKind: 'person' | 'key';
  /** The operation that read the case (`getCase`, `listCases`, `getWorklist`, …). */
  via: string;
  at: Date;
}

/** Record that `reader` read these cases through `via` (ids that are no case are ignored). */
export async function recordCaseReads(
  ctx: StoreContext,
  caseIds: readonly string[],
  reader: CaseReader,
  via: string,
): Promise<void> {
  const ids = [...new Set(caseIds)].filter(isUuid);
  if (ids.length === 0) return;
  await ctx.sql.query(sql`
    insert into case_reads (case_id, programme_id, district, reader, reader_kind, via, at)
    select c.id, c.programme_id, c.district, ${reader.actorId}, ${reader.kind}, ${via}, ${ctx.clock.now()}
    from cases c where c.id = any(${textArray(ids)}::uuid[])`);
}

/** Which reads to list. */
export interface CaseReadQuery {
  caseId?: string | undefined;
  reader?: string | undefined;
  programmeId?: string | undefined;
  scope?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Reads in the caller's districts, newest first, a page at a time (keyset on the row id). */
export async function listCaseReads(
  ctx: StoreContext,
  query: CaseReadQuery,
): Promise<Page<CaseReadRecord>> {
  const limit = pageLimit(query.limit);
  const before =
    query.cursor !== undefined && /^\d{1,18}$/.test(query.cursor) ? query.cursor : null;
  if (query.caseId !== undefined && !isUuid(query.caseId)) return { items: [], nextCursor: null };
  if (query.programmeId !== undefined && !isUuid(query.programmeId))
    return { items: [], nextCursor: null };
  const rows = await ctx.sql.query(sql`
    select id, case_id, programme_id, district, reader, reader_kind, via, at from case_reads r
    where ${scopeCondition(sql`r.district`, query.scope)}
      ${query.caseId === undefined ? sql`` : sql`and r.case_id = ${query.caseId}`}
      ${query.reader === undefined ? sql`` : sql`and r.reader = ${query.reader}`}
      ${query.programmeId === undefined ? sql`` : sql`and r.programme_id = ${query.programmeId}`}
      ${before === null ? sql`` : sql`and r.id < ${before}::bigint`}
    order by r.id desc limit ${limit + 1}`);
  return toPage(
    rows.map((row) => ({
      id: toNumber(row.id),
      caseId: row.case_id as string,
      programmeId: row.programme_id as string,
      district: row.district as string,
      reader: row.reader as string,
      readerKind: row.reader_kind as 'person' | 'key',
      via: row.via as string,
      at: new Date(row.at as string | Date),
    })),
    limit,
    (last) => String(last.id),
  );
}

/** A reader who read many cases of one programme within one window. */
export interface AccessFlag {
  reader: string;
  readerKind: 'person' | 'key';
  programmeId: string;
  /** Start of the window (whole windows of `windowMinutes` from the epoch). */
  windowStart: Date;
  cases: number;
}

/**
 * Readers who read more than `threshold` distinct cases of one programme within a window of
 * `windowMinutes`, since `since`, in the caller's districts; most cases first.
 */
export async function accessFlags(
  ctx: StoreContext,
  query: { scope?: string | undefined; since: Date; threshold: number; windowMinutes: number },
): Promise<AccessFlag[]> {
  const seconds = Math.max(1, Math.trunc(query.windowMinutes)) * 60;
  const rows = await ctx.sql.query(sql`
    select reader, reader_kind, programme_id,
           to_timestamp(floor(extract(epoch from at) / ${seconds}) * ${seconds}) as window_start,
           count(distinct case_id) as cases
    from case_reads r
    where r.at >= ${query.since} and ${scopeCondition(sql`r.district`, query.scope)}
    group by reader, reader_kind, programme_id, window_start
    having count(distinct case_id) > ${Math.trunc(query.threshold)}
    order by cases desc, window_start desc, reader limit 500`);
  return rows.map((row) => ({
    reader: row.reader as string,
    readerKind: row.reader_kind as 'person' | 'key',
    programmeId: row.programme_id as string,
    windowStart: new Date(row.window_start as string | Date),
    cases: toNumber(row.cases),
  }));
}
