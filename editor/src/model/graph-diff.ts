/**
 * Two versions of a template on one canvas: the newer graph plus what the older one had and the
 * newer lost, each element marked added, removed, changed or the same.
 */
import type { StateNode, TemplateGraph, TransitionEdge } from './template-graph.js';

/** How an element differs between the two versions. */
export type DiffStatus = 'added' | 'removed' | 'changed' | 'same';

/** The union graph and a status for each node and edge id. */
export interface GraphDiff {
  graph: TemplateGraph;
  status: Map<string, DiffStatus>;
  counts: Record<DiffStatus, number>;
}

const nodeSig = (n: StateNode) =>
  JSON.stringify([n.kind, n.initial, Object.entries(n.own).filter(([k]) => k !== 'x-layout')]);
const edgeSig = (e: TransitionEdge) => JSON.stringify([e.targetText, e.transition]);

/** Compare `older` with `newer`. */
export function diffGraphs(older: TemplateGraph, newer: TemplateGraph): GraphDiff {
  const status = new Map<string, DiffStatus>();
  const oldNodes = new Map(older.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(older.edges.map((e) => [e.id, e]));
  const newIds = new Set(newer.nodes.map((n) => n.id));
  const newEdgeIds = new Set(newer.edges.map((e) => e.id));
  for (const n of newer.nodes) {
    const o = oldNodes.get(n.id);
    status.set(n.id, !o ? 'added' : nodeSig(o) === nodeSig(n) ? 'same' : 'changed');
  }
  for (const e of newer.edges) {
    const o = oldEdges.get(e.id);
    status.set(e.id, !o ? 'added' : edgeSig(o) === edgeSig(e) ? 'same' : 'changed');
  }
  const removedNodes = older.nodes.filter((n) => !newIds.has(n.id));
  const removedEdges = older.edges.filter((e) => !newEdgeIds.has(e.id));
  for (const n of removedNodes) status.set(n.id, 'removed');
  for (const e of removedEdges) status.set(e.id, 'removed');
  // A removed edge whose new id is taken by another transition stays visible under its own id.
  const edges = [...newer.edges, ...removedEdges.map((e) => ({ ...e, id: e.id }))];
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const s of status.values()) counts[s]++;
  return { graph: { nodes: [...newer.nodes, ...removedNodes], edges }, status, counts };
}
