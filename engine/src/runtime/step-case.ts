/**
 * The pure step: (compiled template, case snapshot, event) → next snapshot and the effects to
 * persist, or a typed refusal. No I/O: the durable runtime wraps it in one SQL transaction, the
 * editor's simulator calls it in the browser, so what is simulated is what runs.
 */
import { initialTransition, transition } from 'xstate';
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { CaseContext, CaseEffect, CaseEvent } from '../compile/case-machine-types.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import {
  EngineError,
  EventNotAcceptedError,
  GuardRefusedError,
  LedgerInsufficientError,
  RoleNotAllowedError,
} from '../errors/engine-error.js';
import { addDuration } from './add-duration.js';
import { ownValue } from './own-value.js';
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

/** A timer to arm: the event fires at `dueAt` unless its state is left first. */
export interface TimerToArm {
  state: string;
  index: number;
  eventType: string;
  dueAt: Date;
}

/** What a step produced. */
export interface StepResult extends CaseState {
  /** The machine reached a top-level final state. */
  done: boolean;
  effects: CaseEffect[];
  /** States whose pending timers are cancelled (they were exited), applied before `armTimers`. */
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
  const [snapshot] = initialTransition(compiled.machine, {
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
  const declared = ownValue(compiled.template.events, event.type);
  const isTimer = event.type.startsWith('after:');
  const snapshot = resolve(compiled, state, env);
  if (
    (!declared && !isTimer) ||
    (isTimer && sender.roles !== undefined) ||
    !handles(snapshot, event.type)
  ) {
    // Listed only on refusal: the accepted events are not needed on the hot path.
    throw new EventNotAcceptedError(
      event.type,
      describeValue(state.value),
      eventsHandledBy(compiled, snapshot),
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
  const normalized: CaseEvent = { type: event.type, payload };
  compiled.guardFailures.length = 0;
  const enabled = compiled.machine.getTransitionData(snapshot, normalized);
  const failure = compiled.guardFailures.shift();
  if (failure) throw failure;
  if (!enabled || enabled.length === 0) {
    const guards = candidateGuards(snapshot, event.type).map(
      (name) => compiled.guardSources.get(name) ?? name,
    );
    throw new GuardRefusedError(event.type, describeValue(state.value), guards);
  }
  const [next] = transition(compiled.machine, snapshot, normalized);
  return finish(compiled, next, env);
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
      cancelTimersOf.push(effect.state);
      for (let i = armTimers.length - 1; i >= 0; i--)
        if (armTimers[i]!.state === effect.state) armTimers.splice(i, 1);
    } else if (effect.kind === 'enter') {
      (compiled.states.get(effect.state)?.def.after ?? []).forEach((timer, index) =>
        armTimers.push({
          state: effect.state,
          index,
          eventType: `after:${effect.state}:${index}`,
          dueAt: addDuration(env.now, timer.delay),
        }),
      );
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

/** Does any active state node handle this event type at all (ignoring guards)? */
function handles(snapshot: AnyMachineSnapshot, type: string): boolean {
  return snapshot._nodes.some((node) => ownValue(node.on, type) !== undefined);
}

function candidateGuards(snapshot: AnyMachineSnapshot, type: string): string[] {
  return snapshot._nodes.flatMap((node) =>
    (ownValue(node.on, type) ?? []).map((t) => (typeof t.guard === 'string' ? t.guard : '(guard)')),
  );
}

/** Declared events the case's current state handles (the "next events" a client may send). */
export function acceptedEvents(compiled: CompiledTemplate, value: StateValue): string[] {
  const snapshot = compiled.machine.resolveState({
    value,
    context: {
      data: {},
      params: {},
      ledger: {},
      now: new Date(0).toISOString(),
      assignee: null,
      effects: [],
    },
  });
  return eventsHandledBy(compiled, snapshot);
}

function eventsHandledBy(compiled: CompiledTemplate, snapshot: AnyMachineSnapshot): string[] {
  return Object.keys(compiled.template.events ?? {}).filter((type) => handles(snapshot, type));
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
