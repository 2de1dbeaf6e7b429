/**
 * Validate one expression against what it may name: parse, then unknown names, then CEL's type
 * checker, then the expected result type. Problems are collected, never thrown.
 */
import { ParseError } from '@marcbachmann/cel-js';
import type { Environment, ParseResult, SourceRange } from '@marcbachmann/cel-js';
import type { IssueCode } from '../errors/issue-catalog.js';
import { checkCost } from './check-cost.js';
import { checkNames } from './check-names.js';
import { celBuiltins, checkEnvironmentFor } from './check-environment.js';
import type { ExprProblem } from './expr-problem.js';
import type { ExprExpect, ExprScope } from './expr-scope.js';

/** The catalog finding for each kind of problem. */
export const EXPR_PROBLEM_CODES = {
  syntax: 'expr-syntax',
  'unknown-name': 'expr-unknown-name',
  type: 'expr-type',
  cost: 'expr-cost',
  'cost-unbounded': 'expr-cost-unbounded',
  regex: 'regex-unsupported',
} as const satisfies Record<ExprProblem['kind'], IssueCode>;

// Templates repeat expressions (the same guard in many states). The result depends only on the
// environment (itself one per data/params/event schema), the ledger names, the expectation and the
// source, so it is kept per environment and dies with it.
const results = new WeakMap<Environment, Map<string, readonly ExprProblem[]>>();

/** All problems in `source` for `scope`; an empty list means it will evaluate (given valid data). */
export function checkExpression(
  source: string,
  scope: ExprScope,
  expect: ExprExpect = 'any',
): ExprProblem[] {
  const env = checkEnvironmentFor(scope);
  let known = results.get(env);
  if (!known) results.set(env, (known = new Map<string, readonly ExprProblem[]>()));
  const key = JSON.stringify([expect, scope.ledgers, source]);
  let problems = known.get(key);
  if (!problems) known.set(key, (problems = checkWith(env, source, scope, expect)));
  return problems.map((problem) => ({ ...problem }));
}

function checkWith(
  env: Environment,
  source: string,
  scope: ExprScope,
  expect: ExprExpect,
): ExprProblem[] {
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (error) {
    if (error instanceof ParseError)
      return [{ kind: 'syntax', message: error.summary, ...located(error.range, source) }];
    throw error;
  }

  const names = checkNames(parsed.ast, scope, celBuiltins());
  if (names.length > 0) return names; // a type error about an unknown name would only repeat it

  const result = parsed.check();
  if (!result.valid) {
    const error = result.error;
    const code = error?.code ?? '';
    return [
      {
        kind: TYPE_CODES_AS_NAMES.has(code) ? 'unknown-name' : 'type',
        message: typeMessage(code, error?.summary ?? 'type error'),
        ...located(error?.range, source),
      },
    ];
  }
  const type = result.type ?? 'dyn';
  if (!satisfies(type, expect)) {
    const wanted = expect === 'bool' ? 'a condition (true or false)' : 'a number';
    return [
      {
        kind: 'type',
        message: `expected ${wanted}, but this expression gives ${type}`,
        offset: 0,
        length: source.length,
      },
    ];
  }
  return checkCost(parsed.ast, scope);
}

const TYPE_CODES_AS_NAMES = new Set(['unknown_variable', 'no_such_key', 'reserved_identifier']);

function satisfies(type: string, expect: ExprExpect): boolean {
  if (expect === 'any' || type === 'dyn') return true;
  if (expect === 'bool') return type === 'bool';
  return type === 'int' || type === 'double' || type === 'uint';
}

function typeMessage(code: string, summary: string): string {
  if (code === 'incompatible_ternary_branches' && /'int'|'double'/.test(summary)) {
    return `${summary}; write whole numbers with a decimal point (0.0) when the other branch is a decimal`;
  }
  return summary;
}

function located(
  range: SourceRange | undefined,
  source: string,
): { offset: number; length: number } {
  if (!range) return { offset: 0, length: source.length };
  const offset = Math.min(Math.max(range.start, 0), source.length);
  return { offset, length: Math.max(Math.min(range.end, source.length) - offset, 0) };
}
