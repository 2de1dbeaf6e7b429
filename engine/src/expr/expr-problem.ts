/**
 * The types the expression checkers share, in a leaf file so that `check-expression.ts` and the
 * checkers it calls (`check-names.ts`, `check-cost.ts`, `check-environment.ts`) never import each
 * other in a circle.
 */

/** A problem found in one expression; offset/length are in UTF-16 code units into the source string. */
export interface ExprProblem {
  /** `cost` and `regex` are errors; `cost-unbounded` is a warning (see check-cost.ts). */
  kind: 'syntax' | 'unknown-name' | 'type' | 'cost' | 'cost-unbounded' | 'regex';
  message: string;
  offset: number;
  length: number;
}

/** What CEL itself defines at the top level: names such as `int` or `cel`, functions such as `size`. */
export interface CelBuiltins {
  readonly names: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
}
