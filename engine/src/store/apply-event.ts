/**
 * The durable event path: one SQL transaction per accepted event. Lock the case row, step purely,
 * then write history, ledger movements, notifications, outbox rows, timers and the case itself.
 * Either all of it commits or none of it does. BEGIN goes out with the lock and the reads, COMMIT
 * with the writes (`commitEarly`), so an event costs two round trips on PostgreSQL and holds its
 * row locks for about one. An event whose step may read or move a ledger also locks the
 * programme's ledger rows (in name order, after the case row) and steps on the locked balances,
 * one round trip more: its guards see balances no other event can change before it commits.
 *
 * With group commit on (`ctx.events`, the default of `createReliefStore`), `applyEvent` hands the
 * event to the batcher (`event-batcher.ts`), which applies events of several requests in one
 * transaction (`apply-event-batch.ts`); this file's one-event path is then the fallback, and the
 * timer scheduler's path.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  IdempotencyKeyReusedError,
  NotFoundError,
  ProgrammeNotActiveError,
  VersionConflictError,
} from '../errors/engine-error.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import type { StateDef } from '../template/template.js';
import { describeValue, stepCase } from '../runtime/step-case.js';
import type { Sender, StepResult } from '../runtime/step-case.js';
import { activeStateIds } from '../runtime/active-state-ids.js';
import { CASE_COLUMNS, reviveCaseRecord, toCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import { checkStorable } from './check-storable.js';
import { isUuid } from './is-uuid.js';
import { inScope } from './district-scope.js';
import { jsonb, settleStatements, textArray } from './sql/sql-client.js';
import type { Row, SqlClient } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';
import { withRetry } from './sql/with-retry.js';
import { writeStepEffects } from './write-step-effects.js';
import type { AppliedEvent, ApplyOptions, EventInput } from './event-input.js';
import { projectCase } from './visible-case.js';
import { stateTitle } from '../runtime/worker-card.js';

export type { AppliedEvent, ApplyOptions, EventInput } from './event-input.js';

/**
 * Apply one event to a case, or throw a typed refusal (nothing written). Answers only once the
 * event is committed: in a batch with other requests' events (group commit), or alone.
 */
export async function applyEvent(
  ctx: StoreContext,
  caseId: string,
  event: EventInput,
  options: ApplyOptions,
): Promise<AppliedEvent> {
  if (!isUuid(caseId)) throw new NotFoundError('case', caseId);
  checkStorable('event', {
    type: event.type,
    payload: event.payload ?? {},
    idempotencyKey: options.idempotencyKey ?? '',
  });
  return ctx.events
    ? ctx.events.submit({ caseId, event, options })
    : applyEventAlone(ctx, caseId, event, options);
}

/** One event in a transaction of its own (input already checked by `applyEvent`). */
export function applyEventAlone(
  ctx: StoreContext,
  caseId: string,
  event: EventInput,
  options: ApplyOptions,
): Promise<AppliedEvent> {
  return withRetry(() =>
    ctx.sql.transaction(async (tx) => (await applyInTransaction(ctx, tx, caseId, event, options))!),
  );
}

/**
 * The same path for a due timer. The timer row is marked fired in the same transaction; when it
 * is no longer pending (fired elsewhere, or cancelled by an event that left its state) nothing is
 * applied and `undefined` is returned.
 */
export function applyTimerInTransaction(
  ctx: StoreContext,
  tx: SqlClient,
  timer: { id: number; caseId: string; eventType: string },
): Promise<AppliedEvent | undefined> {
  return applyInTransaction(
    ctx,
    tx,
    timer.caseId,
    { type: timer.eventType, payload: {} },
    { actorId: null },
    timer.id,
  );
}

/** The row the event path locks: the case, and what it needs of its programme. */
export interface LockedCase extends Row {
  template_id: string;
  template_version: number;
  params: Record<string, unknown>;
  status: string;
}

async function applyInTransaction(
  ctx: StoreContext,
  tx: SqlClient,
  caseId: string,
  event: EventInput,
  options: ApplyOptions,
  timerId?: number,
): Promise<AppliedEvent | undefined> {
  const now = ctx.clock.now();
  const key = options.idempotencyKey ?? null;
  // Pipelined: the lock first; the second statement then reads ledgers and any earlier answer under
  // this key with a snapshot taken after the lock was granted, so it sees every committed event.
  const locking = tx.query<LockedCase>(sql`
    select ${CASE_COLUMNS}, p.template_id, coalesce(c.template_version, p.template_version) as template_version, p.params, p.status
    from cases c join programmes p on p.id = c.programme_id
    where c.id = ${caseId} for update of c`);
  const reading = tx.query<{
    ledger: Record<string, number>;
    replay: { hash: string; result: { case: CaseRecord; seq: number } } | null;
  }>(sql`
    select coalesce((select json_object_agg(l.name, l.balance) from ledgers l
                     where l.programme_id = (select programme_id from cases where id = ${caseId})), '{}'::json) as ledger,
           (select json_build_object('hash', h.request_hash, 'result', h.result) from case_history h
            where h.case_id = ${caseId} and h.idempotency_key = ${key}) as replay`);
  const claiming =
    timerId === undefined
      ? Promise.resolve([{}])
      : tx.query(
          sql`update timers set status = 'fired', fired_at = ${now} where id = ${timerId} and status = 'pending' returning id`,
        );
  const [[row], [read], claimed] = await Promise.all([locking, reading, claiming]);
  if (!row || !inScope(row.district as string, options.scope))
    throw new NotFoundError('case', caseId);
  if (claimed.length === 0) return undefined;
  const hash = key === null ? null : requestHash(event);
  if (read?.replay) {
    if (read.replay.hash !== hash) throw new IdempotencyKeyReusedError(key!);
    const replayed = reviveCaseRecord(read.replay.result.case);
    if (options.read) await tx.query(caseReadInsert([caseId], options.read, now));
    const compiled = options.viewer
      ? await ctx.templates.compiled(row.template_id, row.template_version, tx)
      : undefined;
    return withView(
      { case: replayed, seq: read.replay.result.seq, replayed: true },
      compiled,
      options,
    );
  }
  const current = toCaseRecord(row);
  if (options.ifMatch !== undefined && options.ifMatch !== current.version)
    throw new VersionConflictError(caseId, options.ifMatch, current.version);
  if (row.status !== 'active') throw new ProgrammeNotActiveError(current.programmeId, row.status);

  const compiled = await ctx.templates.compiled(row.template_id, row.template_version, tx);
  // The snapshot read above may be stale by the time this event commits: lock the balances an
  // event that reads or moves a ledger steps on. Lock order (case row, then ledgers by name) is
  // the same for every event, so two events never wait for each other in a circle.
  const balances = ledgerTouchedBy(compiled, event.type)
    ? Object.fromEntries(
        (
          await tx.query<{ name: string; balance: string }>(sql`
            select name, balance from ledgers where programme_id = ${current.programmeId}
            order by name for update`)
        ).map((l) => [l.name, l.balance]),
      )
    : (read?.ledger ?? {});
  const ledger = Object.fromEntries(
    Object.entries(balances).map(([name, balance]) => [name, Number(balance)]),
  );
  const sender: Sender = options.roles === undefined ? {} : { roles: options.roles };
  const result = stepCase(
    compiled,
    current,
    { type: event.type, payload: event.payload ?? {} },
    { params: row.params, ledger, now },
    sender,
  );

  checkStorable('case data', result.data);
  const { after, answer, history } = acceptedEvent(current, event, options, result, now, hash);
  const writes = [
    writeAccepted(tx, [history]),
    ...writeStepEffects(
      tx,
      {
        programmeId: current.programmeId,
        caseId,
        district: current.district,
        seq: after.version,
        actorId: options.actorId,
        now,
        ledgerBefore: ledger,
        state: after.state,
      },
      result,
    ),
  ];
  if (options.read) writes.push(tx.query(caseReadInsert([caseId], options.read, now)));
  // Every refusal has been decided above or is a failing statement, so COMMIT can go out now.
  tx.commitEarly();
  await settleStatements(writes);
  return withView({ ...answer, replayed: false }, compiled, options);
}

/** An accepted event's history row, as `writeAccepted` takes it. */
export interface HistoryRow {
  case_id: string;
  seq: number;
  event_type: string;
  payload: unknown;
  actor: string | null;
  roles: readonly string[] | null;
  from_state: string;
  to_state: string;
  at: string;
  idempotency_key: string | null;
  request_hash: string | null;
  result: { case: CaseRecord; seq: number } | null;
  active_states: string[];
  value: StepResult['value'];
  data: Record<string, unknown>;
  assignee: string | null;
  done: boolean;
}

/** The case after an accepted step, the answer, and the history row (both paths, one shape). */
export function acceptedEvent(
  current: CaseRecord,
  event: EventInput,
  options: ApplyOptions,
  result: StepResult,
  now: Date,
  hash: string | null,
): { after: CaseRecord; answer: { case: CaseRecord; seq: number }; history: HistoryRow } {
  const seq = current.version + 1;
  const state = describeValue(result.value);
  const after: CaseRecord = {
    ...current,
    state,
    value: result.value,
    data: result.data,
    assignee: result.assignee,
    done: result.done,
    version: seq,
    updatedAt: now,
  };
  const answer = { case: after, seq };
  const key = options.idempotencyKey ?? null;
  return {
    after,
    answer,
    history: {
      case_id: current.id,
      seq,
      event_type: event.type,
      payload: event.payload ?? {},
      actor: options.actorId,
      roles: options.roles ?? null,
      from_state: current.state,
      to_state: state,
      at: now.toISOString(),
      idempotency_key: key,
      request_hash: hash,
      result: key === null ? null : answer,
      active_states: activeStateIds(result.value),
      value: result.value,
      data: after.data,
      assignee: after.assignee,
      done: after.done,
    },
  };
}

/**
 * History rows and case updates of accepted events in one statement, the rows as one JSON
 * parameter: the statement's text is the same for one event or a batch (prepared once).
 * The cases are also named by id (`= any(array(…))`): joined only to the JSON rows (which
 * PostgreSQL estimates at 100), a programme of a few thousand cases was planned as a sequential
 * scan of all its cases per batch. The ids come from the rows, not from a second parameter: an
 * array parameter made PostgreSQL plan the statement anew on every execution (a one-row array
 * always looked cheaper than the cached generic plan). write-accepted-plan.test.ts checks both.
 */
export function writeAccepted(tx: SqlClient, rows: readonly HistoryRow[]): Promise<Row[]> {
  return tx.query(sql`
    with x as (
      select * from jsonb_to_recordset(${jsonb(rows)}) as x(
        case_id uuid, seq integer, event_type text, payload jsonb, actor text, roles text[],
        from_state text, to_state text, at timestamptz, idempotency_key text, request_hash text,
        result jsonb, active_states text[], value jsonb, data jsonb, assignee text, done boolean)),
    history as (
      insert into case_history (case_id, seq, event_type, payload, actor, roles, from_state, to_state, at, idempotency_key, request_hash, result)
      select case_id, seq, event_type, payload, actor, roles, from_state, to_state, at, idempotency_key, request_hash, result from x)
    update cases c set state = x.to_state, active_states = x.active_states, value = x.value,
      data = x.data, version = x.seq, assignee = x.assignee, done = x.done, updated_at = x.at
    from x where c.id = x.case_id and c.id = any(array(select case_id from x))`);
}

/** The access-log rows of an answer that shows these cases (`recordCaseReads`, in a transaction). */
export function caseReadInsert(
  caseIds: readonly string[],
  read: NonNullable<ApplyOptions['read']>,
  now: Date,
) {
  return sql`
    insert into case_reads (case_id, programme_id, district, reader, reader_kind, via, at)
    select c.id, c.programme_id, c.district, ${read.reader.actorId}, ${read.reader.kind}, ${read.via}, ${now}
    from cases c where c.id = any(${textArray(caseIds)}::uuid[])`;
}

/** The answer, with the case as `options.viewer` may see it when one is named. */
export function withView(
  applied: AppliedEvent,
  compiled: CompiledTemplate | undefined,
  options: ApplyOptions,
): AppliedEvent {
  if (!options.viewer || !compiled) return applied;
  const record = options.viewer.all
    ? applied.case
    : projectCase(compiled.template, applied.case, options.viewer);
  return {
    ...applied,
    view: { case: record, stateTitle: stateTitle(compiled, applied.case.value) },
  };
}

/** Per compiled template: does an event of this type possibly read or move a ledger? */
const ledgerEvents = new WeakMap<CompiledTemplate, (type: string) => boolean>();

/**
 * Conservative: true when the template declares ledgers and a transition on this event type, an
 * entry or exit action mentions `ledger` (a guard `ledger['stock'] >= 6`, a value, or a
 * `ledger:` action); event types the template does not declare (timers, `after:<state>:<i>`)
 * count as touching.
 */
export function ledgerTouchedBy(compiled: CompiledTemplate, type: string): boolean {
  let touches = ledgerEvents.get(compiled);
  if (!touches) {
    const template = compiled.template;
    if (Object.keys(template.ledgers ?? {}).length === 0) touches = () => false;
    else {
      const mentions = (value: unknown) =>
        value !== undefined && JSON.stringify(value).includes('ledger');
      const byEvent = new Set<string>();
      let always = false;
      const walk = (states: Record<string, StateDef> | undefined) => {
        for (const state of Object.values(states ?? {})) {
          if (mentions(state.entry) || mentions(state.exit)) always = true;
          for (const [name, spec] of Object.entries(state.on ?? {}))
            if (mentions(spec)) byEvent.add(name);
          walk(state.states);
        }
      };
      walk(template.states);
      const declared = new Set(Object.keys(template.events ?? {}));
      touches = (t) => always || byEvent.has(t) || !declared.has(t);
    }
    ledgerEvents.set(compiled, touches);
  }
  return touches(type);
}

/** Same type and payload ⇒ same hash, whatever the key order of the payload. */
export function requestHash(event: EventInput): string {
  return createHash('sha256')
    .update(JSON.stringify([event.type, canonical(event.payload ?? {})]))
    .digest('base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}
