/**
 * Hand-made hostile inputs: YAML that tries to exhaust the parser, expressions that try to reach
 * the host, bodies that are not what they claim, strings that try to escape into SQL.
 */

/** Strings that would break a query built by concatenation, or a naive parser. */
export const SQL_METACHARACTERS = [
  "'; drop table cases; --",
  "' or '1'='1",
  '" or ""="',
  '\\',
  '%_%',
  '$1',
  '); select pg_sleep(10); --',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  'null',
  '1e400',
];

const HEADER = `dsl: relief/v1
id: hostile
version: 1
title: { zh: 恶意, en: Hostile }
roles:
  worker: { zh: 工作人员, en: Worker }
data:
  type: object
  properties:
    n: { type: integer, default: 0 }
events:
  go: { title: { zh: 走, en: Go }, roles: [worker] }
initial: a
`;

/** A template whose only guard is `guard` (an expression that must be refused at validation). */
export function templateWithGuard(guard: string): string {
  return `${HEADER}states:
  a:
    on:
      go:
        target: b
        guard: ${JSON.stringify(guard)}
  b: { type: final }
`;
}

/** CEL expressions that try to reach the host; each must fail validation, never run. */
export const HOST_REACHING_EXPRESSIONS = [
  'process.exit(1)',
  "this.constructor.constructor('return process')().exit()",
  "require('child_process').execSync('id')",
  'globalThis.process.env',
  'data.constructor.prototype',
  'data.__proto__.polluted == true',
  "eval('1')",
  "import('fs')",
  'data.n.toString.call(1)',
  '[1, 2, 3].map(x, x * 1000000000000).size() > 0 && process.exit(1)',
];

/** "Billion laughs": nine levels of aliases, each ten times the last. */
export function aliasBombYaml(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) {
    const refs = Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ');
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return `${HEADER}states: *a9\n${lines.join('\n')}\n`;
}

/** Malformed and hostile YAML documents, by name. */
export function hostileYamlDocuments(): Record<string, string> {
  return {
    'alias bomb': aliasBombYaml(),
    'deep flow nesting': `${HEADER}states: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    'deep block nesting': `${HEADER}states:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}s${i}:`).join('\n')}\n`,
    tabs: HEADER.replace('  worker', '\tworker') + 'states:\n\ta: { type: final }\n',
    'duplicate keys': `${HEADER}initial: b\nstates:\n  a: { type: final }\n  a: { type: final }\n`,
    'not yaml': '{{{{ ::: ]]] \u0000',
    empty: '',
    'a scalar': '42',
    'unknown tag': `${HEADER}states: !!js/function "function () { process.exit(1) }"\n`,
    'long line': `${HEADER}states:\n  a: { type: final, title: ${'x'.repeat(500_000)} }\n`,
  };
}

/** A YAML document of about `bytes` bytes (valid YAML, far over any template's size limit). */
export function hugeYaml(bytes: number): string {
  const line = '# ' + 'x'.repeat(98) + '\n';
  return HEADER + line.repeat(Math.ceil(bytes / line.length)) + 'states:\n  a: { type: final }\n';
}
