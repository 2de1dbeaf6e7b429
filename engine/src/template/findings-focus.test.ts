import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateTemplate } from './validate-template.js';

// One finding per problem, located where the problem is, and no cascades.
const MINI = `dsl: relief/v1
id: mini
version: 1
title: { zh: 小, en: Mini }
events: { go: {} }
initial: a
states:
  a: { on: { go: out-of-stock } }
  out-of-stock: { type: final }
`;

describe('findings focus', () => {
  it('accepts kebab-case state keys', () => {
    expect(validateTemplate(MINI).issues).toEqual([]);
  });

  it('reports an invalid state key once, at the key, without a dump of the map or a double stop', () => {
    const { issues } = validateTemplate(MINI.replace('  out-of-stock: {', '  "out of stock": {'));
    const keyIssues = issues.filter((i) => i.pointer === '/states/out of stock');
    expect(keyIssues.map((i) => [i.code, i.line, i.col])).toEqual([['schema-value', 9, 3]]);
    expect(issues.every((i) => !i.message.includes('{"a"') && !i.message.endsWith('..'))).toBe(
      true,
    );
  });

  it('leads a tab-indented file with one finding that says to use spaces', () => {
    const source = readFileSync(
      fileURLToPath(new URL('../../../templates/love-meals.yaml', import.meta.url)),
      'utf8',
    ).replace(/^ {2}/gm, '\t');
    const { issues } = validateTemplate(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('yaml-tab');
    expect(issues[0]!.message).toMatch(/spaces/);
  });
});
