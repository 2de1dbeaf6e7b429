/**
 * The evaluator's environment: the same variables as the checker, typed loosely (`map<string, dyn>`)
 * because a compiled expression is evaluated without its schema. JSON numbers arrive as JS numbers,
 * which CEL treats as doubles; the overloads make them behave wherever the checker allowed an int.
 */
import { Environment, setRegexEngine } from '@marcbachmann/cel-js';
import { EXPR_LIMITS } from './expr-limits.js';
import { compileLinearRegex } from './linear-regex.js';
import { registerNumericOverloads, registerRuntimeOverloads } from './numeric-overloads.js';
import { TIMESTAMP_TYPE } from './check-environment.js';

let runtime: Environment | undefined;

/** Created on first use and shared: every compiled expression parses against it. */
export function runtimeEnvironment(): Environment {
  if (runtime) return runtime;
  // `matches` runs on the linear-time engine (RE2 syntax, as CEL specifies), for every environment.
  setRegexEngine((pattern) => compileLinearRegex(pattern, 'cel'));
  runtime = registerRuntimeOverloads(
    registerNumericOverloads(
      new Environment({
        homogeneousAggregateLiterals: false,
        limits: { maxDepth: EXPR_LIMITS.depth },
      }),
    ),
  )
    .registerVariable('data', 'map<string, dyn>')
    .registerVariable('params', 'map<string, dyn>')
    .registerVariable('event', 'map<string, dyn>')
    .registerVariable('ledger', 'map<string, double>')
    .registerVariable('now', TIMESTAMP_TYPE);
  return runtime;
}
