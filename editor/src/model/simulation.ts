/**
 * The simulator: the engine's own `startCase`/`stepCase` on a case kept in memory, with a clock
 * that fires due timers the way the server's scheduler does (event `after:<state>:<i>`, no roles).
 * Every function returns a new simulation; refusals are recorded, never thrown.
 */
import {
  acceptedEvents,
  activeStateIds,
  addExact,
  compileTemplate,
  EngineError,
  isTimerEvent,
  openingBalances,
  startCase,
  stateIdOf,
  stepCase,
  validateCaseData,
  validateEventPayload,
  validateParams,
} from '@relief/engine';
import type {
  CaseEffect,
  CaseState,
  CompiledTemplate,
  StepResult,
  Template,
  TimerToArm,
} from '@relief/engine';
import { eventEdgeId } from './template-graph.js';

/** One line of the simulator's log. */
export interface SimEntry {
  at: string;
  event: string;
  from: string[];
  to: string[];
  edge: string | undefined;
  effects: CaseEffect[];
  error: string | undefined;
  /** The refusal's stable code and details, so the panel can say it in the designer's language. */
  failure?: SimFailure;
  /** The role the event was sent as (undefined: any role, or the clock). */
  role?: string;
}

/** Why the engine refused: its code and details (field errors, the ledger, the roles allowed). */
export interface SimFailure {
  code: string;
  details?: Record<string, unknown>;
}

/** A simulated case. */
export interface Simulation {
  compiled: CompiledTemplate;
  params: Record<string, unknown>;
  ledger: Record<string, number>;
  now: Date;
  state: CaseState | undefined;
  done: boolean;
  timers: TimerToArm[];
  /** Edge ids taken, in order (drawn on the canvas). */
  path: string[];
  log: SimEntry[];
  /** Why the case could not start (bad data or params), if it could not. */
  error: string | undefined;
  /** The same, by code and details. */
  failure?: SimFailure;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const failureOf = (e: unknown): SimFailure =>
  e instanceof EngineError
    ? { code: e.code, ...(e.details && { details: e.details }) }
    : { code: 'other' };

/** Ids of the active states: every active leaf and its ancestors (the engine's own rule). */
export function activeStates(sim: Pick<Simulation, 'compiled' | 'state'>): string[] {
  return sim.state ? activeStateIds(sim.state.value) : [];
}

/** Start a case of `template` with sample data and programme parameters at time `now`. */
export function startSimulation(
  template: Template,
  data: unknown,
  params: unknown,
  now: Date,
): Simulation {
  const compiled = compileTemplate(template);
  const sim: Simulation = {
    compiled,
    params: {},
    ledger: {},
    now,
    state: undefined,
    done: false,
    timers: [],
    path: [],
    log: [],
    error: undefined,
  };
  try {
    sim.params = validateParams(compiled, params);
    sim.ledger = openingBalances(compiled, sim.params, now);
    const result = startCase(compiled, validateCaseData(compiled, data), {
      params: sim.params,
      ledger: sim.ledger,
      now,
    });
    return apply(sim, result, {
      at: now.toISOString(),
      event: '(start)',
      from: [],
      edge: undefined,
    });
  } catch (e) {
    return { ...sim, error: message(e), failure: failureOf(e) };
  }
}

/** The declared events the current state accepts. */
export function simEvents(sim: Simulation): string[] {
  return sim.state && !sim.done ? acceptedEvents(sim.compiled, sim.state.value) : [];
}

/**
 * Send an event as `role` (any role when undefined); a refusal is logged and nothing else changes.
 * A role the event does not allow is refused as the server would.
 */
export function sendSimEvent(
  sim: Simulation,
  type: string,
  payload: Record<string, unknown> = {},
  role?: string,
): Simulation {
  if (!sim.state) return sim;
  const from = activeStates(sim);
  const entry = {
    at: sim.now.toISOString(),
    event: type,
    from,
    edge: undefined as string | undefined,
    ...(role !== undefined && { role }),
  };
  try {
    const result = stepCase(
      sim.compiled,
      sim.state,
      { type, payload },
      { params: sim.params, ledger: sim.ledger, now: sim.now },
      role !== undefined ? { roles: [role] } : {},
    );
    // Asked of the state before the step (the engine's checks above came first).
    entry.edge = takenEdge(sim, type, payload);
    return apply(sim, result, entry);
  } catch (e) {
    const error = message(e);
    return {
      ...sim,
      log: [...sim.log, { ...entry, to: from, effects: [], error, failure: failureOf(e) }],
    };
  }
}

/** Move the clock forward, firing every timer that falls due on the way, in due order. */
export function advanceClock(sim: Simulation, ms: number): Simulation {
  const until = new Date(sim.now.getTime() + ms);
  let current = sim;
  for (let guard = 0; guard < 1000; guard++) {
    const due = [...current.timers].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
    if (!due || due.dueAt > until || current.done) break;
    current = { ...current, now: due.dueAt, timers: current.timers.filter((t) => t !== due) };
    current = sendSimEvent(current, due.eventType);
  }
  return { ...current, now: until };
}

function apply(
  sim: Simulation,
  result: StepResult,
  entry: Omit<SimEntry, 'to' | 'effects' | 'error'>,
): Simulation {
  const ledger = { ...sim.ledger };
  for (const [name, delta] of Object.entries(result.ledgerDeltas))
    ledger[name] = addExact(ledger[name] ?? 0, delta);
  const timers = [
    ...sim.timers.filter((t) => !result.cancelTimersOf.includes(t.state)),
    ...result.armTimers,
  ];
  const next: Simulation = {
    ...sim,
    ledger,
    state: { value: result.value, data: result.data, assignee: result.assignee },
    done: result.done,
    timers,
  };
  const to = activeStates(next);
  return {
    ...next,
    path: entry.edge ? [...sim.path, entry.edge] : sim.path,
    log: [...sim.log, { ...entry, to, effects: result.effects, error: undefined }],
  };
}

/** Which edge an event takes from the current state (asked of the machine, before stepping). */
function takenEdge(
  sim: Simulation,
  type: string,
  payload: Record<string, unknown>,
): string | undefined {
  if (isTimerEvent(type)) return type;
  if (!sim.compiled.template.events?.[type]) return undefined;
  const normalized = { type, payload: validateEventPayload(sim.compiled, type, payload) };
  const snapshot = sim.compiled.machine.resolveState({
    value: sim.state!.value,
    context: {
      ...emptyContext(),
      data: sim.state!.data,
      params: sim.params,
      ledger: sim.ledger,
      now: sim.now.toISOString(),
    },
  });
  const [t] = sim.compiled.machine.getTransitionData(snapshot, normalized) ?? [];
  if (!t) return undefined;
  const source = stateIdOf(t.source.id) ?? t.source.id;
  const index = (t.source.on[type] ?? []).indexOf(t);
  return eventEdgeId(source, type, Math.max(0, index));
}

function emptyContext() {
  return {
    data: {},
    params: {},
    ledger: {},
    now: new Date(0).toISOString(),
    assignee: null,
    effects: [],
  };
}
