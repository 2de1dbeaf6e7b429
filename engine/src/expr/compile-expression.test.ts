import { describe, expect, it } from 'vitest';
import { ExprEvalError, ExprSyntaxError, checkExpression, compileExpression } from './index.js';
import type { ExprContext, ExprScope } from './index.js';

const LOVE_MEALS_GUARD =
  'params.openEnrollment || (data.age >= params.minAge && data.mobilityImpaired) || data.careLevel >= params.minCareLevel';
const DEFAULT_PARAMS = { minAge: 80, minCareLevel: 5, openEnrollment: false };

/** A 75-year-old without care level, as JSON would deliver it: plain JS numbers. */
function context(overrides: Partial<ExprContext> = {}): ExprContext {
  return {
    data: {
      name: 'Li Hua',
      age: 75,
      careLevel: 0,
      mobilityImpaired: false,
      mealsDelivered: 0,
      revenue: 16000,
      appliedAt: '2026-01-01T08:00:00Z',
    },
    params: DEFAULT_PARAMS,
    event: { revenue: 2500, hot: true },
    ledger: { 'quilt-sets': 1500, yuan: 16000.5 },
    now: new Date('2026-01-05T08:00:00Z'),
    ...overrides,
  };
}

const evaluate = (source: string, ctx: ExprContext = context()) =>
  compileExpression(source).evaluate(ctx);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('compileExpression', () => {
  describe('the love-meals guard', () => {
    const guard = compileExpression(LOVE_MEALS_GUARD);

    it('refuses a 75-year-old without care level under the defaults', () => {
      expect(guard.evaluate(context())).toBe(false);
    });

    it('admits the same person when enrollment is open', () => {
      expect(guard.evaluate(context({ params: { ...DEFAULT_PARAMS, openEnrollment: true } }))).toBe(
        true,
      );
    });

    it('admits by care level, or by age with impaired mobility', () => {
      expect(guard.evaluate(context({ data: { ...context().data, careLevel: 5 } }))).toBe(true);
      expect(
        guard.evaluate(context({ data: { ...context().data, age: 80, mobilityImpaired: true } })),
      ).toBe(true);
      expect(guard.evaluate(context({ data: { ...context().data, age: 80 } }))).toBe(false);
    });

    it('follows a parameter change', () => {
      expect(
        guard.evaluate(
          context({
            data: { ...context().data, mobilityImpaired: true },
            params: { ...DEFAULT_PARAMS, minAge: 75 },
          }),
        ),
      ).toBe(true);
    });

    it('keeps its source', () => {
      expect(guard.source).toBe(LOVE_MEALS_GUARD);
    });
  });

  describe('syntax errors', () => {
    it('throws ExprSyntaxError with the offset of the failure', () => {
      const error = thrown(() => compileExpression('data.age >= 80 &&& true'));
      expect(error).toBeInstanceOf(ExprSyntaxError);
      expect(error).toMatchObject({
        code: 'expr-syntax',
        kind: 'user',
        offset: 17,
        length: 1,
        source: 'data.age >= 80 &&& true',
      });
      expect((error as Error).message).toBe(
        'expression does not parse at offset 17: Unexpected character: &',
      );
    });

    it('reports the end of the source for an unfinished expression', () => {
      expect(thrown(() => compileExpression('data.age >='))).toMatchObject({
        offset: 11,
        length: 0,
      });
    });
  });

  describe('runtime failures', () => {
    it('throws ExprEvalError for a missing key, located at the key', () => {
      const error = thrown(() => evaluate('data.careLevel >= 5', context({ data: { age: 75 } })));
      expect(error).toBeInstanceOf(ExprEvalError);
      expect(error).toMatchObject({
        code: 'expr-eval',
        reason: 'no_such_key',
        message: 'No such key: careLevel',
        offset: 5,
        length: 9,
      });
    });

    it('throws on division by zero, integer or mixed', () => {
      expect(thrown(() => evaluate('1 / 0'))).toMatchObject({ reason: 'division_by_zero' });
      expect(thrown(() => evaluate('data.revenue / 0'))).toMatchObject({
        reason: 'division_by_zero',
      });
      expect(thrown(() => evaluate('data.age % 0'))).toBeInstanceOf(ExprEvalError);
    });

    it('refuses a non-finite result', () => {
      expect(thrown(() => evaluate('data.revenue / 0.0'))).toMatchObject({ reason: 'not_plain' });
    });

    it('never reaches the host', () => {
      for (const source of ['process', 'globalThis', 'require', 'constructor']) {
        expect(thrown(() => evaluate(`${source}.x`))).toMatchObject({ reason: 'unknown_variable' });
      }
      expect(thrown(() => evaluate('data.constructor'))).toMatchObject({ reason: 'no_such_key' });
      expect(thrown(() => evaluate('data.__proto__'))).toMatchObject({ reason: 'no_such_key' });
      expect(evaluate('has(data.toString)')).toBe(false);
      const withExtra = { ...context(), secret: 'x' } as ExprContext;
      expect(thrown(() => evaluate('secret', withExtra))).toMatchObject({
        reason: 'unknown_variable',
      });
    });
  });

  describe('numbers', () => {
    it('compares integer fields that arrive as JS numbers', () => {
      expect(evaluate('data.age >= params.minAge')).toBe(false);
      expect(evaluate('data.age == 75 && data.age != 76 && data.age > 74.5')).toBe(true);
    });

    it('mixes ints and doubles in arithmetic, returning numbers', () => {
      expect(evaluate('data.mealsDelivered + 1')).toBe(1);
      expect(evaluate('data.revenue + event.revenue')).toBe(18500);
      expect(evaluate('data.revenue * 2 - 1')).toBe(31999);
      expect(evaluate("ledger['yuan'] - 0.5")).toBe(16000);
      expect(evaluate("ledger['quilt-sets'] - 1")).toBe(1499);
      expect(evaluate('2 + 3')).toBe(5);
      expect(evaluate('data.age % 2')).toBe(1);
    });

    it('divides integer fields exactly (documented: not CEL int division)', () => {
      expect(evaluate('data.age / 2')).toBe(37.5);
      expect(evaluate('7 / 2')).toBe(3); // two int literals: CEL int division
    });

    it('evaluates ledger amounts and openings to numbers', () => {
      expect(evaluate('-1')).toBe(-1);
      expect(evaluate('params.quiltSets', context({ params: { quiltSets: 1500 } }))).toBe(1500);
      expect(evaluate("ledger['quilt-sets'] >= 1")).toBe(true);
      expect(evaluate('-(event.revenue * 0.1)')).toBe(-250);
    });

    it('drops binary noise from decimal results, so sums of money stay on the fen', () => {
      const ctx = context({ data: { revenue: 0.1 }, event: { revenue: 0.2 } });
      expect(evaluate('data.revenue + event.revenue', ctx)).toBe(0.3);
      let revenue = 0;
      for (let i = 0; i < 1000; i++)
        revenue = evaluate(
          'data.revenue + event.revenue',
          context({ data: { revenue }, event: { revenue: 102.3 } }),
        ) as number;
      expect(revenue).toBe(102300);
      expect(evaluate('1.0 / 3.0')).toBe(0.333333333333333);
    });

    it('refuses an int too large to keep exactly', () => {
      expect(thrown(() => evaluate('9007199254740993'))).toMatchObject({ reason: 'not_plain' });
    });
  });

  describe('strings, time and plain results', () => {
    it('supports string functions, also with integer fields as arguments', () => {
      expect(evaluate('size(data.name) > 0')).toBe(true);
      expect(evaluate('size(data.name)')).toBe(6);
      expect(evaluate('data.name.startsWith("Li") && data.name.contains(" ")')).toBe(true);
      expect(evaluate('data.name.substring(data.age - 72)')).toBe('Hua');
      expect(evaluate('data.name.substring(0, data.age - 73)')).toBe('Li');
      expect(evaluate('data.name + " (" + string(data.age) + ")"')).toBe('Li Hua (75)');
    });

    it('compares now with timestamps and durations', () => {
      expect(evaluate('now > timestamp("2026-01-01T00:00:00Z")')).toBe(true);
      expect(evaluate('now - duration("72h") > timestamp(data.appliedAt)')).toBe(true);
      expect(evaluate('now - duration("120h") > timestamp(data.appliedAt)')).toBe(false);
      expect(evaluate('now.getHours() == 8')).toBe(true);
      expect(evaluate('now')).toEqual(new Date('2026-01-05T08:00:00Z'));
    });

    it('returns plain JS values', () => {
      expect(evaluate('[1, 2.5, data.age]')).toEqual([1, 2.5, 75]);
      expect(evaluate('{"n": 1, "list": [size("ab")]}')).toEqual({ n: 1, list: [2] });
      expect(evaluate('duration("1h")')).toBe(3_600_000);
      expect(evaluate('data.name')).toBe('Li Hua');
      expect(evaluate('null')).toBeNull();
    });
  });

  it('evaluates what the checker accepts (checker and evaluator agree)', () => {
    const scope: ExprScope = {
      data: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          age: { type: 'integer' },
          careLevel: { type: 'integer' },
          mobilityImpaired: { type: 'boolean' },
          mealsDelivered: { type: 'integer' },
          revenue: { type: 'number' },
          appliedAt: { type: 'string' },
        },
      },
      params: {
        type: 'object',
        properties: {
          minAge: { type: 'integer' },
          minCareLevel: { type: 'integer' },
          openEnrollment: { type: 'boolean' },
        },
      },
      event: {
        type: 'object',
        properties: { revenue: { type: 'integer' }, hot: { type: 'boolean' } },
      },
      ledgers: ['quilt-sets', 'yuan'],
    };
    const sources = [
      LOVE_MEALS_GUARD,
      'data.mealsDelivered + 1',
      'data.revenue + event.revenue',
      'data.age * 2 + data.revenue / 3',
      'data.age % 7 == 5',
      'data.revenue == 16000',
      "ledger['yuan'] - event.revenue >= 0",
      '[data.age, 1.5]',
      'data.name.substring(data.careLevel)',
      'data.name.indexOf("H", data.careLevel)',
      'timestamp(data.appliedAt) < now',
    ];
    for (const source of sources) {
      expect(checkExpression(source, scope), source).toEqual([]);
      expect(() => evaluate(source), source).not.toThrow();
    }
  });

  it('stays fast when evaluated many times (sanity, no timing assertion)', () => {
    const guard = compileExpression(LOVE_MEALS_GUARD);
    const people = Array.from({ length: 1000 }, (_, i) =>
      context({ data: { ...context().data, age: 60 + (i % 40), careLevel: i % 7 } }),
    );
    let admitted = 0;
    for (let round = 0; round < 100; round++)
      for (const ctx of people) if (guard.evaluate(ctx) === true) admitted++;
    expect(admitted).toBe(100 * people.filter((p) => (p.data.careLevel as number) >= 5).length);
  });
});
