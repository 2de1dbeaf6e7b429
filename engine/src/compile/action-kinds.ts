/**
 * What each action kind does when it runs, as one table over every key of `Action` (the compile
 * side of `template/action-kinds.ts`). An action becomes an XState `assign`: `set`, `ledger` and
 * `assign` change what later guards and actions of the same step read; every kind appends the
 * effects the runtime must persist to `context.effects`, in the order they happened.
 */
import { assign } from 'xstate';
import type { CompiledExpression } from '../expr/index.js';
import { ExpressionFailedError } from '../errors/engine-error.js';
import type { ActionKey, ActionOf } from '../template/action-kinds.js';
import { actionKeyOf } from '../template/action-kinds.js';
import type { Action } from '../template/template.js';
import type { CaseContext, CaseEffect, CaseEvent } from './case-machine-types.js';
import { evaluate, valueOf } from './evaluate-expression.js';
import { addExact, toExactAmount } from './money.js';

/** A compiled action, ready to register with `setup()`. */
export type ActionImpl = ReturnType<
  typeof assign<CaseContext, CaseEvent, undefined, CaseEvent, never>
>;

/** Compiles CEL source once per distinct source. */
export type Compile = (source: string) => CompiledExpression;

/** The table: how each action kind compiles. */
export const actionCompilers = {
  set: (action, compile) => {
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
  },
  ledger: (action, compile) => {
    const amounts = Object.entries(action.ledger).map(
      ([name, value]) => [name, valueOf(value, compile)] as const,
    );
    return assign(({ context, event }) => {
      const ledger = { ...context.ledger };
      const effects: CaseEffect[] = [...context.effects];
      for (const [name, expr] of amounts) {
        const value = Number(evaluate(expr, context, event));
        if (!Number.isFinite(value))
          throw new ExpressionFailedError(expr.source, 'the amount is not a finite number');
        // Refused, never rounded: a fraction of a fen would otherwise vanish from the books.
        const amount = toExactAmount(value, `ledger '${name}' (${expr.source})`);
        ledger[name] = addExact(ledger[name] ?? 0, amount);
        effects.push({ kind: 'ledger', ledger: name, amount });
      }
      return { ledger, effects };
    });
  },
  notify: (action) => {
    const { role, message } = action.notify;
    return assign({
      effects: ({ context }) => [...context.effects, { kind: 'notify', role, message }],
    });
  },
  emit: (action) => {
    const name = action.emit;
    return assign({ effects: ({ context }) => [...context.effects, { kind: 'emit', name }] });
  },
  assign: (action, compile) => {
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
  },
  schedule: (action) => {
    const { event, delay } = action.schedule;
    return assign({
      effects: ({ context }) => [...context.effects, { kind: 'schedule', event, delay }],
    });
  },
} satisfies { [K in ActionKey]: (action: ActionOf<K>, compile: Compile) => ActionImpl };

/** Compile one action of a template the validator accepted. */
export function compileAction(action: Action, compile: Compile): ActionImpl {
  const key = actionKeyOf(action);
  const compiler = actionCompilers[key] as (action: Action, compile: Compile) => ActionImpl;
  return compiler(action, compile);
}
