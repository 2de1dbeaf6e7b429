/**
 * The reference driver: a whole programme kept in memory over the engine's pure API. No database,
 * no scheduler, an injected clock. The durable runtime must behave exactly like this one, which is
 * why the scenario files are written against `ProgrammeDriver` and not against this module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CASE_TIMER_STATE,
  EngineError,
  EventNotAcceptedError,
  GuardRefusedError,
  LedgerInsufficientError,
  activeStateIds,
  addExact,
  describeValue,
  loadTemplate as loadTemplateSource,
  openingBalances,
  startCase,
  stepCase,
  validateCaseData,
  validateParams,
} from '@relief/engine';
import type { CaseState, CompiledTemplate, Sender, StepResult } from '@relief/engine';
import type { CaseView, DriverFactory, ProgrammeDriver } from './programme-driver.js';

type StateValue = CaseState['value'];

/** Where the shipped templates live (`templates/<id>.yaml` at the workspace root). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** One accepted event of a case, as the durable runtime's history table keeps it. */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  /** The sender's roles; `null` for the system (timers, case opening). */
  roles: readonly string[] | null;
  from: string | null;
  to: string;
  at: Date;
}

/** A timer armed for a case, keyed by case + state + index. */
export interface ArmedTimer {
  caseId: string;
  state: string;
  index: number;
  eventType: string;
  dueAt: Date;
}

/** A timer that fell due but could not be applied for a reason other than its guard or state. */
export interface TimerFailure {
  timer: ArmedTimer;
  error: EngineError;
}

/** What the in-memory driver offers beyond `ProgrammeDriver` (for its own tests and debugging). */
export interface InMemoryProgrammeDriver extends ProgrammeDriver {
  history(caseId: string): Promise<HistoryEntry[]>;
  pendingTimers(): Promise<ArmedTimer[]>;
  timerFailures(): Promise<TimerFailure[]>;
  params(): Promise<Record<string, unknown>>;
  now(): Date;
}

interface CaseRecord {
  id: string;
  state: CaseState;
  version: number;
  done: boolean;
  history: HistoryEntry[];
}

interface TimerRecord extends ArmedTimer {
  /** Arming order, to keep timers that fall due at the same instant in a stable order. */
  seq: number;
}

/** More timer firings than this in one `advance` means a timer loop in the template. */
const MAX_FIRINGS_PER_ADVANCE = 1_000_000;

/** Read, validate and compile `templates/<id>.yaml`; fails loudly with every finding. */
export function loadTemplate(templateId: string, dir: string = TEMPLATES_DIR): CompiledTemplate {
  const file = join(dir, `${templateId}.yaml`);
  const source = readFileSync(file, 'utf8');
  const loaded = loadTemplateSource(source);
  if ('issues' in loaded) {
    const findings = loaded.issues
      .map(
        (i) => `${file}:${i.line}:${i.col}: ${i.severity}: ${i.message} [${i.code}] (${i.pointer})`,
      )
      .join('\n');
    throw new Error(`template '${templateId}' is not valid:\n${findings}`);
  }
  return loaded.compiled;
}

/** Run synchronous work as a promise: a throw becomes a rejection. */
function later<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** Is the state with dotted id `id` active in `value`? The engine's own rule. */
function isActive(value: StateValue, id: string): boolean {
  return activeStateIds(value).includes(id);
}

const timerKey = (caseId: string, state: string, index: number, seq: number): string =>
  // Case-level timers (`schedule`) are each their own, like rows; a state's timer is replaced.
  state === CASE_TIMER_STATE
    ? `${caseId}\u0000\u0000${seq}`
    : `${caseId}\u0000${state}\u0000${index}`;

/** Creates a fresh in-memory programme. */
export const createInMemoryDriver: DriverFactory = (templateId, params, now) =>
  later(() => createInMemoryProgramme(templateId, params, now));

/** The same as `createInMemoryDriver`, typed with the in-memory extras. */
export function createInMemoryProgramme(
  templateId: string,
  initialParams: Record<string, unknown>,
  start: Date,
): InMemoryProgrammeDriver {
  const compiled = loadTemplate(templateId);
  let params = validateParams(compiled, initialParams);
  let clock = new Date(start.getTime());
  let ledger = openingBalances(compiled, params, clock);
  const cases = new Map<string, CaseRecord>();
  const timers = new Map<string, TimerRecord>();
  const notifications: { caseId: string; role: string; message: unknown }[] = [];
  const emitted: { caseId: string; name: string }[] = [];
  const failures: TimerFailure[] = [];
  let nextCase = 1;
  let nextTimer = 1;

  const env = () => ({ params, ledger: { ...ledger }, now: new Date(clock.getTime()) });

  const view = (record: CaseRecord): CaseView => ({
    id: record.id,
    state: describeValue(record.state.value),
    value: structuredClone(record.state.value),
    data: structuredClone(record.state.data),
    assignee: record.state.assignee,
    version: record.version,
    done: record.done,
  });

  const find = (caseId: string): CaseRecord => {
    const record = cases.get(caseId);
    if (!record)
      throw new EngineError(
        'case-not-found',
        'not-found',
        `no case '${caseId}' in this programme`,
        { caseId },
      );
    return record;
  };

  /** Everything a step produced, applied at once (the step already refused anything invalid). */
  const apply = (
    record: CaseRecord,
    result: StepResult,
    event: { type: string; payload: Record<string, unknown> },
    roles: readonly string[] | null,
  ): void => {
    const nextLedger = { ...ledger };
    for (const [name, delta] of Object.entries(result.ledgerDeltas)) {
      const balance = addExact(nextLedger[name] ?? 0, delta);
      // The engine refuses such a step itself; this is the driver's own "never negative" check.
      if (balance < 0) throw new LedgerInsufficientError(name, nextLedger[name] ?? 0, delta);
      nextLedger[name] = balance;
    }
    const from = record.history.length === 0 ? null : describeValue(record.state.value);
    ledger = nextLedger;
    record.state = { value: result.value, data: result.data, assignee: result.assignee };
    record.done = result.done;
    record.version += 1;
    record.history.push({
      seq: record.history.length + 1,
      type: event.type,
      payload: structuredClone(event.payload),
      roles: roles === null ? null : [...roles],
      from,
      to: describeValue(result.value),
      at: new Date(clock.getTime()),
    });
    for (const effect of result.effects) {
      switch (effect.kind) {
        case 'notify':
          notifications.push({ caseId: record.id, role: effect.role, message: effect.message });
          break;
        case 'emit':
          emitted.push({ caseId: record.id, name: effect.name });
          break;
        // Folded by the step into the timers and ledger deltas applied here; the assignee is state.
        case 'schedule':
        case 'enter':
        case 'exit':
        case 'ledger':
        case 'assign':
          break;
        default: {
          const unhandled: never = effect;
          throw new Error(`the reference driver does not apply ${JSON.stringify(unhandled)}`);
        }
      }
    }
    for (const state of result.cancelTimersOf) {
      for (const [key, timer] of timers)
        if (timer.caseId === record.id && timer.state === state) timers.delete(key);
    }
    for (const t of result.armTimers) {
      const seq = nextTimer++;
      timers.set(timerKey(record.id, t.state, t.index, seq), {
        caseId: record.id,
        state: t.state,
        index: t.index,
        eventType: t.eventType,
        dueAt: new Date(t.dueAt.getTime()),
        seq,
      });
    }
  };

  const nextDue = (until: number): TimerRecord | undefined => {
    let best: TimerRecord | undefined;
    for (const timer of timers.values()) {
      if (timer.dueAt.getTime() > until) continue;
      if (
        !best ||
        timer.dueAt.getTime() < best.dueAt.getTime() ||
        (timer.dueAt.getTime() === best.dueAt.getTime() && timer.seq < best.seq)
      )
        best = timer;
    }
    return best;
  };

  const fire = (timer: TimerRecord): void => {
    const record = cases.get(timer.caseId);
    if (!record || record.done) return;
    // A state's timer needs its state; a case-level one is sent whatever the state.
    if (timer.state !== CASE_TIMER_STATE && !isActive(record.state.value, timer.state)) return;
    const event = { type: timer.eventType, payload: {} };
    const system: Sender = {};
    let result: StepResult;
    try {
      result = stepCase(compiled, record.state, event, env(), system);
    } catch (error) {
      // A guarded timer whose guard does not hold simply does not fire.
      if (error instanceof GuardRefusedError || error instanceof EventNotAcceptedError) return;
      if (error instanceof EngineError) {
        failures.push({ timer: { ...timer, dueAt: new Date(timer.dueAt.getTime()) }, error });
        return;
      }
      throw error;
    }
    apply(record, result, event, null);
  };

  return {
    open: (data) =>
      later(() => {
        const valid = validateCaseData(compiled, data);
        const result = startCase(compiled, valid, env());
        const record: CaseRecord = {
          id: `case-${nextCase++}`,
          state: { value: result.value, data: valid, assignee: null },
          version: 0,
          done: false,
          history: [],
        };
        apply(record, result, { type: '(open)', payload: valid }, null);
        cases.set(record.id, record);
        return view(record);
      }),

    send: (caseId, type, payload, roles) =>
      later(() => {
        const record = find(caseId);
        const sender: Sender = { roles };
        const result = stepCase(
          compiled,
          record.state,
          { type, payload: payload ?? {} },
          env(),
          sender,
        );
        apply(record, result, { type, payload: payload ?? {} }, roles ?? null);
        return view(record);
      }),

    advance: (ms) =>
      later(() => {
        if (!Number.isFinite(ms) || ms < 0)
          throw new RangeError(`advance needs a duration ≥ 0 in ms, got ${ms}`);
        const until = clock.getTime() + ms;
        for (let firings = 0; ; firings++) {
          if (firings >= MAX_FIRINGS_PER_ADVANCE)
            throw new Error(
              `more than ${MAX_FIRINGS_PER_ADVANCE} timer firings in one advance: a timer loop?`,
            );
          const timer = nextDue(until);
          if (!timer) break;
          timers.delete(timerKey(timer.caseId, timer.state, timer.index, timer.seq));
          if (timer.dueAt.getTime() > clock.getTime()) clock = new Date(timer.dueAt.getTime());
          fire(timer);
        }
        clock = new Date(until);
      }),

    get: (caseId) => later(() => view(find(caseId))),

    balances: () => later(() => ({ ...ledger })),

    notifications: () =>
      later(() => notifications.map((n) => ({ ...n, message: structuredClone(n.message) }))),

    emitted: () => later(() => emitted.map((e) => ({ ...e }))),

    setParams: (changes) =>
      later(() => {
        params = validateParams(compiled, { ...params, ...changes });
      }),

    history: (caseId) => later(() => structuredClone(find(caseId).history)),

    pendingTimers: () =>
      later(() =>
        [...timers.values()]
          .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.seq - b.seq)
          .map(({ caseId, state, index, eventType, dueAt }) => ({
            caseId,
            state,
            index,
            eventType,
            dueAt: new Date(dueAt.getTime()),
          })),
      ),

    timerFailures: () => later(() => [...failures]),

    params: () => later(() => structuredClone(params)),

    now: () => new Date(clock.getTime()),
  };
}
