import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { scanYamlLimits } from './scan-yaml-limits.js';

/** The walk this replaces, kept as the reference it must agree with. */
function withVisit(doc: Document.Parsed, maxAliases: number, maxDepth: number) {
  let aliases = 0;
  let aliasOverLimit: Node | undefined;
  let tooDeep: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      aliases += 1;
      if (aliases === maxAliases + 1) aliasOverLimit = node;
    },
    Node(_key, node, path) {
      if (!tooDeep && path.length > maxDepth * 2) tooDeep = node;
    },
  });
  return { aliasOverLimit, tooDeep };
}

const SOURCES = [
  'a: 1\nb: [1, 2, { c: d }]\n',
  'x: &a [1]\ny: [*a, *a, *a]\nz: { k: *a }\n',
  'a:\n  b:\n    c:\n      - d: [[[1]]]\n      - e\n',
  '[[[[[[1]]]]]]',
  '- - - - x\n  - y\n',
  '? [a, b]\n: { c: [d] }\n',
  'top: scalar',
];

describe('scanYamlLimits', () => {
  it.each(SOURCES)('finds what yaml visit finds in %j', (source) => {
    for (const [maxAliases, maxDepth] of [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [50, 64],
    ] as const) {
      const doc = parseDocument(source);
      expect(scanYamlLimits(doc, maxAliases, maxDepth)).toEqual(
        withVisit(doc, maxAliases, maxDepth),
      );
    }
  });
});
