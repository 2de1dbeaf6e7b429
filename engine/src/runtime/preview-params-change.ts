/**
 * What a change of programme parameters would do to the open cases, before it is made: for each
 * case, every transition it may take next (each event its active states handle, each pending
 * timer) is resolved under the old and the new parameters on the case's own data, and the ones
 * that would now go elsewhere are reported. PURE: the store loads the cases, this only evaluates.
 *
 * Timer delays are fixed ISO durations in `relief/v1`, so no due time moves with a parameter; a
 * pending timer can still fire differently when its guard reads a parameter.
 */
import { getStateNodes } from 'xstate';
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { CaseContext } from '../compile/case-machine-types.js';
import { stateIdOf } from '../compile/state-ids.js';
import type { CompiledTemplate, StepEvent } from '../compile/compile-template.js';
import { describeValue } from './step-case.js';

/** An open case as the preview reads it. */
export interface PreviewCase {
  id: string;
  ref: string | null;
  value: StateValue;
  data: Record<string, unknown>;
  assignee: string | null;
  /** Its pending timers. */
  timers?: readonly { eventType: string; dueAt: Date }[] | undefined;
}

/**
 * Where a transition leads: a state path (its own state for a transition without target), null
 * when it is refused (no guard holds), `?` when a guard cannot be evaluated without the event's
 * payload.
 */
export type PreviewOutcome = string | null;

/** One next transition of a case that the change would send elsewhere. */
export interface PreviewChange {
  kind: 'event' | 'timer';
  /** The active state whose transition changes. */
  state: string;
  event: string;
  from: PreviewOutcome;
  to: PreviewOutcome;
  dueAt?: Date | undefined;
}

/** The changes for one case. */
export interface CasePreview {
  caseId: string;
  ref: string | null;
  state: string;
  changes: PreviewChange[];
}

/** Changes counted by state, event and outcome. */
export interface TransitionCount {
  state: string;
  event: string;
  from: PreviewOutcome;
  to: PreviewOutcome;
  count: number;
}

/** The whole preview. */
export interface ParamsPreview {
  summary: {
    casesExamined: number;
    casesAffected: number;
    byTransition: TransitionCount[];
    timersChanged: number;
  };
  /** Every affected case, in the order given. */
  cases: CasePreview[];
}

/** What guards may read besides the case: ledger balances and the time. */
export interface PreviewEnvironment {
  ledger: Record<string, number>;
  now: Date;
}

/** Outcome of an event that cannot be told without its payload. */
export const UNKNOWN_OUTCOME = '?';

/** Preview a change of parameters from `oldParams` to `newParams` over `cases`. */
export function previewParamsChange(
  compiled: CompiledTemplate,
  cases: Iterable<PreviewCase>,
  oldParams: Record<string, unknown>,
  newParams: Record<string, unknown>,
  env: PreviewEnvironment,
): ParamsPreview {
  const events = Object.keys(compiled.template.events ?? {});
  const counts = new Map<string, TransitionCount>();
  const affected: CasePreview[] = [];
  let examined = 0;
  let timersChanged = 0;
  for (const c of cases) {
    examined++;
    const before = resolve(compiled, c, oldParams, env);
    const after = resolve(compiled, c, newParams, env);
    const changes: PreviewChange[] = [];
    const compare = (kind: PreviewChange['kind'], event: string, dueAt?: Date) => {
      const from = outcome(compiled, before, event);
      const to = outcome(compiled, after, event);
      if (from.to === to.to) return;
      const state = from.source ?? to.source ?? describeValue(c.value);
      changes.push({ kind, state, event, from: from.to, to: to.to, ...(dueAt && { dueAt }) });
    };
    for (const event of events) if (handles(before, event)) compare('event', event);
    for (const timer of c.timers ?? []) compare('timer', timer.eventType, timer.dueAt);
    if (changes.length === 0) continue;
    affected.push({ caseId: c.id, ref: c.ref, state: describeValue(c.value), changes });
    for (const change of changes) {
      if (change.kind === 'timer') timersChanged++;
      const key = JSON.stringify([change.state, change.event, change.from, change.to]);
      const count = counts.get(key);
      if (count) count.count++;
      else
        counts.set(key, {
          state: change.state,
          event: change.event,
          from: change.from,
          to: change.to,
          count: 1,
        });
    }
  }
  return {
    summary: {
      casesExamined: examined,
      casesAffected: affected.length,
      byTransition: [...counts.values()].sort((a, b) => b.count - a.count),
      timersChanged,
    },
    cases: affected,
  };
}

function resolve(
  compiled: CompiledTemplate,
  c: PreviewCase,
  params: Record<string, unknown>,
  env: PreviewEnvironment,
): AnyMachineSnapshot {
  const context: CaseContext = {
    data: c.data,
    params,
    ledger: env.ledger,
    now: env.now.toISOString(),
    assignee: c.assignee,
    effects: [],
  };
  return compiled.machine.resolveState({ value: c.value, context });
}

/** Does an active state (or the machine itself) declare `type`? XState's public `getStateNodes`, not `snapshot._nodes`. */
function handles(snapshot: AnyMachineSnapshot, type: string): boolean {
  const root = snapshot.machine.root;
  return [root, ...getStateNodes(root, snapshot.value as StateValue)].some((node) =>
    Object.hasOwn(node.on, type),
  );
}

/** `s/enrolled/prepared` (an XState node id, see `idOf`) → `enrolled.prepared`. */
function pathOf(node: { id: string }): string {
  return stateIdOf(node.id) ?? node.id;
}

/** Which transition `type` would take, evaluated without a payload, and from which state. */
function outcome(
  compiled: CompiledTemplate,
  snapshot: AnyMachineSnapshot,
  type: string,
): { to: PreviewOutcome; source: string | undefined } {
  // Guards report evaluation failures into the event they are given (see `StepEvent`).
  const guardFailures: NonNullable<StepEvent['guardFailures']> = [];
  const event: StepEvent = { type, payload: {}, guardFailures };
  const taken = compiled.machine.getTransitionData(snapshot, event) ?? [];
  const failed = guardFailures.length > 0;
  const source = taken[0]?.source ? pathOf(taken[0].source) : undefined;
  if (failed) return { to: UNKNOWN_OUTCOME, source };
  if (taken.length === 0) return { to: null, source };
  const to = taken
    .map((t) =>
      t.target && t.target.length > 0 ? t.target.map(pathOf).join(' + ') : pathOf(t.source),
    )
    .join(' + ');
  return { to, source };
}
