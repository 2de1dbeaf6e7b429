import { describe, expect, it } from 'vitest';
import { checkExpression, validateTemplate } from '@relief/engine';
import { readFileSync } from 'node:fs';
import { exprProblemText, issueEngineText, issueText } from './issue-text.js';

const loveMeals = readFileSync(
  new URL('../../../templates/love-meals.yaml', import.meta.url),
  'utf8',
);
/** Latin words that are not names from the template (keys and ids may be shown as they are). */
const english = (text: string, names: string[]) =>
  (text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !names.includes(w));

describe('findings in the designer language', () => {
  const broken = loveMeals
    .replace('data.careLevel >= params.minCareLevel', 'data.careLevl >= params.minCareLevel')
    .replace(/target: enrolled\b/, 'target: enroled');
  const { issues } = validateTemplate(broken);
  // Keys and ids of the template may be shown as they are (they are names, not English).
  const keys = [...broken.matchAll(/^\s*-?\s*([\w-]+):/gm)].map((k) => k[1]!);
  keys.push(...['data', 'params', 'event', 'ledger', 'now']);

  it('says a finding in Chinese with its names, and no English engine text', () => {
    expect(issues.length).toBeGreaterThan(1);
    for (const issue of issues) {
      const zh = issueText(issue, 'zh');
      expect(english(zh, [...keys, 'careLevl', 'enroled'])).toEqual([]);
      expect(issueText(issue, 'en')).toBe(issue.message);
    }
    const guard = issues.find((i) => i.code === 'expr-unknown-name')!;
    expect(issueText(guard, 'zh')).toContain('careLevl');
    expect(issueText(guard, 'zh')).toContain('已声明的字段');
    const target = issues.find((i) => i.code === 'unknown-target')!;
    expect(issueText(target, 'zh')).toMatch(/^流转的目标状态不存在：“enroled”；已有：/);
  });

  it('says the live expression check in Chinese', () => {
    const scope = {
      data: { type: 'object' as const, properties: { age: { type: 'integer' as const } } },
      params: { type: 'object' as const, properties: {} },
      ledgers: [],
    };
    const said = (source: string) =>
      checkExpression(source, scope, 'bool').map((p) => exprProblemText(p, 'zh'));
    expect(said('data.age >=')).toEqual([
      '表达式写法有误：表达式没有写完（检查括号、引号和运算符）',
    ]);
    expect(said('data.age + 1')[0]).toContain('这里需要一个条件');
    expect(said('data.age + 1')[0]).toContain('整数');
    expect(said('"a" > 1')[0]).toMatch(/文字 > 整数/);
    expect(said('x == 1')[0]).toContain('“x”');
    for (const source of ['data.age >=', 'data.agee > 1', 'data.age + 1', '"a" > 1', 'foo(1)'])
      expect(
        english(said(source).join(' '), [
          'age',
          'agee',
          'data',
          'params',
          'event',
          'ledger',
          'now',
          'getHours',
          'foo',
        ]),
      ).toEqual([]);
    expect(
      checkExpression('data.age >=', scope, 'bool').map((p) => exprProblemText(p, 'en')),
    ).toEqual(['Unexpected token: EOF']);
  });

  it("gives the engine's sentence beside a finding the Chinese says only in part", () => {
    // A YAML parser's message has no Chinese: the summary alone would hide where and why.
    const { issues } = validateTemplate(loveMeals.replace('states:', 'states: [oops'));
    const yaml = issues.find((i) => i.code === 'yaml-syntax')!;
    expect(issueText(yaml, 'zh')).toBe('YAML 格式错误');
    expect(issueEngineText(yaml, 'zh')).toBe(yaml.message);
    expect(issueEngineText(yaml, 'en')).toBeUndefined();
    // A finding worded in full in Chinese needs none.
    const broken = loveMeals.replace('data.careLevel >= params.minCareLevel', 'data.careLevl >= 1');
    const guard = validateTemplate(broken).issues.find((i) => i.code === 'expr-unknown-name')!;
    expect(issueEngineText(guard, 'zh')).toBeUndefined();
  });
});
