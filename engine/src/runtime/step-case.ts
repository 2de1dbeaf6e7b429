/**
 * The pure step: (compiled template, case snapshot, event) → next snapshot and the effects to
 * persist, or a typed refusal. No I/O: the durable runtime wraps it in one SQL transaction, the
 * editor's simulator calls it in the browser, so what is simulated is what runs.
 */
import { createActor } from 'xstate';
import type { ActorScope, AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { CaseContext, CaseEffect, CaseEvent } from '../compile/case-machine-types.js';
import type { CompiledTemplate, StepEvent } from '../compile/compile-template.js';
import {
  CASE_TIMER_STATE,
  isTimerEvent,
  parseTimerEvent,
  timerEventType,
} from '../compile/state-ids.js';
import type { ExpressionBudgetError, ExpressionFailedError } from '../errors/engine-error.js';
import {
  EngineError,
  EventNotAcceptedError,
  GuardRefusedError,
  LedgerInsufficientError,
  RoleNotAllowedError,
} from '../errors/engine-error.js';
import { toTransitions } from '../template/template.js';
import { activeStateIds } from './active-state-ids.js';
import { addDuration } from './add-duration.js';
import { validateEventPayload } from './validate-case-input.js';

/** A case as the runtime keeps it. */
export interface CaseState {
  value: StateValue;
  data: Record<string, unknown>;
  assignee: string | null;
}

/** The world a step reads: programme parameters, ledger balances and the clock. */
export interface StepEnvironment {
  params: Record<string, unknown>;
  ledger: Record<string, number>;
  now: Date;
}

/**
 * A timer to arm: the event fires at `dueAt` unless its state is left first. A case-level timer
 * (`schedule` action) has `state` `CASE_TIMER_STATE` and fires whatever states the case is in.
 */
export interface TimerToArm {
  state: string;
  /** The timer's place in its state's `after` list; for case-level timers, its place in the step. */
  index: number;
  eventType: string;
  dueAt: Date;
}

/** What a step produced. */
export interface StepResult extends CaseState {
  /** The machine reached a top-level final state. */
  done: boolean;
  effects: CaseEffect[];
  /**
   * Exited states with `after` timers, whose pending timers are cancelled; applied before
   * `armTimers`.
   */
  cancelTimersOf: string[];
  armTimers: TimerToArm[];
  /** Net change per ledger. */
  ledgerDeltas: Record<string, number>;
}

/** Who sends an event: `roles` undefined means the system itself (timers), which skips role checks. */
export interface Sender {
  roles?: readonly string[];
}

/** Enter the initial state of a new case. */
export function startCase(
  compiled: CompiledTemplate,
  data: Record<string, unknown>,
  env: StepEnvironment,
): StepResult {
  // `initialTransition()` would build an actor first, computing an initial snapshot of its own.
  const snapshot = compiled.machine.getInitialSnapshot(inertScope(compiled.machine), {
    data,
    params: env.params,
    ledger: env.ledger,
    now: env.now.toISOString(),
    assignee: null,
  });
  return finish(compiled, snapshot, env);
}

/** Apply one event to a case, or throw a typed refusal (nothing changes). */
export function stepCase(
  compiled: CompiledTemplate,
  state: CaseState,
  event: CaseEvent,
  env: StepEnvironment,
  sender: Sender = {},
): StepResult {
  const events = compiled.template.events ?? {};
  // Own keys only: an event named `constructor` is not declared by every object's prototype.
  const declared = Object.hasOwn(events, event.type) ? events[event.type] : undefined;
  const isTimer = isTimerEvent(event.type);
  const active = activeStateIds(state.value);
  if (
    (!declared && !isTimer) ||
    (isTimer && sender.roles !== undefined) ||
    !handles(compiled, active, event.type)
  ) {
    // Listed only on refusal: the accepted events are not needed on the hot path.
    throw new EventNotAcceptedError(
      event.type,
      describeValue(state.value),
      eventsHandledBy(compiled, active),
    );
  }
  if (
    declared &&
    sender.roles !== undefined &&
    declared.roles &&
    !declared.roles.some((r) => sender.roles!.includes(r))
  ) {
    throw new RoleNotAllowedError(event.type, declared.roles);
  }
  const payload = declared ? validateEventPayload(compiled, event.type, event.payload ?? {}) : {};
  // This step's own collector of guard failures (see `StepEvent`).
  const guardFailures: (ExpressionFailedError | ExpressionBudgetError)[] = [];
  const normalized: StepEvent = { type: event.type, payload, guardFailures };
  const snapshot = resolve(compiled, state, env);
  const enabled = compiled.machine.getTransitionData(snapshot, normalized);
  const failure = guardFailures[0];
  if (failure) throw failure;
  if (!enabled || enabled.length === 0) {
    throw new GuardRefusedError(
      event.type,
      describeValue(state.value),
      candidateGuards(compiled, active, event.type),
    );
  }
  const next = compiled.machine.transition(snapshot, normalized, inertScope(compiled.machine));
  return finish(compiled, next, env);
}

/** One inert actor scope per machine (see `inertScope`). */
const scopes = new WeakMap<AnyStateMachine, ActorScope<AnyMachineSnapshot, StepEvent>>();

/**
 * What XState's `transition()` builds on every call, built once per machine: an actor that is
 * never started (its constructor computes the machine's whole initial snapshot, three quarters
 * of a step's CPU) and a scope that executes nothing. A step only reads the next snapshot: every
 * action of a compiled template is an `assign`, resolved inside `transition`, and nothing is
 * spawned or invoked, so no call leaves anything in the shared scope for the next one.
 */
function inertScope(machine: AnyStateMachine): ActorScope<AnyMachineSnapshot, StepEvent> {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      defer: () => undefined,
      id: '',
      logger: () => undefined,
      sessionId: '',
      stopChild: () => undefined,
      system: self.system,
      emit: () => undefined,
      actionExecutor: () => undefined,
    };
    scopes.set(machine, scope);
  }
  return scope;
}

function resolve(
  compiled: CompiledTemplate,
  state: CaseState,
  env: StepEnvironment,
): AnyMachineSnapshot {
  const context: CaseContext = {
    data: state.data,
    params: env.params,
    ledger: env.ledger,
    now: env.now.toISOString(),
    assignee: state.assignee,
    effects: [],
  };
  return compiled.machine.resolveState({ value: state.value, context });
}

function finish(
  compiled: CompiledTemplate,
  snapshot: AnyMachineSnapshot,
  env: StepEnvironment,
): StepResult {
  if (snapshot.status === 'error') {
    const error: unknown = snapshot.error;
    throw error instanceof EngineError
      ? error
      : new EngineError('step-failed', 'internal', String(error));
  }
  const context = snapshot.context as CaseContext;
  const ledgerDeltas: Record<string, number> = {};
  for (const effect of context.effects) {
    if (effect.kind === 'ledger')
      ledgerDeltas[effect.ledger] = (ledgerDeltas[effect.ledger] ?? 0) + effect.amount;
  }
  for (const [name, balance] of Object.entries(context.ledger)) {
    if (balance < 0)
      throw new LedgerInsufficientError(name, env.ledger[name] ?? 0, ledgerDeltas[name] ?? 0);
  }
  const cancelTimersOf: string[] = [];
  const armTimers: TimerToArm[] = [];
  for (const effect of context.effects) {
    if (effect.kind === 'exit') {
      // Only a state with `after` timers can have any pending (a migration cancels the rest),
      // so leaving any other state writes nothing: one statement less per event.
      if (compiled.states.get(effect.state)?.def.after?.length) cancelTimersOf.push(effect.state);
      for (let i = armTimers.length - 1; i >= 0; i--)
        if (armTimers[i]!.state === effect.state) armTimers.splice(i, 1);
    } else if (effect.kind === 'enter') {
      (compiled.states.get(effect.state)?.def.after ?? []).forEach((timer, index) =>
        armTimers.push({
          state: effect.state,
          index,
          eventType: timerEventType(effect.state, index),
          dueAt: addDuration(env.now, timer.delay),
        }),
      );
    } else if (effect.kind === 'schedule') {
      armTimers.push({
        state: CASE_TIMER_STATE,
        index: armTimers.filter((t) => t.state === CASE_TIMER_STATE).length,
        eventType: effect.event,
        dueAt: addDuration(env.now, effect.delay),
      });
    }
  }
  return {
    value: snapshot.value as StateValue,
    data: context.data,
    assignee: context.assignee,
    done: snapshot.status === 'done',
    effects: context.effects,
    cancelTimersOf,
    armTimers,
    ledgerDeltas,
  };
}

/** The transitions active states have for `type` (an `on` event, or a state timer firing). */
function transitionsFor(compiled: CompiledTemplate, active: readonly string[], type: string) {
  const timer = parseTimerEvent(type);
  if (timer) {
    const def = active.includes(timer.state) ? compiled.states.get(timer.state)?.def : undefined;
    const after = def?.after?.[timer.index];
    return after ? [after] : [];
  }
  return active.flatMap((id) => {
    const on = compiled.states.get(id)?.def.on ?? {};
    return Object.hasOwn(on, type) ? toTransitions(on[type]!) : [];
  });
}

/**
 * Does any active state handle this event type at all (ignoring guards)? Asked of the template's
 * state index, not of XState's private node list.
 */
function handles(compiled: CompiledTemplate, active: readonly string[], type: string): boolean {
  return transitionsFor(compiled, active, type).length > 0;
}

/** The guards that were tried for `type`, as their sources, for the refusal message. */
function candidateGuards(
  compiled: CompiledTemplate,
  active: readonly string[],
  type: string,
): string[] {
  return transitionsFor(compiled, active, type).map((t) => t.guard ?? '(guard)');
}

/** Declared events the case's current state handles (the "next events" a client may send). */
export function acceptedEvents(compiled: CompiledTemplate, value: StateValue): string[] {
  return eventsHandledBy(compiled, activeStateIds(value));
}

function eventsHandledBy(compiled: CompiledTemplate, active: readonly string[]): string[] {
  return Object.keys(compiled.template.events ?? {}).filter((type) =>
    handles(compiled, active, type),
  );
}

/** A state value as a readable dotted path (`enrolled.waiting`), parallel regions joined by `+`. */
export function describeValue(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) =>
      child === undefined
        ? key
        : describeValue(child)
            .split(' + ')
            .map((c) => `${key}.${c}`)
            .join(' + '),
    )
    .join(' + ');
}
