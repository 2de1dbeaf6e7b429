/**
 * Caller-facing regular expressions (CEL `matches`, JSON Schema `pattern` and `patternProperties`
 * in data, parameter and form schemas) run on RE2JS, a pure-JavaScript port of RE2: matching takes
 * time linear in the input, so `^(a+)+$` on a long name cannot stall the server. RE2 has no
 * backreferences and no lookaround; such patterns are refused when the template is validated,
 * with the reason. Pure: runs unchanged in the editor's simulator.
 */
import { RE2JS } from 're2js';

/** CEL patterns are RE2 syntax; JSON Schema patterns are ECMA-262 and are translated first. */
export type RegexDialect = 'cel' | 'json-schema';

/** A compiled pattern: `test` finds a match anywhere in the input, like RegExp#test. */
export interface LinearRegex {
  test(input: string): boolean;
  toString(): string;
}

/** A pattern the linear-time engine cannot run, with a reason a designer can act on. */
export class RegexUnsupportedError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`regular expression '${pattern}' cannot be used: ${reason}`);
  }
}

// Compiling costs up to a millisecond and templates reuse a handful of patterns: kept by pattern,
// bounded because `matches` may take its pattern from data.
const MAX_CACHED = 500;
const cache = new Map<string, LinearRegex>();

/** Compile `pattern`, or throw RegexUnsupportedError saying why it cannot run. */
export function compileLinearRegex(pattern: string, dialect: RegexDialect = 'cel'): LinearRegex {
  const key = `${dialect}\u0000${pattern}`;
  const known = cache.get(key);
  if (known) return known;
  const unsupported = unsupportedFeature(pattern);
  if (unsupported) throw new RegexUnsupportedError(pattern, unsupported);
  let re: RE2JS;
  try {
    re = RE2JS.compile(dialect === 'json-schema' ? RE2JS.translateRegExp(pattern) : pattern);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RegexUnsupportedError(
      pattern,
      `it does not compile (${message.replace(/^error parsing regexp: /, '')})`,
    );
  }
  const regex: LinearRegex = {
    test: (input) => re.test(input),
    toString: () => `/${pattern}/${dialect === 'json-schema' ? 'u' : ''}`,
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, regex);
  return regex;
}

/** The message for a problem found by `compileLinearRegex`, or undefined if it compiles. */
export function linearRegexProblem(pattern: string, dialect: RegexDialect): string | undefined {
  try {
    compileLinearRegex(pattern, dialect);
    return undefined;
  } catch (error) {
    if (error instanceof RegexUnsupportedError) return error.reason;
    throw error;
  }
}

/**
 * ajv's `code.regExp` option: JSON Schema patterns on the linear-time engine. ajv keys compiled
 * patterns by `toString()`, which is therefore the pattern itself.
 */
export const linearRegExpForAjv = Object.assign(
  (pattern: string): LinearRegex => compileLinearRegex(pattern, 'json-schema'),
  { code: 'linearRegExpForAjv' },
);

function unsupportedFeature(pattern: string): string | undefined {
  if (/\\[1-9]|\\k</.test(pattern))
    return 'it uses a backreference (\\1, \\k<name>), which a linear-time matcher cannot run; match the repeated text explicitly';
  if (/\(\?<?[=!]/.test(pattern))
    return 'it uses lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…)), which a linear-time matcher cannot run; write the condition as a separate check';
  return undefined;
}
