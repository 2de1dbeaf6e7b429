/**
 * Issue 10, item 3 and issue 11: regular expressions from templates and callers run in linear
 * time; what the engine cannot run is refused when the template is validated.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression, compileExpression } from './index.js';
import type { ExprScope } from './index.js';
import { RegexUnsupportedError, compileLinearRegex, linearRegExpForAjv } from './linear-regex.js';

const scope: ExprScope = {
  data: { type: 'object', properties: { name: { type: 'string' } } },
  params: { type: 'object', properties: {} },
  ledgers: [],
};

describe('linear-time regular expressions', () => {
  it("matches('^(a+)+$') on 32 and 100,000 characters answers in milliseconds", () => {
    const expr = compileExpression("data.name.matches('^(a+)+$')");
    for (const n of [32, 100_000]) {
      const started = performance.now();
      const value = expr.evaluate({
        data: { name: `${'a'.repeat(n)}!` },
        params: {},
        event: {},
        ledger: {},
        now: new Date(0),
      });
      expect(value).toBe(false);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('keeps CEL semantics: a match anywhere, RE2 syntax', () => {
    const on = (name: string, source: string) =>
      compileExpression(source).evaluate({
        data: { name },
        params: {},
        event: {},
        ledger: {},
        now: new Date(0),
      });
    expect(on('王阿婆 85', "data.name.matches('[0-9]+')")).toBe(true);
    expect(on('王阿婆', "data.name.matches('^\\\\p{Han}+$')")).toBe(true);
    expect(on('abc', "data.name.matches('^b')")).toBe(false);
  });

  it('translates JSON Schema (ECMA-262) patterns and keys them by pattern for ajv', () => {
    const han = linearRegExpForAjv('^[\\u4e00-\\u9fa5]{2,4}$');
    expect(han.test('王阿婆')).toBe(true);
    expect(han.test('Wang')).toBe(false);
    expect(linearRegExpForAjv('^([0-9]+-?)+$').test(`${'1'.repeat(100_000)}x`)).toBe(false);
    expect(String(linearRegExpForAjv('^a$'))).not.toBe(String(linearRegExpForAjv('^b$')));
  });

  it('refuses backreferences, lookaround and patterns that do not compile, saying why', () => {
    expect(() => compileLinearRegex('(a)\\1')).toThrow(/backreference/);
    expect(() => compileLinearRegex('^(?=.*[0-9]).+$', 'json-schema')).toThrow(/lookahead/);
    expect(() => compileLinearRegex('(?<!x)y', 'json-schema')).toThrow(/lookbehind/);
    expect(() => compileLinearRegex('[')).toThrow(RegexUnsupportedError);
    expect(() => compileLinearRegex('[')).toThrow(/does not compile \(missing closing \]/);
  });

  it('validation refuses a regex literal that cannot run, at the literal (issue 11)', () => {
    const source = "data.name.matches('[')";
    expect(checkExpression(source, scope, 'bool')).toEqual([
      expect.objectContaining({ kind: 'regex', offset: source.indexOf("'['"), length: 3 }),
    ]);
    expect(checkExpression("data.name.matches('(a)\\\\1')", scope, 'bool')[0]).toMatchObject({
      kind: 'regex',
    });
    expect(checkExpression("data.name.matches('^[0-9]{11}$')", scope, 'bool')).toEqual([]);
  });
});
