/**
 * CEL keeps int and double apart (`1 + 1.5` has no overload). A programme designer writes
 * `data.revenue + event.bonus` or `ledger['yuan'] - 1` without thinking about which one is integer,
 * so both the checker and the evaluator accept mixed int/double arithmetic and equality, giving a
 * double. Comparisons (`<`, `>=`, …) across int and double are standard CEL already.
 */
import { Environment, EvaluationError } from '@marcbachmann/cel-js';

type Arith = (a: number, b: number) => number;

const ARITHMETIC: ReadonlyArray<[string, Arith]> = [
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
  [
    '/',
    (a, b) => {
      // Mixed division by an integer zero is a mistake, not infinity.
      if (b === 0)
        throw new EvaluationError({ code: 'division_by_zero', message: 'division by zero' });
      return a / b;
    },
  ],
];

/** Mixed int/double `+ - * /` and `==`/`!=` (registered once: CEL derives the mirror of `==`). */
export function registerNumericOverloads(env: Environment): Environment {
  for (const [op, apply] of ARITHMETIC) {
    env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => apply(Number(a), b));
    env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => apply(a, Number(b)));
  }
  env.registerOperator('int == double', (a: bigint, b: number) => Number(a) === b);
  return env;
}

/** A whole number for an int-only position, or an evaluation error naming what was found. */
function toInt(value: number): bigint {
  if (!Number.isSafeInteger(value)) {
    throw new EvaluationError({
      code: 'not_an_integer',
      message: `expected a whole number, got ${value}`,
    });
  }
  return BigInt(value);
}

/**
 * JSON numbers reach the evaluator as doubles, while the checker types `integer` fields as int.
 * So everything the checker accepts for an int also works when a whole-number double arrives:
 * `%` and the string functions with int arguments. Registered on the evaluator only, so the
 * checker still rejects `data.revenue % 2` on a `number` field.
 */
export function registerRuntimeOverloads(env: Environment): Environment {
  const modulo = (a: bigint, b: bigint): bigint => {
    if (b === 0n)
      throw new EvaluationError({ code: 'division_by_zero', message: 'modulus by zero' });
    return a % b;
  };
  env.registerOperator('double % int: int', (a: number, b: bigint) => modulo(toInt(a), b));
  env.registerOperator('int % double: int', (a: bigint, b: number) => modulo(a, toInt(b)));
  env.registerOperator('double % double: int', (a: number, b: number) =>
    modulo(toInt(a), toInt(b)),
  );

  // Delegate to the standard implementations, so code-point semantics stay CEL's own.
  const std = new Environment()
    .registerVariable('s', 'string')
    .registerVariable('t', 'string')
    .registerVariable('i', 'int')
    .registerVariable('j', 'int');
  const call = (source: string) => {
    const program = std.parse(source);
    return (vars: Record<string, unknown>): unknown => program(vars);
  };
  const substring1 = call('s.substring(i)');
  const substring2 = call('s.substring(i, j)');
  const indexOf = call('s.indexOf(t, i)');
  const lastIndexOf = call('s.lastIndexOf(t, i)');
  const int = (v: number | bigint) => (typeof v === 'bigint' ? v : toInt(v));
  env.registerFunction('string.substring(double): string', (s: string, i: number) =>
    substring1({ s, i: int(i) }),
  );
  for (const [a, b] of [
    ['double', 'double'],
    ['int', 'double'],
    ['double', 'int'],
  ]) {
    env.registerFunction(
      `string.substring(${a}, ${b}): string`,
      (s: string, i: number | bigint, j: number | bigint) =>
        substring2({ s, i: int(i), j: int(j) }),
    );
  }
  env.registerFunction('string.indexOf(string, double): int', (s: string, t: string, i: number) =>
    indexOf({ s, t, i: int(i) }),
  );
  env.registerFunction(
    'string.lastIndexOf(string, double): int',
    (s: string, t: string, i: number) => lastIndexOf({ s, t, i: int(i) }),
  );
  return env;
}
