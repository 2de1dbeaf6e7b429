/**
 * Template → XState v5 machine. Guards and actions are named implementations registered with
 * `setup()`; each evaluates compiled CEL. Timers are not XState delays: they are durable rows the
 * runtime arms on `enter` effects and fires as `after:<state>:<i>` events, so they survive restarts.
 * Only a state with `after` timers records `enter`/`exit` effects: for any other state they would
 * fold into nothing, and each is an `assign` XState resolves by copying the context and the
 * snapshot (a quarter of a plain step's allocation: 272 against 208 scavenges per 200,000 steps,
 * docs/performance.md, "Tenth session").
 */
import { assign, setup } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { compileExpression } from '../expr/index.js';
import type { CompiledExpression } from '../expr/index.js';
import type { ExpressionBudgetError, ExpressionFailedError } from '../errors/engine-error.js';
import { indexStates, resolveTarget } from '../template/state-index.js';
import type { StateIndex } from '../template/state-index.js';
import { toTransitions } from '../template/template.js';
import type { Action, StateDef, Template, Transition } from '../template/template.js';
import { compileAction } from './action-kinds.js';
import type { ActionImpl } from './action-kinds.js';
import type { CaseContext, CaseEvent, CaseInput } from './case-machine-types.js';
import { evaluate, toBool } from './evaluate-expression.js';
import { idOf, timerEventType } from './state-ids.js';

/** A compiled template: the machine and what the runtime needs to drive it. */
export interface CompiledTemplate {
  readonly template: Template;
  readonly machine: AnyStateMachine;
  readonly states: StateIndex;
  /** Guard source by guard name, for refusal messages. */
  readonly guardSources: ReadonlyMap<string, string>;
}

/**
 * The event as a step hands it to the machine, with the step's own collector of guard failures.
 * A guard that fails to evaluate (e.g. reads a missing field) must refuse the event, not fall
 * through to the next transition (often a rejection). XState rethrows guard errors without their
 * cause, so a guard records the typed error in the event it was given and the step rethrows it:
 * nothing mutable lives on the compiled template, which is cached and shared.
 */
export interface StepEvent extends CaseEvent {
  readonly guardFailures?: (ExpressionFailedError | ExpressionBudgetError)[];
}

type GuardImpl = (args: { context: CaseContext; event: CaseEvent }) => boolean;

/** Compile a template the validator accepted. */
export function compileTemplate(template: Template): CompiledTemplate {
  const states = indexStates(template);
  const guards: Record<string, GuardImpl> = {};
  const actions: Record<string, ActionImpl> = {};
  const guardSources = new Map<string, string>();
  // Templates repeat expressions (the same guard or `set` in many states); a compiled expression
  // holds no state, so one per distinct source does.
  const compiled = new Map<string, CompiledExpression>();
  const compile = (source: string): CompiledExpression => {
    let expr = compiled.get(source);
    if (!expr) compiled.set(source, (expr = compileExpression(source)));
    return expr;
  };

  const guardFor = (source: string): string => {
    const name = `guard:${source}`;
    if (!guards[name]) {
      const expr = compile(source);
      guards[name] = ({ context, event }) => {
        try {
          return toBool(evaluate(expr, context, event), source);
        } catch (error) {
          (event as StepEvent).guardFailures?.push(
            error as ExpressionFailedError | ExpressionBudgetError,
          );
          return false;
        }
      };
      guardSources.set(name, source);
    }
    return name;
  };
  const actionFor = (action: Action, pointer: string): string => {
    const name = `action:${pointer}`;
    actions[name] = compileAction(action, compile);
    return name;
  };
  const markers = (kind: 'enter' | 'exit', state: string, def: StateDef): string[] => {
    if (!def.after?.length) return [];
    const name = `${kind}:${state}`;
    actions[name] = assign({ effects: ({ context }) => [...context.effects, { kind, state }] });
    return [name];
  };
  const transitionConfig = (fromId: string, t: Transition, pointer: string) => {
    const target = t.target === undefined ? undefined : resolveTarget(states, fromId, t.target);
    return {
      ...(target !== undefined && { target: `#${idOf(target)}`, reenter: target === fromId }),
      ...(t.guard !== undefined && { guard: guardFor(t.guard) }),
      actions: (t.actions ?? []).map((a, i) => actionFor(a, `${pointer}/actions/${i}`)),
    };
  };

  const stateConfig = (id: string, def: StateDef): Record<string, unknown> => {
    const pointer = states.get(id)!.pointer;
    const on: Record<string, unknown> = {};
    for (const [event, spec] of Object.entries(def.on ?? {})) {
      const list = toTransitions(spec);
      on[event] = list.map((t, i) =>
        transitionConfig(
          id,
          t,
          Array.isArray(spec) ? `${pointer}/on/${event}/${i}` : `${pointer}/on/${event}`,
        ),
      );
    }
    (def.after ?? []).forEach((timer, i) => {
      on[timerEventType(id, i)] = [transitionConfig(id, timer, `${pointer}/after/${i}`)];
    });
    const children = Object.entries(def.states ?? {});
    return {
      id: idOf(id),
      ...(def.type === 'final' && { type: 'final' }),
      ...(def.type === 'parallel' && { type: 'parallel' }),
      ...(def.initial !== undefined && def.type !== 'parallel' && { initial: def.initial }),
      ...(children.length > 0 && {
        states: Object.fromEntries(
          children.map(([key, child]) => [key, stateConfig(`${id}.${key}`, child)]),
        ),
      }),
      on,
      entry: [
        ...markers('enter', id, def),
        ...(def.entry ?? []).map((a, i) => actionFor(a, `${pointer}/entry/${i}`)),
      ],
      exit: [
        ...markers('exit', id, def),
        ...(def.exit ?? []).map((a, i) => actionFor(a, `${pointer}/exit/${i}`)),
      ],
    };
  };

  const config = {
    id: template.id,
    context: ({ input }: { input: CaseInput }): CaseContext => ({ ...input, effects: [] }),
    initial: template.initial,
    states: Object.fromEntries(
      Object.entries(template.states).map(([key, def]) => [key, stateConfig(key, def)]),
    ),
  };
  const machine = setup({
    // The type-only argument is how XState learns the context/event types; it is not a cast of a value.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    types: {} as { context: CaseContext; events: CaseEvent; input: CaseInput },
    guards,
    actions,
  }).createMachine(config as never) as unknown as AnyStateMachine;
  return { template, machine, states, guardSources };
}
