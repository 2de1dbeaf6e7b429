/**
 * Template → XState v5 machine. Guards and actions are named implementations registered with
 * `setup()`; each evaluates compiled CEL. Timers are not XState delays: they are durable rows the
 * runtime arms on `enter` effects and fires as `after:<state>:<i>` events, so they survive restarts.
 */
import { assign, setup } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { compileExpression } from '../expr/index.js';
import type { CompiledExpression, ExprContext } from '../expr/index.js';
import { ExpressionBudgetError, ExpressionFailedError } from '../errors/engine-error.js';
import { indexStates, resolveTarget } from '../template/state-index.js';
import type { StateIndex } from '../template/state-index.js';
import { toTransitions } from '../template/template.js';
import type { Action, StateDef, Template, Transition } from '../template/template.js';
import { timerEventType } from './case-machine-types.js';
import type { CaseContext, CaseEffect, CaseEvent, CaseInput } from './case-machine-types.js';

/** A compiled template: the machine and what the runtime needs to drive it. */
export interface CompiledTemplate {
  readonly template: Template;
  readonly machine: AnyStateMachine;
  readonly states: StateIndex;
  /** Guard source by guard name, for refusal messages. */
  readonly guardSources: ReadonlyMap<string, string>;
  /**
   * A guard that fails to evaluate (e.g. reads a missing field) must refuse the event, not fall
   * through to the next transition (often a rejection). XState rethrows guard errors without their
   * cause, so guards record the typed error here and the step rethrows it. Cleared by each step.
   */
  readonly guardFailures: (ExpressionFailedError | ExpressionBudgetError)[];
}

type GuardImpl = (args: { context: CaseContext; event: CaseEvent }) => boolean;
type ActionImpl = ReturnType<typeof assign<CaseContext, CaseEvent, undefined, CaseEvent, never>>;

/** Compile a template the validator accepted. */
export function compileTemplate(template: Template): CompiledTemplate {
  const states = indexStates(template);
  const guards: Record<string, GuardImpl> = {};
  const actions: Record<string, ActionImpl> = {};
  const guardSources = new Map<string, string>();
  const guardFailures: (ExpressionFailedError | ExpressionBudgetError)[] = [];
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
          guardFailures.push(error as ExpressionFailedError);
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
  const marker = (kind: 'enter' | 'exit', state: string): string => {
    const name = `${kind}:${state}`;
    actions[name] = assign({ effects: ({ context }) => [...context.effects, { kind, state }] });
    return name;
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
        marker('enter', id),
        ...(def.entry ?? []).map((a, i) => actionFor(a, `${pointer}/entry/${i}`)),
      ],
      exit: [
        marker('exit', id),
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
  return { template, machine, states, guardSources, guardFailures };
}

/** XState ids may not contain dots (they mean paths), so state paths use `/` inside ids. */
export function idOf(stateId: string): string {
  return `s/${stateId.replace(/\./g, '/')}`;
}

function exprContext(context: CaseContext, event: CaseEvent): ExprContext {
  return {
    data: context.data,
    params: context.params,
    event: event.payload ?? {},
    ledger: context.ledger,
    now: new Date(context.now),
  };
}

function evaluate(expr: CompiledExpression, context: CaseContext, event: CaseEvent): unknown {
  try {
    return expr.evaluate(exprContext(context, event));
  } catch (error) {
    if (error instanceof ExpressionBudgetError) throw error; // its own refusal, with its limit
    throw new ExpressionFailedError(
      expr.source,
      error instanceof Error ? error.message : String(error),
    );
  }
}

function toBool(value: unknown, source: string): boolean {
  if (typeof value !== 'boolean')
    throw new ExpressionFailedError(source, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Amounts are exact to the fen (0.01): add in integer hundredths, never in binary fractions. */
export function addExact(balance: number, amount: number): number {
  return (Math.round(balance * 100) + Math.round(amount * 100)) / 100;
}

type Compile = (source: string) => CompiledExpression;

function valueOf(
  value: string | number | boolean,
  compile: Compile,
): CompiledExpression | { evaluate: () => number | boolean; source: string } {
  return typeof value === 'string'
    ? compile(value)
    : { evaluate: () => value, source: String(value) };
}

function compileAction(action: Action, compile: Compile): ActionImpl {
  if ('set' in action) {
    const fields = Object.entries(action.set).map(
      ([field, value]) => [field, valueOf(value, compile)] as const,
    );
    // All values read the data as it was before this action, like a simultaneous assignment.
    return assign({
      data: ({ context, event }) => ({
        ...context.data,
        ...Object.fromEntries(fields.map(([f, e]) => [f, evaluate(e, context, event)])),
      }),
    });
  }
  if ('ledger' in action) {
    const amounts = Object.entries(action.ledger).map(
      ([name, value]) => [name, valueOf(value, compile)] as const,
    );
    return assign(({ context, event }) => {
      const ledger = { ...context.ledger };
      const effects: CaseEffect[] = [...context.effects];
      for (const [name, expr] of amounts) {
        const amount = Number(evaluate(expr, context, event));
        if (!Number.isFinite(amount))
          throw new ExpressionFailedError(expr.source, 'the amount is not a finite number');
        ledger[name] = addExact(ledger[name] ?? 0, amount);
        effects.push({ kind: 'ledger', ledger: name, amount: addExact(0, amount) });
      }
      return { ledger, effects };
    });
  }
  if ('notify' in action) {
    const { role, message } = action.notify;
    return assign({
      effects: ({ context }) => [...context.effects, { kind: 'notify', role, message }],
    });
  }
  if ('emit' in action) {
    const name = action.emit;
    return assign({ effects: ({ context }) => [...context.effects, { kind: 'emit', name }] });
  }
  const expr = compile(action.assign);
  return assign(({ context, event }) => {
    const value = evaluate(expr, context, event);
    // A worker id is text; numbers are accepted for ids kept as numbers in a roster.
    const assignee =
      typeof value === 'string' && value !== ''
        ? value
        : typeof value === 'number'
          ? String(value)
          : null;
    return { assignee, effects: [...context.effects, { kind: 'assign', assignee }] };
  });
}
