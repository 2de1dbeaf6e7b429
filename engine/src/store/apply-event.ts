/**
 * The durable event path: one SQL transaction per accepted event. Lock the case row, step purely,
 * then write history, ledger movements, notifications, outbox rows, timers and the case itself.
 * Either all of it commits or none of it does. BEGIN goes out with the lock and the reads, COMMIT
 * with the writes (`commitEarly`), so an event costs two round trips on PostgreSQL and holds its
 * row locks for about one. An event whose step may read or move a ledger also locks the
 * programme's ledger rows (in name order, after the case row) and steps on the locked balances,
 * one round trip more: its guards see balances no other event can change before it commits.
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
import type { Sender } from '../runtime/step-case.js';
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

/** An event as a client sends it. */
export interface EventInput {
  type: string;
  payload?: Record<string, unknown> | undefined;
}

/** Who sends an event and under which conditions. */
export interface ApplyOptions {
  actorId: string | null;
  /** The sender's roles; absent means the system itself (timers), which skips role checks. */
  roles?: readonly string[] | undefined;
  /** Apply only if the case is at this version (HTTP `If-Match`). */
  ifMatch?: number | undefined;
  /** A retry with the same key returns the first answer and applies nothing (HTTP `Idempotency-Key`). */
  idempotencyKey?: string | undefined;
  /** The caller's district scope; a case outside it is not found. */
  scope?: string | undefined;
}

/** The case after an accepted event. */
export interface AppliedEvent {
  case: CaseRecord;
  /** The event's history seq (equal to the case's new version). */
  seq: number;
  /** True when this is the stored answer to an earlier request with the same idempotency key. */
  replayed: boolean;
}

/** Apply one event to a case in one transaction, or throw a typed refusal (nothing written). */
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

interface LockedCase extends Row {
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
    return {
      case: reviveCaseRecord(read.replay.result.case),
      seq: read.replay.result.seq,
      replayed: true,
    };
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
  const writes = [
    // History row and case update in one statement: one less for the server to parse and run.
    tx.query(sql`
      with history as (
        insert into case_history (case_id, seq, event_type, payload, actor, roles, from_state, to_state, at, idempotency_key, request_hash, result)
        values (${caseId}, ${seq}, ${event.type}, ${jsonb(event.payload ?? {})}, ${options.actorId},
                ${options.roles === undefined ? null : textArray(options.roles)}, ${current.state}, ${state}, ${now},
                ${key}, ${hash}, ${key === null ? null : jsonb(answer)}))
      update cases set state = ${state}, active_states = ${textArray(activeStateIds(result.value))}, value = ${jsonb(result.value)},
        data = ${jsonb(after.data)}, version = ${seq}, assignee = ${after.assignee}, done = ${after.done}, updated_at = ${now}
      where id = ${caseId}`),
    ...writeStepEffects(
      tx,
      {
        programmeId: current.programmeId,
        caseId,
        district: current.district,
        seq,
        actorId: options.actorId,
        now,
        ledgerBefore: ledger,
        state,
      },
      result,
    ),
  ];
  // Every refusal has been decided above or is a failing statement, so COMMIT can go out now.
  tx.commitEarly();
  await settleStatements(writes);
  return { ...answer, replayed: false };
}

/** Per compiled template: does an event of this type possibly read or move a ledger? */
const ledgerEvents = new WeakMap<CompiledTemplate, (type: string) => boolean>();

/**
 * Conservative: true when the template declares ledgers and a transition on this event type, an
 * entry or exit action mentions `ledger` (a guard `ledger['stock'] >= 6`, a value, or a
 * `ledger:` action); event types the template does not declare (timers, `after:<state>:<i>`)
 * count as touching.
 */
function ledgerTouchedBy(compiled: CompiledTemplate, type: string): boolean {
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
function requestHash(event: EventInput): string {
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
