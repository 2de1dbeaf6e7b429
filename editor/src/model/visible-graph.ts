/**
 * The graph as the canvas shows it with some compound states collapsed: a collapsed group is one
 * node, the states inside it are hidden, and transitions into or out of them are drawn to and
 * from the group instead (ids unchanged, so selecting one still selects that transition);
 * transitions wholly inside it are hidden with them.
 */
import type { TemplateGraph } from './template-graph.js';

/** The outermost collapsed group holding `id` (or `id` itself when none does). */
export function shownAs(
  id: string,
  parentOf: ReadonlyMap<string, string | undefined>,
  collapsed: ReadonlySet<string>,
): string {
  let shown = id;
  for (let cur = parentOf.get(id); cur !== undefined; cur = parentOf.get(cur))
    if (collapsed.has(cur)) shown = cur;
  return shown;
}

/** `graph` with the groups in `collapsed` folded; the same object when nothing is folded. */
export function visibleGraph(graph: TemplateGraph, collapsed: ReadonlySet<string>): TemplateGraph {
  const groups = new Set(
    graph.nodes
      .filter((n) => (n.kind === 'compound' || n.kind === 'parallel') && collapsed.has(n.id))
      .map((n) => n.id),
  );
  if (groups.size === 0) return graph;
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const nodes = graph.nodes.filter((n) => shownAs(n.id, parentOf, groups) === n.id);
  const edges = graph.edges.flatMap((e) => {
    const source = shownAs(e.source, parentOf, groups);
    if (e.target === undefined) return source === e.source ? [e] : [];
    const target = shownAs(e.target, parentOf, groups);
    // Inside a folded group: hidden with its states (the group's own self-transitions stay).
    if (source === target && (source !== e.source || target !== e.target)) return [];
    return [source === e.source && target === e.target ? e : { ...e, source, target }];
  });
  return { nodes, edges };
}

/** How many states a folded group hides (all levels). */
export function hiddenCount(graph: TemplateGraph, group: string): number {
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  return graph.nodes.filter((n) => {
    for (let cur = n.parentId; cur !== undefined; cur = parentOf.get(cur))
      if (cur === group) return true;
    return false;
  }).length;
}
