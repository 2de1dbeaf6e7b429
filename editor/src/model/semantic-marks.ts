/**
 * The engine's semantic diff (`diffTemplates`) on the canvas: which node or edge each change
 * belongs to, and the graph diff's marks completed with it — a state whose entry actions, title or
 * timer changed, an edge whose event's form changed, are marked changed even when the graph
 * compare saw nothing. Changes with no place on the canvas (data fields, roles…) stay in the list.
 */
import type { TemplateChange } from '@relief/engine';
import type { DiffStatus, GraphDiff } from './graph-diff.js';
import { timerEdgeId } from './template-graph.js';

/** The graph diff with the semantic changes attached to their elements. */
export interface SemanticMarks {
  status: Map<string, DiffStatus>;
  counts: Record<DiffStatus, number>;
  /** Node or edge id → the changes that concern it. */
  byElement: Map<string, TemplateChange[]>;
  /** Change (by its index in the diff) → the node or edge ids it concerns. */
  elementsOf: string[][];
}

/** Where change `c` is on the canvas of `result` (node ids and edge ids). */
export function elementsOfChange(c: TemplateChange, result: GraphDiff): string[] {
  const { nodes, edges } = result.graph;
  switch (c.kind) {
    case 'state':
      return nodes.some((n) => n.id === c.key) ? [c.key] : [];
    case 'entry':
    case 'exit':
      return c.state && nodes.some((n) => n.id === c.state) ? [c.state] : [];
    case 'transition':
      return edges
        .filter((e) => e.kind === 'event' && e.source === c.state && e.event === c.event)
        .map((e) => e.id);
    case 'timer': {
      const index = Number(/after\[(\d+)\]/.exec(c.key)?.[1] ?? -1);
      const id = c.state === undefined ? '' : timerEdgeId(c.state, index);
      return edges.some((e) => e.id === id) ? [id] : [];
    }
    case 'event':
      return edges.filter((e) => e.event === c.key).map((e) => e.id);
    case 'form':
      return edges.filter((e) => e.event === c.event).map((e) => e.id);
    default:
      return [];
  }
}

/** Attach `changes` to `result`'s elements and mark as changed what the graph compare left the same. */
export function semanticMarks(
  result: GraphDiff,
  changes: readonly TemplateChange[],
): SemanticMarks {
  const status = new Map(result.status);
  const byElement = new Map<string, TemplateChange[]>();
  const elementsOf = changes.map((c) => {
    const ids = elementsOfChange(c, result);
    for (const id of ids) {
      byElement.set(id, [...(byElement.get(id) ?? []), c]);
      if (status.get(id) === 'same') status.set(id, 'changed');
    }
    return ids;
  });
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const s of status.values()) counts[s]++;
  return { status, counts, byElement, elementsOf };
}
