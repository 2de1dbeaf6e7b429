/**
 * One pass over a parsed YAML tree for the limits a template must respect: the aliases (an alias
 * bomb multiplies them) and the first node nested too deep. yaml's `visit` does the same walk but
 * allocates a frozen ancestry array at every level, which showed as milliseconds on large templates.
 */
import { isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { Alias, Document, Node } from 'yaml';

/** What `scanYamlLimits` found, in document order. */
export interface YamlLimits {
  /** The alias at which the count first exceeds `maxAliases`, if any. */
  aliasOverLimit: Alias | undefined;
  /** The first node (pre-order) more than `maxDepth` collections deep, if any. */
  tooDeep: Node | undefined;
}

/**
 * Walk `doc` depth-first, keys before values. Depth counts ancestors the way `visit`'s path does
 * (the document, then each collection and each pair), so `maxDepth` levels of nesting is a path of
 * `2 × maxDepth`; an alias is counted, never followed, and is not itself checked for depth.
 */
export function scanYamlLimits(
  doc: Document.Parsed,
  maxAliases: number,
  maxDepth: number,
): YamlLimits {
  const found: YamlLimits = { aliasOverLimit: undefined, tooDeep: undefined };
  let aliases = 0;
  const walk = (node: unknown, pathLength: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (isScalar(node)) {
      // Most nodes are scalars: settle them with one test rather than three.
      if (!found.tooDeep && pathLength > maxDepth * 2) found.tooDeep = node;
      return;
    }
    if (isAlias(node)) {
      aliases += 1;
      if (aliases === maxAliases + 1) found.aliasOverLimit = node;
      return;
    }
    if (isPair(node)) {
      walk(node.key, pathLength + 1);
      walk(node.value, pathLength + 1);
      return;
    }
    if (!found.tooDeep && pathLength > maxDepth * 2) found.tooDeep = node as Node;
    if (isCollection(node)) for (const item of node.items) walk(item, pathLength + 1);
  };
  walk(doc.contents, 1);
  return found;
}
