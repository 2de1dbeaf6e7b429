/**
 * Running a compiled CEL expression inside the machine: what it may read (the case's data, the
 * programme's parameters, the event's payload, ledger balances, the step's time) and the typed
 * error a failure becomes.
 */
import type { CompiledExpression, ExprContext } from '../expr/index.js';
import { ExpressionBudgetError, ExpressionFailedError } from '../errors/engine-error.js';
import type { CaseContext, CaseEvent } from './case-machine-types.js';

/** What an expression sees during a step. */
export function exprContext(context: CaseContext, event: CaseEvent): ExprContext {
  return {
    data: context.data,
    params: context.params,
    event: event.payload ?? {},
    ledger: context.ledger,
    now: new Date(context.now),
  };
}

/** Evaluate `expr`; a failure is an `ExpressionFailedError` naming the source. */
export function evaluate(expr: ValueSource, context: CaseContext, event: CaseEvent): unknown {
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

/** A guard's value: true or false, anything else is a failure. */
export function toBool(value: unknown, source: string): boolean {
  if (typeof value !== 'boolean')
    throw new ExpressionFailedError(source, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** An expression, or a literal written where an expression may stand. */
export type ValueSource = Pick<CompiledExpression, 'source' | 'evaluate'>;

/** Compile a value that is CEL source (a string) or a literal number or boolean. */
export function valueOf(
  value: string | number | boolean,
  compile: (source: string) => CompiledExpression,
): ValueSource {
  return typeof value === 'string'
    ? compile(value)
    : { evaluate: () => value, source: String(value) };
}
