/**
 * Bulk open, set-based: every row is validated and started in JavaScript (pure: data schema,
 * defaults, `startCase`), then a chunk of rows is written with one statement (a column per array
 * parameter, read with `unnest`), one transaction per chunk, the event loop served between chunks. The outcome of each row is what `openCase`
 * would have given it alone: a case, or the refusal with its code and message.
 *
 * Refs are deduplicated by the database (`on conflict do nothing`), so a ref taken by a concurrent
 * writer is reported as `duplicate-ref`, never as a failed import. When the initial state moves a
 * ledger, the chunk locks the programme's ledger rows first and carries the balances from row to
 * row, so every row sees the balance its predecessors left, as one `openCase` after another would.
 */
import { sql } from 'drizzle-orm';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { addExact, toAmountText } from '../compile/money.js';
import {
  DuplicateCaseRefError,
  EngineError,
  NotFoundError,
  ProgrammeNotActiveError,
} from '../errors/engine-error.js';
import { startCase } from '../runtime/step-case.js';
import type { StepResult } from '../runtime/step-case.js';
import { validateCaseData } from '../runtime/validate-case-input.js';
import { activeStateIds } from '../runtime/active-state-ids.js';
import { newCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import type { OpenCaseInput, OpenCaseOutcome } from './case-repository.js';
import { checkStorable } from './check-storable.js';
import { toEffectRows } from './effect-rows.js';
import { caseDistrict, inScope } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { newCaseId } from './new-case-id.js';
import { letOthersIn } from './let-others-in.js';
import { arrayColumn, arrayLiteral } from './sql/sql-client.js';
import type { SqlClient } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';

/** Rows per transaction: large enough to amortise the round trips, small enough to hold locks briefly. */
export const OPEN_CASES_CHUNK = 1000;
/**
 * On PGlite, which runs in the server's own thread, a chunk blocks every other request while it is
 * written, so chunks are sized by time instead: each aims at this many ms, halving after a slow
 * one and doubling after a quick one (rows cost about 1 ms each on a loaded 2-core machine, more
 * or less with the template and the load), so health and events are answered within 250 ms.
 */
export const PGLITE_CHUNK_TARGET_MS = 40;
const PGLITE_CHUNK_FIRST = 50;
const PGLITE_CHUNK_MIN = 10;

/** The next chunk's size on PGlite, from the last one's size and time. */
export function nextPgliteChunk(size: number, ms: number): number {
  if (ms > PGLITE_CHUNK_TARGET_MS * 1.5) return Math.max(PGLITE_CHUNK_MIN, Math.floor(size / 2));
  if (ms < PGLITE_CHUNK_TARGET_MS / 2) return Math.min(OPEN_CASES_CHUNK, size * 2);
  return size;
}

interface ProgrammeRow {
  template_id: string;
  template_version: number;
  params: Record<string, unknown>;
  status: string;
  district: string;
}

/** A row that passed validation and its start, ready to be written. */
interface Started {
  index: number;
  record: CaseRecord;
  /** The validated data, as the `(open)` history payload. */
  data: Record<string, unknown>;
  result: StepResult;
}

/** Thrown inside a chunk's transaction to undo it and write the chunk again without `refs`. */
class RefsTaken extends Error {
  constructor(readonly refs: Set<string>) {
    super('refs taken concurrently');
  }
}

/**
 * Open many cases in a programme: valid rows are kept, refusals reported per row, in input order.
 * Whole-call refusals (programme not found or not active) are thrown.
 */
export function openCases(
  ctx: StoreContext,
  programmeId: string,
  inputs: readonly OpenCaseInput[],
  caller: Caller,
): Promise<OpenCaseOutcome[]> {
  return openValidatedCases(ctx, programmeId, inputs, caller, undefined);
}

/**
 * `openCases` for rows whose data the caller has already validated (defaults filled) with
 * `validatedWith`, the programme's compiled template (the import does, to report refusals as
 * the rows arrive): a chunk that finds the programme still on that template does not validate
 * them again.
 */
export async function openValidatedCases(
  ctx: StoreContext,
  programmeId: string,
  inputs: readonly OpenCaseInput[],
  caller: Caller,
  validatedWith: CompiledTemplate | undefined,
): Promise<OpenCaseOutcome[]> {
  if (!isUuid(programmeId)) throw new NotFoundError('programme', programmeId);
  // One clock reading for the call: rows are stamped `now` + their position in µs, so the case
  // list keeps the input's order however the chunks' transactions interleave.
  const call: OpenCall = { programmeId, caller, now: ctx.clock.now(), validatedWith };
  if (ctx.sql.kind === 'pglite') return openChunksInTurn(ctx, call, inputs);
  return openChunksSideBySide(ctx, call, inputs);
}

/** What every chunk of one call shares. */
interface OpenCall {
  programmeId: string;
  caller: Caller;
  now: Date;
  validatedWith: CompiledTemplate | undefined;
}

/** PGlite: one chunk after another, each sized to about `PGLITE_CHUNK_TARGET_MS`. */
async function openChunksInTurn(
  ctx: StoreContext,
  call: OpenCall,
  inputs: readonly OpenCaseInput[],
): Promise<OpenCaseOutcome[]> {
  const outcomes: OpenCaseOutcome[] = new Array<OpenCaseOutcome>(inputs.length);
  let size = PGLITE_CHUNK_FIRST;
  for (let start = 0; start < inputs.length;) {
    // Between chunks, requests that arrived meanwhile get the database before the next chunk.
    if (start > 0) await letOthersIn();
    const chunk = inputs.slice(start, start + size);
    const began = performance.now();
    const done = await openChunk(ctx, { ...call, inputs: chunk, first: start });
    done.forEach((outcome, i) => (outcomes[start + i] = outcome));
    start += chunk.length;
    size = nextPgliteChunk(chunk.length, performance.now() - began);
  }
  return outcomes;
}

/**
 * Chunks written by this many transactions at once on PostgreSQL: while the database writes one
 * chunk, the server validates and starts the next one's rows (JavaScript), and PostgreSQL can
 * use a second core. Measured with `pnpm bench --only http` (see docs/performance.md).
 */
export const OPEN_CASES_WRITERS = 2;

/**
 * PostgreSQL: up to `OPEN_CASES_WRITERS` chunks in flight. A chunk whose rows move a ledger waits
 * for the chunks before it to commit before it locks the balances, so every row still sees the
 * balance its predecessors in the input left. When a ref repeats across the input the chunks go
 * one at a time: two transactions inserting the same two refs in opposite orders would deadlock.
 */
async function openChunksSideBySide(
  ctx: StoreContext,
  call: OpenCall,
  inputs: readonly OpenCaseInput[],
): Promise<OpenCaseOutcome[]> {
  const outcomes: OpenCaseOutcome[] = new Array<OpenCaseOutcome>(inputs.length);
  const starts: number[] = [];
  for (let start = 0; start < inputs.length; start += OPEN_CASES_CHUNK) starts.push(start);
  const settled = starts.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const writers = refsRepeat(inputs) ? 1 : OPEN_CASES_WRITERS;
  let next = 0;
  const writer = async () => {
    for (let k = next++; k < starts.length; k = next++) {
      // Requests that arrived meanwhile get the database before the next chunk.
      if (k >= writers) await letOthersIn();
      const first = starts[k]!;
      const chunk = inputs.slice(first, first + OPEN_CASES_CHUNK);
      try {
        const done = await openChunk(ctx, {
          ...call,
          inputs: chunk,
          first,
          previous: k === 0 ? undefined : settled[k - 1]!.promise,
        });
        done.forEach((outcome, i) => (outcomes[first + i] = outcome));
      } finally {
        settled[k]!.resolve();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(writers, starts.length) }, writer));
  return outcomes;
}

function refsRepeat(inputs: readonly OpenCaseInput[]): boolean {
  const refs = new Set<string>();
  for (const { ref } of inputs) {
    if (ref === undefined || ref === null) continue;
    if (refs.has(ref)) return true;
    refs.add(ref);
  }
  return false;
}

/** One chunk to open: its rows, where they start in the whole input, and the chunk before it. */
interface ChunkToOpen extends OpenCall {
  inputs: readonly OpenCaseInput[];
  /** Position of the chunk's first row in the whole input (its `created_at` offset in µs). */
  first: number;
  /** Settles when the chunk before this one has committed or failed. */
  previous?: Promise<void> | undefined;
}

async function openChunk(ctx: StoreContext, chunk: ChunkToOpen): Promise<OpenCaseOutcome[]> {
  const taken = new Set<string>();
  for (;;) {
    try {
      return await ctx.sql.transaction((tx) => writeChunk(ctx, tx, chunk, taken));
    } catch (error) {
      if (!(error instanceof RefsTaken)) throw error;
      for (const ref of error.refs) taken.add(ref);
    }
  }
}

async function writeChunk(
  ctx: StoreContext,
  tx: SqlClient,
  { programmeId, inputs, first, caller, now, previous, validatedWith }: ChunkToOpen,
  taken: ReadonlySet<string>,
): Promise<OpenCaseOutcome[]> {
  // `for share`: the programme cannot be paused or closed while the chunk is being written.
  const [programme] = await tx.query<ProgrammeRow>(sql`
    select template_id, template_version, params, status, district
    from programmes where id = ${programmeId} for share`);
  if (!programme || !inScope(programme.district, caller.scope))
    throw new NotFoundError('programme', programmeId);
  if (programme.status !== 'active')
    throw new ProgrammeNotActiveError(programmeId, programme.status);
  const compiled = await ctx.templates.compiled(
    programme.template_id,
    programme.template_version,
    tx,
  );
  const readLedger = async (lock: boolean) => {
    const rows = await tx.query<{ name: string; balance: unknown }>(
      lock
        ? sql`select name, balance from ledgers where programme_id = ${programmeId} order by name for update`
        : sql`select name, balance from ledgers where programme_id = ${programmeId}`,
    );
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.balance)]));
  };

  let ledger = await readLedger(false);
  // Rows validated with this very template need no second check (a migration to another
  // version since then gets them checked again).
  const validated = validatedWith === compiled;
  const start = (balances: Record<string, number>) =>
    startRows(compiled, programme, programmeId, inputs, caller, taken, balances, now, validated);
  let started = start(ledger);
  const movesLedger = started.entries.some((s) => hasLedgerMoves(s.result));
  if (movesLedger) {
    // Balances carried from row to row must be the real ones, left by the chunks before this
    // one: wait for those, lock the balances, then start again.
    await previous;
    ledger = await readLedger(true);
    started = start(ledger);
  }
  const { outcomes, entries, ledgerBefore } = started;
  if (entries.length === 0) return outcomes;

  const inserted = await insertCases(tx, programmeId, caller, now, first, entries);
  const conflicts = entries.filter((s) => !inserted.has(s.record.id));
  // A ledger moved by a row that was not written would be wrong for every row after it.
  if (conflicts.length > 0 && movesLedger)
    throw new RefsTaken(new Set(conflicts.map((s) => s.record.ref!)));
  for (const s of conflicts)
    outcomes[s.index] = { ok: false, error: new DuplicateCaseRefError(programmeId, s.record.ref!) };
  if (movesLedger) await moveLedgers(tx, programmeId, caller, now, entries, ledgerBefore);
  return outcomes;
}

function startRows(
  compiled: CompiledTemplate,
  programme: ProgrammeRow,
  programmeId: string,
  inputs: readonly OpenCaseInput[],
  caller: Caller,
  taken: ReadonlySet<string>,
  ledger: Record<string, number>,
  now: Date,
  validated: boolean,
) {
  const outcomes: OpenCaseOutcome[] = new Array<OpenCaseOutcome>(inputs.length);
  const entries: Started[] = [];
  /** The balances each started row saw, for its ledger entries. */
  const ledgerBefore: Record<string, number>[] = [];
  let balances = ledger;
  const seen = new Set<string>();
  /** The start every row gets, once a row showed it runs no action (see `startsWithoutActions`). */
  let plain: StepResult | undefined;
  inputs.forEach((input, index) => {
    const ref = input.ref ?? null;
    try {
      // Taken in the database (found on a first attempt), or earlier in this chunk.
      if (ref !== null && (taken.has(ref) || seen.has(ref)))
        throw new DuplicateCaseRefError(programmeId, ref);
      checkStorable('case', { data: input.data, ref: input.ref ?? '' });
      const data = validated ? input.data : validateCaseData(compiled, input.data);
      const district = caseDistrict(programme.district, input.district);
      let result: StepResult;
      if (plain) result = { ...plain, data };
      else {
        result = startCase(compiled, data, { params: programme.params, ledger: balances, now });
        if (result.data === data && startsWithoutActions(compiled, result)) plain = result;
      }
      const opened = { id: newCaseId(), programmeId, ref, district };
      const record = newCaseRecord(opened, result, caller.actorId, now);
      if (ref !== null) seen.add(ref);
      ledgerBefore.push(balances);
      if (hasLedgerMoves(result)) balances = applyDeltas(balances, result.ledgerDeltas);
      entries.push({ index, record, data, result });
      outcomes[index] = { ok: true, case: record };
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      outcomes[index] = { ok: false, error };
    }
  });
  return { outcomes, entries, ledgerBefore };
}

/**
 * Whether a start ran no action: no state it entered (the active states: the DSL has no eventless
 * transitions, and the first state has no guard) has `entry` actions. Such a start (state, timers,
 * no assignee, no ledger move) is the same for every row of the call whatever its data, params or
 * ledger (`now` is the call's), so `startRows` takes it once instead of from XState per row.
 */
function startsWithoutActions(compiled: CompiledTemplate, result: StepResult): boolean {
  return activeStateIds(result.value).every(
    (id) => (compiled.states.get(id)?.def.entry ?? []).length === 0,
  );
}

const hasLedgerMoves = (result: StepResult) =>
  Object.values(result.ledgerDeltas).some((delta) => delta !== 0);

/** Balances after `deltas`, exact like `numeric(18, 2)`. */
function applyDeltas(
  balances: Record<string, number>,
  deltas: Record<string, number>,
): Record<string, number> {
  const next = { ...balances };
  for (const [name, delta] of Object.entries(deltas)) next[name] = addExact(next[name] ?? 0, delta);
  return next;
}

/**
 * Cases, their `(open)` history rows, notifications, outbox rows and timers in one statement; a
 * row whose ref is taken inserts nothing anywhere. Returns the ids inserted.
 */
async function insertCases(
  tx: SqlClient,
  programmeId: string,
  caller: Caller,
  now: Date,
  first: number,
  entries: readonly Started[],
): Promise<Set<string>> {
  // Column by column, one array parameter each (see `arrayLiteral`).
  const n = entries.length;
  const ids = new Array<string>(n);
  const refs = new Array<string | null>(n);
  const districts = new Array<string>(n);
  const states = new Array<string>(n);
  const actives = new Array<string>(n);
  const values = new Array<string>(n);
  const datas = new Array<string>(n);
  /** The `(open)` payload, or null where it is the case's data as written (most rows). */
  const payloads = new Array<string | null>(n);
  const assignees = new Array<string | null>(n);
  const dones = new Array<boolean>(n);
  const ords = new Array<number>(n);
  const notes = { caseIds: [] as string[], roles: [] as string[], messages: [] as string[] };
  const emits = { caseIds: [] as string[], names: [] as string[], payloads: [] as string[] };
  const timers = {
    caseIds: [] as string[],
    states: [] as string[],
    idxs: [] as number[],
    eventTypes: [] as string[],
    dueAts: [] as string[],
  };
  let lastValue: StepResult['value'] | undefined;
  let lastActives = '';
  let lastValueText = '';
  entries.forEach(({ index, record, data, result }, k) => {
    ids[k] = record.id;
    refs[k] = record.ref;
    districts[k] = record.district;
    states[k] = record.state;
    // Rows whose start ran no action share one state value: its texts are made once.
    if (result.value !== lastValue) {
      lastValue = result.value;
      lastActives = arrayLiteral(activeStateIds(result.value));
      lastValueText = JSON.stringify(result.value);
    }
    actives[k] = lastActives;
    values[k] = lastValueText;
    datas[k] = JSON.stringify(result.data);
    // A start that ran no action keeps the validated data object itself: nothing to compare.
    const payload = result.data === data ? null : JSON.stringify(data);
    payloads[k] = payload === datas[k] ? null : payload;
    assignees[k] = result.assignee;
    dones[k] = result.done;
    ords[k] = first + index;
    // The same rows `writeStepEffects` writes for one event, here for every case at once.
    const rows = toEffectRows(
      { programmeId, caseId: record.id, seq: 1, state: record.state, now },
      result,
    );
    for (const note of rows.notifications) {
      notes.caseIds.push(record.id);
      notes.roles.push(note.role);
      notes.messages.push(JSON.stringify(note.message));
    }
    for (const emit of rows.outbox) {
      emits.caseIds.push(record.id);
      emits.names.push(emit.name);
      emits.payloads.push(JSON.stringify(emit.payload));
    }
    for (const timer of rows.timers) {
      timers.caseIds.push(record.id);
      timers.states.push(timer.state);
      timers.idxs.push(timer.index);
      timers.eventTypes.push(timer.eventType);
      timers.dueAts.push(timer.dueAt.toISOString());
    }
  });
  // Data-modifying CTEs see one snapshot, but foreign keys are checked at the end of the
  // statement, so the dependent rows may point at cases inserted by a sibling CTE.
  const inserted = await tx.query<{ id: string }>(sql`
    with input as (
      select * from unnest(${arrayColumn(ids, 'uuid')}, ${arrayColumn(refs, 'text')}, ${arrayColumn(districts, 'text')},
        ${arrayColumn(states, 'text')}, ${arrayColumn(actives, 'text')}, ${arrayColumn(values, 'jsonb')},
        ${arrayColumn(datas, 'jsonb')}, ${arrayColumn(payloads, 'jsonb')}, ${arrayColumn(assignees, 'text')},
        ${arrayColumn(dones, 'boolean')}, ${arrayColumn(ords, 'int')})
        as r(id, ref, district, state, active_states, value, data, payload, assignee, done, ord)
    ), opened as (
      -- One microsecond apart in input order, so case lists (ordered by created_at) keep the
      -- roster's order instead of the random order of ids that one shared timestamp would give.
      insert into cases (id, programme_id, ref, state, active_states, value, data, version, assignee, district, done, created_by, created_at, updated_at)
      select id, ${programmeId}, ref, state, active_states::text[], value, data, 1, assignee, district, done, ${caller.actorId},
        ${now}::timestamptz + ord * interval '1 microsecond', ${now}
      from input
      on conflict (programme_id, ref) do nothing
      returning id
    ), history as (
      insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
      select i.id, 1, '(open)', coalesce(i.payload, i.data), ${caller.actorId}, null, i.state, ${now}
      from input i join opened o on o.id = i.id
    ), notes as (
      insert into notifications (programme_id, case_id, role, message, district, at)
      select ${programmeId}, n.case_id, n.role, n.message, i.district, ${now}
      from unnest(${arrayColumn(notes.caseIds, 'uuid')}, ${arrayColumn(notes.roles, 'text')}, ${arrayColumn(notes.messages, 'jsonb')})
        as n(case_id, role, message)
      join opened o on o.id = n.case_id join input i on i.id = n.case_id
    ), emits as (
      insert into outbox (programme_id, case_id, name, payload, created_at)
      select ${programmeId}, e.case_id, e.name, e.payload, ${now}
      from unnest(${arrayColumn(emits.caseIds, 'uuid')}, ${arrayColumn(emits.names, 'text')}, ${arrayColumn(emits.payloads, 'jsonb')})
        as e(case_id, name, payload)
      join opened o on o.id = e.case_id
    ), armed as (
      insert into timers (programme_id, case_id, state, idx, event_type, due_at, created_at)
      select ${programmeId}, t.case_id, t.state, t.idx, t.event_type, t.due_at, ${now}
      from unnest(${arrayColumn(timers.caseIds, 'uuid')}, ${arrayColumn(timers.states, 'text')}, ${arrayColumn(timers.idxs, 'integer')},
        ${arrayColumn(timers.eventTypes, 'text')}, ${arrayColumn(timers.dueAts, 'timestamptz')})
        as t(case_id, state, idx, event_type, due_at)
      join opened o on o.id = t.case_id
    )
    select id from opened`);
  return new Set(inserted.map((row) => row.id));
}

/** The chunk's ledger movements: one entry per row and ledger, then each balance moved once. */
async function moveLedgers(
  tx: SqlClient,
  programmeId: string,
  caller: Caller,
  now: Date,
  entries: readonly Started[],
  ledgerBefore: readonly Record<string, number>[],
): Promise<void> {
  const ledgers: string[] = [];
  const caseIds: string[] = [];
  const amounts: string[] = [];
  const balancesAfter: string[] = [];
  const totals = new Map<string, number>();
  entries.forEach(({ record, result }, i) => {
    const after = applyDeltas(ledgerBefore[i]!, result.ledgerDeltas);
    // Sorted by name, as `writeStepEffects` writes them (`toEffectRows`).
    const { ledgerMoves } = toEffectRows(
      { programmeId, caseId: record.id, seq: 1, state: record.state, now },
      result,
    );
    for (const { ledger: name, amount } of ledgerMoves) {
      ledgers.push(name);
      caseIds.push(record.id);
      amounts.push(toAmountText(amount));
      balancesAfter.push(toAmountText(after[name]!));
      totals.set(name, addExact(totals.get(name) ?? 0, amount));
    }
  });
  const names = [...totals.keys()];
  const sums = [...totals.values()].map(toAmountText);
  await tx.query(sql`
    with moved as (
      update ledgers l set balance = l.balance + s.amount, updated_at = ${now}
      from unnest(${arrayColumn(names, 'text')}, ${arrayColumn(sums, 'numeric')}) as s(name, amount)
      where l.programme_id = ${programmeId} and l.name = s.name
    )
    insert into ledger_entries (programme_id, ledger, case_id, seq, amount, balance_after, actor, at)
    select ${programmeId}, m.ledger, m.case_id, 1, m.amount, m.balance_after, ${caller.actorId}, ${now}
    from unnest(${arrayColumn(ledgers, 'text')}, ${arrayColumn(caseIds, 'uuid')},
      ${arrayColumn(amounts, 'numeric')}, ${arrayColumn(balancesAfter, 'numeric')})
      with ordinality as m(ledger, case_id, amount, balance_after, n)
    order by m.n`);
}
