/**
 * Issue 10, item 2: one expression must not hold the server's thread or heap. Each attack from the
 * reliability review is refused with ExpressionBudgetError naming the limit it crossed, quickly;
 * `checkCost` refuses at validation what is already visibly over the step limit.
 */
import { describe, expect, it } from 'vitest';
import { ExpressionBudgetError } from '../errors/engine-error.js';
import { ExprBudget } from './expr-budget.js';
import { EXPR_LIMITS } from './expr-limits.js';
import { checkExpression, compileExpression } from './index.js';
import type { ExprScope } from './index.js';

const literal = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;
const ctx = (data: Record<string, unknown> = {}) => ({
  data,
  params: {},
  event: {},
  ledger: {},
  now: new Date(0),
});
const doubling = (levels: number, seed: string) => {
  let source = `v${levels}.size() > 0`;
  for (let k = levels; k > 0; k--) source = `cel.bind(v${k}, v${k - 1} + v${k - 1}, ${source})`;
  return `cel.bind(v0, ${seed}, ${source})`;
};

/** The error `evaluate` throws, and how long it took. */
function refusal(source: string, data: Record<string, unknown> = {}) {
  const expr = compileExpression(source);
  const started = performance.now();
  try {
    expr.evaluate(ctx(data));
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error(`'${source.slice(0, 60)}' evaluated without refusal`);
}

describe('expression budgets at run time', () => {
  it('three nested maps over a 1,000-element list: refused by the step limit', () => {
    const { error, ms } = refusal(
      'data.items.map(a, data.items.map(b, data.items.map(c, 1))).size() > 0',
      { items: Array.from({ length: 1000 }, (_, i) => i) },
    );
    expect(error).toBeInstanceOf(ExpressionBudgetError);
    expect(error).toMatchObject({
      code: 'expression-budget-exceeded',
      kind: 'unprocessable',
      limit: 'steps',
      max: EXPR_LIMITS.steps,
    });
    expect((error as ExpressionBudgetError).message).toMatch(/more than 100,000 steps/);
    expect((error as ExpressionBudgetError).details?.messageZh).toMatch(/计算超过 100000 步/);
    expect(ms).toBeLessThan(1000);
  });

  it('seven nested maps over ten elements (10^7 results): refused by the step limit', () => {
    let source = '1';
    for (let k = 0; k < 7; k++) source = `${literal(10)}.map(a${k}, ${source})`;
    const { error } = refusal(`${source}.size() > 0`);
    expect(error).toMatchObject({ limit: 'steps' });
  });

  it('cel.bind string doubling: refused by the text length limit', () => {
    const { error, ms } = refusal(doubling(12, 'data.name'), { name: 'x'.repeat(100_000) });
    expect(error).toMatchObject({ limit: 'stringLength', max: EXPR_LIMITS.stringLength });
    expect(ms).toBeLessThan(1000);
  });

  it('list doubling: refused by the list length limit', () => {
    const source = doubling(12, literal(1000)).replace('v12.size()', 'v12.size()');
    const { error } = refusal(source);
    expect(error).toMatchObject({ limit: 'listLength', max: EXPR_LIMITS.listLength });
  });

  it('reading a long text over and over: refused by the volume limit', () => {
    const { error } = refusal(`${literal(1000)}.map(i, data.name.size()).size() > 0`, {
      name: 'x'.repeat(500_000),
    });
    expect(error).toMatchObject({ limit: 'volume' });
  });

  it('a refusal swallowed by || or exists still refuses', () => {
    const nest = `${literal(1000)}.map(a, ${literal(1000)}.map(b, 1)).size() > 0`;
    expect(refusal(`${nest} || true`).error).toMatchObject({ limit: 'steps' });
    expect(refusal(`[1, 2].exists(x, x == 2 || ${nest})`).error).toMatchObject({
      limit: 'steps',
    });
  });

  it('the deadline stops what no count sees', () => {
    let now = 0;
    const budget = new ExprBudget(EXPR_LIMITS, () => now);
    for (let i = 0; i < 1024; i++) budget.observe('value', 1); // the clock starts here
    now = EXPR_LIMITS.deadlineMs; // not over yet
    for (let i = 0; i < 1024; i++) budget.observe('value', 1);
    now = EXPR_LIMITS.deadlineMs + 1;
    expect(() => {
      for (let i = 0; i < 1024; i++) budget.observe('value', 1);
    }).toThrow(/deadlineMs/);
    expect(budget.exceeded?.limit).toBe('deadlineMs');
  });

  it('ordinary expressions over 1,000 elements and 100,000-character texts are not refused', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(
      compileExpression(
        'data.items.all(i, i >= 0) && data.items.map(i, i * 2).size() == 1000',
      ).evaluate(ctx({ items })),
    ).toBe(true);
    expect(
      compileExpression("data.name.size() == 100000 && data.name.startsWith('x')").evaluate(
        ctx({ name: 'x'.repeat(100_000) }),
      ),
    ).toBe(true);
  });
});

describe('expression cost at validation', () => {
  const scope: ExprScope = {
    data: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'integer' } },
        few: { type: 'array', items: { type: 'integer' }, maxItems: 10 },
        name: { type: 'string' },
      },
    },
    params: { type: 'object', properties: {} },
    ledgers: [],
  };

  it('refuses nested macros whose bounded cost is over the step limit (the 10^9 map)', () => {
    const source = `${literal(1000)}.map(a, ${literal(1000)}.map(b, ${literal(1000)}.map(c, 1))).size() > 0`;
    const [problem] = checkExpression(source, scope, 'bool');
    expect(problem).toMatchObject({ kind: 'cost', offset: 0 });
    expect(problem!.message).toMatch(/at least [\d,]+ steps, more than the 100,000/);
  });

  it('warns about nested macros over a list of unknown length, at the inner macro', () => {
    const source = 'data.items.map(a, data.items.map(b, 1)).size() > 0';
    const problems = checkExpression(source, scope, 'bool');
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'cost-unbounded',
        offset: source.indexOf('data.items.map(b'),
      }),
    ]);
    expect(problems[0]!.message).toMatch(/maxItems/);
  });

  it('accepts one macro over any list, and nested macros over lists with maxItems', () => {
    expect(checkExpression('data.items.all(i, i > 0)', scope, 'bool')).toEqual([]);
    expect(
      checkExpression('data.few.map(a, data.few.map(b, a * b)).size() > 0', scope, 'bool'),
    ).toEqual([]);
  });

  it('refuses nesting deeper than the depth limit when it parses', () => {
    const [problem] = checkExpression(doubling(24, "'xxxxxxxxxx'"), scope, 'bool');
    expect(problem).toMatchObject({ kind: 'syntax' });
    expect(problem!.message).toMatch(/maxDepth \(32\)/);
  });
});
