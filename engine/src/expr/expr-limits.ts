/**
 * How much one expression may do. CEL has no loops, but its macros (`map`, `filter`, `all`,
 * `exists`, `exists_one`) nest, and `cel.bind` and `+` can double a value at each level: without
 * limits one guard can hold the server's only thread for minutes or exhaust its heap. Each
 * evaluation is therefore bounded in work and in the size of every value it makes or reads; the
 * validator refuses what it can already see exceeds the step limit.
 */
export const EXPR_LIMITS = {
  /** Expression nodes evaluated, counting every iteration of a macro's body. */
  steps: 100_000,
  /** Elements of any list an expression makes or reads. */
  listLength: 100_000,
  /** UTF-16 code units of any string an expression makes or reads (a 1 MB body holds fewer). */
  stringLength: 1_000_000,
  /** Sum of the lengths of all strings and lists the evaluation made or read. */
  volume: 20_000_000,
  /** Wall-clock backstop for work no count sees (one long native step): milliseconds. */
  deadlineMs: 250,
  /** Parenthesis, macro and call nesting, checked when an expression is parsed. */
  depth: 32,
} as const;

/** Which limit an evaluation ran into. */
export type ExprLimitName = Exclude<keyof typeof EXPR_LIMITS, 'depth'>;
