import { describe, expect, it } from 'vitest';
import { issueSummaryZh } from '../errors/issue-catalog.js';
import { validateTemplate } from './validate-template.js';

// A small valid template with one figure of each kind; each test breaks one thing and asserts
// the exact code, line and column.
const BASE = `dsl: relief/v1
id: figures-mini
version: 1
title: { zh: 小模板, en: Mini }
gallery:
  category: { zh: 物资, en: Goods }
  serves: { zh: 困难家庭, en: Households in hardship }
  source: { zh: 灵宝市，2022 年 12 月, en: "Lingbao, December 2022" }
roles:
  committee: { zh: 居委会, en: Committee }
parameters:
  type: object
  properties:
    minAge: { type: integer, default: 80 }
data:
  type: object
  properties:
    age: { type: integer }
    category: { type: string }
    amount: { type: number, multipleOf: 0.01 }
    name: { type: string }
ledgers:
  kits: { title: { zh: 物资, en: Kits }, unit: { zh: 套, en: set }, opening: 10 }
events:
  give:
    roles: [committee]
    form: { type: object, properties: { qty: { type: integer }, note: { type: string } } }
  close: { roles: [committee] }
initial: open
states:
  open:
    on:
      give: { target: open, actions: [{ ledger: { kits: -1 } }] }
      close: closed
  closed: { type: final }
figures:
  cases-over-age:
    title: { zh: 高龄人数, en: Older people }
    unit: { zh: 人, en: people }
    count: cases
    where: data.age >= params.minAge
    by: district
  gifts:
    title: { zh: 发放次数, en: Gifts }
    unit: { zh: 次, en: times }
    count: { event: give }
    by: day
  quantity:
    title: { zh: 发放数量, en: Quantity given }
    unit: { zh: 件, en: items }
    sum: { event: give, field: qty }
    by: { district: 2 }
  money:
    title: { zh: 金额, en: Money }
    unit: { zh: 元, en: yuan }
    sum: { data: amount }
    by: { field: category }
  kits-out:
    title: { zh: 发出套数, en: Kits given out }
    unit: { zh: 套, en: sets }
    ledger: { name: kits, movement: out }
`;

/** Replace exactly one occurrence, so a test cannot silently stop breaking anything. */
function broken(find: string, replace: string): string {
  const at = BASE.indexOf(find);
  if (at < 0 || BASE.indexOf(find, at + 1) >= 0)
    throw new Error(`'${find}' must occur exactly once in BASE`);
  return BASE.slice(0, at) + replace + BASE.slice(at + find.length);
}

function expectIssue(source: string, code: string, line: number, col: number, pointer: string) {
  const { issues } = validateTemplate(source);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  const issue = issues[0]!;
  expect({ code: issue.code, line: issue.line, col: issue.col, pointer: issue.pointer }).toEqual({
    code,
    line,
    col,
    pointer,
  });
  expect(issue.severity).toBe('error');
  expect(issue.message).not.toMatch(/\.\.$/);
  if (code.startsWith('figure-')) expect(issueSummaryZh(issue.code)).toMatch(/[\u4e00-\u9fff]/);
  return issue;
}

describe('figures', () => {
  it('accepts one figure of each kind, and gallery metadata', () => {
    const { issues, template } = validateTemplate(BASE);
    expect(issues).toEqual([]);
    expect(Object.keys(template!.figures!)).toEqual([
      'cases-over-age',
      'gifts',
      'quantity',
      'money',
      'kits-out',
    ]);
    expect(template!.gallery!.category).toEqual({ zh: '物资', en: 'Goods' });
  });

  it('refuses a count of an undeclared event, at the event name', () => {
    const issue = expectIssue(
      broken('count: { event: give }', 'count: { event: gift }'),
      'undeclared-event',
      46,
      21,
      '/figures/gifts/count/event',
    );
    expect(issue.message).toContain("'gift'");
    expect(issue.message).toContain('give, close');
  });

  it('refuses movements of an undeclared ledger', () => {
    expectIssue(
      broken('name: kits,', 'name: quilts,'),
      'undeclared-ledger',
      61,
      21,
      '/figures/kits-out/ledger/name',
    );
  });

  it('refuses a sum of an unknown data field, naming the fields there are', () => {
    const issue = expectIssue(
      broken('sum: { data: amount }', 'sum: { data: amout }'),
      'figure-unknown-field',
      56,
      18,
      '/figures/money/sum/data',
    );
    expect(issue.message).toBe(
      "'amout' is not a field of 'data'; declare it there or use one of: age, category, amount, name.",
    );
  });

  it('refuses a sum of a non-numeric data field', () => {
    const issue = expectIssue(
      broken('sum: { data: amount }', 'sum: { data: name }'),
      'figure-not-numeric',
      56,
      18,
      '/figures/money/sum/data',
    );
    expect(issue.message).toBe(
      "'name' is of type string, so it cannot be summed; sum a field of type integer or number (numeric fields: age, amount).",
    );
  });

  it('refuses a sum of a payload field the form does not declare, or that is not numeric', () => {
    expectIssue(
      broken('field: qty', 'field: qtty'),
      'figure-unknown-field',
      51,
      32,
      '/figures/quantity/sum/field',
    );
    expectIssue(
      broken('field: qty', 'field: note'),
      'figure-not-numeric',
      51,
      32,
      '/figures/quantity/sum/field',
    );
  });

  it('refuses a payload sum of an event without a form', () => {
    expectIssue(
      broken('sum: { event: give, field: qty }', 'sum: { event: close, field: qty }'),
      'figure-event-without-form',
      51,
      19,
      '/figures/quantity/sum/event',
    );
  });

  it('refuses a sum that names neither a data field nor an event and its field', () => {
    expectIssue(
      broken('sum: { event: give, field: qty }', 'sum: { event: give }'),
      'figure-sum-shape',
      51,
      10,
      '/figures/quantity/sum',
    );
  });

  it('refuses a figure with no measure, or two', () => {
    expectIssue(
      broken('    count: cases\n', ''),
      'figure-measure',
      37,
      3,
      '/figures/cases-over-age',
    );
    const issue = expectIssue(
      broken(
        '    count: { event: give }\n',
        '    count: { event: give }\n    sum: { data: age }\n',
      ),
      'figure-measure',
      43,
      3,
      '/figures/gifts',
    );
    expect(issue.message).toContain('found: count, sum');
  });

  it('refuses a breakdown by an unknown data field', () => {
    expectIssue(
      broken('by: { field: category }', 'by: { field: kind }'),
      'figure-unknown-field',
      57,
      18,
      '/figures/money/by/field',
    );
  });

  it('refuses a where condition that names an unknown field, at the name', () => {
    const issue = expectIssue(
      broken('where: data.age >= params.minAge', 'where: data.agee >= params.minAge'),
      'expr-unknown-name',
      41,
      17,
      '/figures/cases-over-age/where',
    );
    expect(issue.message).toContain('agee');
  });

  it('refuses a where condition that is not a condition, or does not parse', () => {
    expectIssue(
      broken('where: data.age >= params.minAge', 'where: data.age + 1'),
      'expr-type',
      41,
      12,
      '/figures/cases-over-age/where',
    );
    expectIssue(
      broken('where: data.age >= params.minAge', 'where: data.age >= )'),
      'expr-syntax',
      41,
      24,
      '/figures/cases-over-age/where',
    );
  });

  it('refuses where on ledger movements', () => {
    expectIssue(
      broken(
        'ledger: { name: kits, movement: out }',
        'ledger: { name: kits, movement: out }\n    where: data.age > 1',
      ),
      'figure-where-on-ledger',
      62,
      5,
      '/figures/kits-out/where',
    );
  });

  it('refuses an unknown breakdown or movement through the schema', () => {
    expectIssue(broken('by: day', 'by: week'), 'schema-value', 47, 9, '/figures/gifts/by');
    expectIssue(
      broken('movement: out', 'movement: spent'),
      'schema-value',
      61,
      37,
      '/figures/kits-out/ledger/movement',
    );
  });

  it('refuses gallery metadata without the report it comes from', () => {
    expectIssue(
      broken('  source: { zh: 灵宝市，2022 年 12 月, en: "Lingbao, December 2022" }\n', ''),
      'schema-required',
      5,
      1,
      '/gallery',
    );
  });
});
