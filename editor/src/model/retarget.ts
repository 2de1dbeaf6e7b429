/**
 * Renaming or moving a state changes the ids other transitions resolve to. Rather than patch
 * each case, operations record every edge's resolved target before the change and rewrite only the
 * targets that no longer resolve to the same state afterwards.
 */
import { isScalar } from 'yaml';
import type { Document } from 'yaml';
import { resolveTarget } from '@relief/engine';
import { edgePath, shortestRef, snapshot, transitionMap } from './document-paths.js';

/** Run `change`, then repoint transitions so they reach the same states under their new ids. */
export function withRetargeting(
  doc: Document,
  rename: (oldId: string) => string,
  change: () => void,
): void {
  const before = snapshot(doc).graph.edges.filter((e) => e.target !== undefined);
  change();
  const { graph, index } = snapshot(doc);
  const byId = new Map(graph.edges.map((e) => [e.id, e]));
  for (const old of before) {
    const source = rename(old.source);
    const target = rename(old.target!);
    const id =
      old.kind === 'timer'
        ? `after:${source}:${old.index}`
        : `on:${source}:${old.event}:${old.index}`;
    const edge = byId.get(id);
    if (
      !edge ||
      !index.has(target) ||
      (edge.targetText && resolveTarget(index, source, edge.targetText) === target)
    )
      continue;
    const ref = shortestRef(index, source, target);
    if (edge.shape === 'shorthand' && isScalar(doc.getIn(edgePath(edge), true)))
      doc.setIn(edgePath(edge), ref);
    else transitionMap(doc, edge).set('target', ref);
  }
}

/** Map an id under `from` (itself or a descendant) to the same place under `to`. */
export function renamePrefix(from: string, to: string): (id: string) => string {
  return (id) => (id === from ? to : id.startsWith(`${from}.`) ? to + id.slice(from.length) : id);
}
