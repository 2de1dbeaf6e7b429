/**
 * Compile once, evaluate many times. Compiling only parses (no scope is needed); names and types
 * are `checkExpression`'s job at template validation. Evaluation reads nothing but the context it
 * is given: the only variables are data, params, event, ledger and now.
 */
import { EvaluationError, ParseError } from '@marcbachmann/cel-js';
import type { ParseResult } from '@marcbachmann/cel-js';
import { ExpressionBudgetError } from '../errors/engine-error.js';
import { EXPR_LIMITS } from './expr-limits.js';
import { ExprBudget } from './expr-budget.js';
import type { BudgetExceeded } from './expr-budget.js';
import { ExprEvalError } from './expr-eval-error.js';
import { ExprSyntaxError } from './expr-syntax-error.js';
import { runtimeEnvironment } from './runtime-environment.js';
import { NotPlainError, toPlainValue } from './to-plain-value.js';

/** What an expression sees. JSON numbers stay JS numbers; ledger balances are numbers (may have decimals). */
export interface ExprContext {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  event: Record<string, unknown>;
  ledger: Record<string, number>;
  now: Date;
}

/**
 * Compiled once, evaluated many times. Throws ExprEvalError (also exported) on runtime failure
 * (e.g. division by zero, missing key), and ExpressionBudgetError when it crosses `EXPR_LIMITS`.
 */
export interface CompiledExpression {
  readonly source: string;
  evaluate(ctx: ExprContext): unknown;
}

/** Parse `source` for evaluation; throws ExprSyntaxError with the offset if it does not parse. */
export function compileExpression(source: string): CompiledExpression {
  let program: ParseResult;
  try {
    program = runtimeEnvironment().parse(source);
  } catch (error) {
    if (error instanceof ParseError) {
      const start = Math.min(error.range?.start ?? 0, source.length);
      throw new ExprSyntaxError(
        source,
        error.summary,
        start,
        Math.max((error.range?.end ?? start) - start, 0),
      );
    }
    throw error;
  }
  return {
    source,
    evaluate(ctx: ExprContext): unknown {
      let value: unknown;
      const budget = new ExprBudget();
      try {
        // A fresh object with exactly the five variables: nothing else on `ctx` is reachable.
        value = withBudget(budget, (): unknown =>
          program({
            data: ctx.data,
            params: ctx.params,
            event: ctx.event,
            ledger: ctx.ledger,
            now: ctx.now,
          }),
        );
      } catch (error) {
        if (budget.exceeded) throw budgetError(source, budget.exceeded);
        throw toEvalError(source, error);
      }
      // `||`, `&&`, `all` and `exists` may have swallowed the refusal: it still refuses.
      if (budget.exceeded) throw budgetError(source, budget.exceeded);
      try {
        return toPlainValue(value);
      } catch (error) {
        if (error instanceof NotPlainError)
          throw new ExprEvalError(source, 'not_plain', error.message);
        throw error;
      }
    },
  };
}

// Evaluation is synchronous and the environment is shared, so one budget is current at a time;
// a nested evaluation (none today) would get its own and restore the outer one.
let current: ExprBudget | undefined;
runtimeEnvironment().observeEvaluation((ast, value) =>
  current === undefined ? value : current.observe(ast.op, value),
);

function withBudget<T>(budget: ExprBudget, run: () => T): T {
  const outer = current;
  current = budget;
  try {
    return run();
  } finally {
    current = outer;
  }
}

function budgetError(source: string, exceeded: BudgetExceeded): ExpressionBudgetError {
  return new ExpressionBudgetError(source, exceeded.limit, EXPR_LIMITS[exceeded.limit]);
}

function toEvalError(source: string, error: unknown): ExprEvalError {
  if (error instanceof EvaluationError || error instanceof ParseError) {
    const range = error.range;
    return new ExprEvalError(
      source,
      error.code,
      error.summary,
      range?.start,
      range ? range.end - range.start : undefined,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExprEvalError(source, 'internal', message);
}
