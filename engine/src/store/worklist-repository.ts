/**
 * The caller's worklist: open cases in the caller's districts that wait on one of the caller's
 * roles — derived from the template (`waitingEvents`: an event the role may send is accepted in
 * an active state), never from a `roles:` list the states would have to repeat. Order: cases
 * assigned to the caller first, then by deadline (the earliest pending timer; overdue first),
 * then longest waiting. With `since`, only cases changed since then, and the ids of those that no
 * longer wait on the caller.
 */
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
import { statesWaitingOn, waitingEvents } from '../runtime/waiting-events.js';
import { stateTitle, workerCard } from '../runtime/worker-card.js';
import type { CardField } from '../runtime/worker-card.js';
import type { Label } from '../template/template.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { matchAssignees } from './assignee-people.js';
import type { AssigneeMatch } from './assignee-people.js';
import { CASE_COLUMNS, toCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import { scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import type { NextEvent } from './next-events.js';
import { cursorTime, pageLimit } from './page-cursor.js';
import { jsonb } from './sql/sql-client.js';
import type { Row } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';
import type { Reader } from '../template/privacy-marks.js';
import { hiddenFields, projectCase } from './visible-case.js';

/** Whose worklist, and which page of it. */
export interface WorklistQuery {
  roles: readonly string[];
  /** The person asking: cases assigned to them (by id or login) come first. */
  person?: { id: string; login: string } | undefined;
  scope?: string | undefined;
  programmeId?: string | undefined;
  /** Only cases with this state active (a state id such as `enrolled.atGate`). */
  state?: string | undefined;
  /** Part of the case's name, address or ref, any case. */
  text?: string | undefined;
  /** Only cases changed after this time; the others that changed are reported as `removed`. */
  since?: Date | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** Who reads: case data and card are projected to what they may see (default: no marked field). */
  viewer?: Reader | undefined;
}

/** A case waiting on the caller. */
export interface WorkItem {
  case: CaseRecord;
  programmeTitle: string;
  templateId: string;
  templateVersion: number;
  /** The active states that accept an event the caller may send. */
  waitingIn: string[];
  /** Those events, with their forms, in the template's order. */
  nextEvents: NextEvent[];
  /** Title of the state the case is in (the innermost that has one). */
  stateTitle: Label | null;
  /** The data the template marks for workers (`x-worker`) that the caller may see. */
  card: CardField[];
  /** Titles of the template's events by type (for the history). */
  eventTitles: Record<string, Label>;
  /** When the earliest pending timer falls due; null without one. */
  deadline: Date | null;
  /** Assigned to the caller. */
  mine: boolean;
  assignment: AssigneeMatch | null;
}

/** One page of the worklist. */
export interface WorklistPage {
  items: WorkItem[];
  nextCursor: string | null;
  /** Pass as `since` next time: changes after it are not in this answer. */
  asOf: Date;
  /** With `since`: cases that changed and no longer wait on the caller. */
  removed: string[];
}

/** Changes this close to the answer may still be committing: `asOf` leaves room for them. */
const SETTLE_MS = 5_000;

interface Position {
  mine: number;
  deadline: string;
  at: string;
  id: string;
}

const CURSOR_TIME = /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)$/;

function toWorkCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.mine, p.deadline, p.at, p.id])).toString('base64url');
}

function fromWorkCursor(cursor: string): Position {
  try {
    const [mine, deadline, at, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      (mine !== 0 && mine !== 1) ||
      typeof deadline !== 'string' ||
      typeof at !== 'string' ||
      typeof id !== 'string' ||
      !CURSOR_TIME.test(deadline) ||
      !CURSOR_TIME.test(at) ||
      !isUuid(id)
    )
      throw new Error('bad cursor');
    return { mine, deadline, at, id };
  } catch {
    throw new NotFoundError('cursor', cursor);
  }
}

interface VersionInfo {
  compiled: CompiledTemplate;
  eventTitles: Record<string, Label>;
  /** Data fields the caller may not see. */
  hidden: ReadonlySet<string>;
}

interface ProgrammeInfo {
  /** The programme's version, and older ones that cases were left on by a migration. */
  versions: Map<number, VersionInfo>;
  version: number;
  params: Record<string, unknown>;
  ledger: Record<string, number>;
}

/** One page of the caller's worklist. */
export async function worklist(ctx: StoreContext, query: WorklistQuery): Promise<WorklistPage> {
  const limit = pageLimit(query.limit);
  const now = ctx.clock.now();
  const asOf = new Date(now.getTime() - SETTLE_MS);
  const empty = { items: [], nextCursor: null, asOf, removed: [] };
  if (query.programmeId !== undefined && !isUuid(query.programmeId)) return empty;
  const programmes = await ctx.sql.query<{
    id: string;
    template_id: string;
    template_version: number;
    params: Record<string, unknown>;
  }>(sql`
    select id, template_id, template_version, params from programmes
    where status = 'active' and ${scopeCondition(sql`district`, query.scope)}
      ${query.programmeId === undefined ? sql`` : sql`and id = ${query.programmeId}`}`);
  // Versions cases may still run on: each migration that left cases behind names the one they
  // were on (a small table; over-inclusive is harmless, each case is read on its own version).
  const older = programmes.length
    ? await ctx.sql.query<{ programme_id: string; version: number }>(sql`
        select distinct programme_id, (before->>'version')::int as version from programme_changes
        where kind = 'migration' and coalesce((after->>'refused')::int, 0) > 0
          and programme_id in (select jsonb_array_elements_text(${jsonb(programmes.map((p) => p.id))})::uuid)`)
    : [];
  const versionInfo = async (templateId: string, version: number): Promise<VersionInfo> => {
    const compiled = await compiledTemplate(ctx, templateId, version);
    const eventTitles: Record<string, Label> = {};
    for (const [type, def] of Object.entries(compiled.template.events ?? {}))
      if (def.title !== undefined) eventTitles[type] = def.title;
    return {
      compiled,
      eventTitles,
      hidden: new Set(hiddenFields(compiled.template, query.viewer)),
    };
  };
  // Programme id → states whose transitions may wait on one of the caller's roles.
  const wanted: Record<string, string[]> = {};
  const info = new Map<string, ProgrammeInfo>();
  for (const p of programmes) {
    const versions = new Map<number, VersionInfo>();
    for (const v of [
      p.template_version,
      ...older.filter((o) => o.programme_id === p.id).map((o) => Number(o.version)),
    ])
      if (!versions.has(v)) versions.set(v, await versionInfo(p.template_id, v));
    const states = [
      ...new Set([...versions.values()].flatMap((v) => statesWaitingOn(v.compiled, query.roles))),
    ];
    if (states.length === 0) continue;
    wanted[p.id] = states;
    info.set(p.id, { versions, version: p.template_version, params: p.params, ledger: {} });
  }
  if (info.size === 0) return empty;
  const ledgers = await ctx.sql.query<{ programme_id: string; name: string; balance: unknown }>(sql`
    select programme_id, name, balance from ledgers
    where programme_id in (select key::uuid from jsonb_each(${jsonb(wanted)}))`);
  for (const l of ledgers) info.get(l.programme_id)!.ledger[l.name] = Number(l.balance);

  const me = query.person;
  const mineSql = me
    ? sql`case when c.assignee is not null and (lower(trim(c.assignee)) = ${me.login} or lower(trim(c.assignee)) = ${me.id}) then 0 else 1 end`
    : sql`1`;
  const pattern =
    query.text === undefined || query.text.trim() === ''
      ? undefined
      : `%${query.text.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const since = query.since;
  const batch = Math.max(limit + 1, 100);
  const items: WorkItem[] = [];
  const removed: string[] = [];
  let after = query.cursor === undefined ? undefined : fromWorkCursor(query.cursor);
  const positions = new Map<string, Position>();
  for (;;) {
    const rows = await ctx.sql.query<Row>(sql`
      with wanted as (
        select key::uuid as programme_id, array(select jsonb_array_elements_text(value)) as states
        from jsonb_each(${jsonb(wanted)}))
      select * from (
        select ${CASE_COLUMNS}, p.title as programme_title, p.template_id,
               coalesce(c.template_version, p.template_version) as template_version,
               ${mineSql} as k_mine,
               coalesce(t.deadline, 'infinity'::timestamptz) as k_deadline, t.deadline,
               case when t.deadline is null then 'infinity' else ${cursorTime(sql`t.deadline`)} end as deadline_text,
               ${cursorTime(sql`c.updated_at`)} as at_text,
               (not c.done and c.active_states && w.states) as candidate
        from wanted w
          join cases c on c.programme_id = w.programme_id
          join programmes p on p.id = c.programme_id
          left join lateral (select min(due_at) as deadline from timers
                             where case_id = c.id and status = 'pending') t on true
        where ${scopeCondition(sql`c.district`, query.scope)}
          ${since === undefined ? sql`and not c.done and c.active_states && w.states` : sql`and c.updated_at > ${since}`}
          ${query.state === undefined ? sql`` : sql`and ${query.state} = any(c.active_states)`}
          ${pattern === undefined ? sql`` : sql`and (c.data->>'name' ilike ${pattern} or c.data->>'address' ilike ${pattern} or c.ref ilike ${pattern})`}
      ) q
      ${after === undefined ? sql`` : sql`where (q.k_mine, q.k_deadline, q.updated_at, q.id) > (${after.mine}::int, ${after.deadline}::text::timestamptz, ${after.at}::text::timestamptz, ${after.id}::uuid)`}
      order by q.k_mine, q.k_deadline, q.updated_at, q.id
      limit ${batch}`);
    for (const row of rows) {
      const record = toCaseRecord(row);
      const programme = info.get(record.programmeId)!;
      const ownVersion = Number(row.template_version);
      let version = programme.versions.get(ownVersion);
      if (!version) {
        version = await versionInfo(row.template_id as string, ownVersion);
        programme.versions.set(ownVersion, version);
      }
      const position: Position = {
        mine: Number(row.k_mine),
        deadline: row.deadline_text as string,
        at: row.at_text as string,
        id: record.id,
      };
      after = position;
      const waiting = row.candidate
        ? waitingEvents(
            version.compiled,
            record,
            { params: programme.params, ledger: programme.ledger, now },
            query.roles,
          )
        : [];
      if (waiting.length === 0) {
        if (since !== undefined) removed.push(record.id);
        continue;
      }
      if (items.length > limit) continue;
      // The text search looked at the name and the address: a match only in a hidden one is none.
      if (pattern !== undefined && !matchesVisible(record, query.text!.trim(), version.hidden))
        continue;
      const visible = projectCase(version.compiled.template, record, query.viewer);
      const events = version.compiled.template.events ?? {};
      positions.set(record.id, position);
      items.push({
        case: visible,
        programmeTitle: row.programme_title as string,
        templateId: row.template_id as string,
        templateVersion: Number(row.template_version),
        waitingIn: [...new Set(waiting.flatMap((w) => w.states))],
        nextEvents: waiting.map((w) => ({
          type: w.type,
          title: events[w.type]?.title ?? null,
          roles: events[w.type]?.roles ?? null,
          form: events[w.type]?.form ?? null,
        })),
        stateTitle: stateTitle(version.compiled, record.value),
        card: workerCard(version.compiled, visible.data),
        eventTitles: version.eventTitles,
        deadline: row.deadline === null ? null : new Date(row.deadline as string | Date),
        mine: Number(row.k_mine) === 0,
        assignment: null,
      });
    }
    if (rows.length < batch || items.length > limit) break;
  }
  const page = items.slice(0, limit);
  const matches = await matchAssignees(
    ctx,
    page.map((i) => i.case),
  );
  page.forEach((item, i) => (item.assignment = matches[i]!));
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: items.length > limit && last ? toWorkCursor(positions.get(last.case.id)!) : null,
    asOf,
    removed,
  };
}

/** Does `text` occur in the ref or in a name or address the caller may see (as the SQL looked)? */
function matchesVisible(record: CaseRecord, text: string, hidden: ReadonlySet<string>): boolean {
  const needle = text.toLowerCase();
  const has = (value: unknown) => typeof value === 'string' && value.toLowerCase().includes(needle);
  return (
    has(record.ref) ||
    (['name', 'address'] as const).some((field) => !hidden.has(field) && has(record.data[field]))
  );
}
