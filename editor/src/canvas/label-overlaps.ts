/**
 * Count what a reader trips on in a computed layout: edge labels on top of each other, and edge
 * labels on top of states. Works on the layout's own geometry (boxes relative to their group, label
 * boxes absolute), so it runs in Node without a browser.
 */
import { Position } from '@xyflow/react';
import { absoluteBoxes, estimateEdgeLabel } from '../model/index.js';
import type { LayoutDirection, NodeBox, TemplateGraph } from '../model/index.js';
import { edgePath } from './edge-path.js';

const hit = (a: NodeBox, b: NodeBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where the per-level layout (dagre, before the layered engine) drew each label: at the midpoint
 * of the curve between the states' handles. Kept to report the change against it.
 */
export function midpointLabels(
  graph: TemplateGraph,
  boxes: ReadonlyMap<string, NodeBox>,
  labelOf: (edgeId: string) => string,
  direction: LayoutDirection,
): NodeBox[] {
  const absolute = absoluteBoxes(graph, boxes);
  const tb = direction === 'TB';
  const lanes = new Map<string, number>();
  const labels: NodeBox[] = [];
  for (const e of graph.edges) {
    if (e.target === undefined) continue;
    const s = absolute.get(e.source)!;
    const t = absolute.get(e.target)!;
    const pair = [e.source, e.target].sort().join('→');
    const lane = lanes.get(pair) ?? 0;
    lanes.set(pair, lane + 1);
    const [, x, y] = edgePath(
      {
        sourceX: tb ? s.x + s.width / 2 : s.x + s.width,
        sourceY: tb ? s.y + s.height : s.y + s.height / 2,
        targetX: tb ? t.x + t.width / 2 : t.x,
        targetY: tb ? t.y : t.y + t.height / 2,
        sourcePosition: tb ? Position.Bottom : Position.Right,
        targetPosition: tb ? Position.Top : Position.Left,
      },
      lane,
      e.source === e.target,
    );
    const { width, height } = estimateEdgeLabel(labelOf(e.id));
    labels.push({ x: x - width / 2, y: y - height / 2, width, height });
  }
  return labels;
}

/** Label–label and label–state overlaps of labels (absolute boxes) on a graph laid out as `boxes`. */
export function countLabelOverlaps(
  graph: TemplateGraph,
  boxes: ReadonlyMap<string, NodeBox>,
  labels: readonly NodeBox[],
): { labelLabel: number; labelNode: number; labels: number } {
  const absolute = absoluteBoxes(graph, boxes);
  const states = graph.nodes
    .filter((n) => n.kind !== 'compound' && n.kind !== 'parallel')
    .map((n) => absolute.get(n.id)!);
  let labelLabel = 0;
  let labelNode = 0;
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (hit(a, b)) labelLabel++;
    for (const s of states) if (hit(a, s)) labelNode++;
  });
  return { labelLabel, labelNode, labels: labels.length };
}

/**
 * Routed edges that pass through a group they neither leave nor enter (a group holding neither
 * end): such an edge reads as a step inside that group.
 */
export function countGroupCrossings(
  graph: TemplateGraph,
  boxes: ReadonlyMap<string, NodeBox>,
  routes: ReadonlyMap<string, { points: { x: number; y: number }[] }>,
): number {
  const absolute = absoluteBoxes(graph, boxes);
  const parent = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const within = (id: string, group: string) => {
    for (let cur: string | undefined = id; cur !== undefined; cur = parent.get(cur))
      if (cur === group) return true;
    return false;
  };
  const groups = graph.nodes.filter((n) => n.kind === 'compound' || n.kind === 'parallel');
  let crossings = 0;
  for (const edge of graph.edges) {
    const route = routes.get(edge.id);
    if (!route || edge.target === undefined) continue;
    for (const group of groups) {
      if (within(edge.source, group.id) || within(edge.target, group.id)) continue;
      const g = absolute.get(group.id)!;
      // Inside by more than a pixel (a route may run along a group's border).
      const inner = { x: g.x + 1, y: g.y + 1, width: g.width - 2, height: g.height - 2 };
      const crosses = route.points.slice(1).some((b, i) => {
        const a = route.points[i]!;
        const seg = {
          x: Math.min(a.x, b.x),
          y: Math.min(a.y, b.y),
          width: Math.abs(a.x - b.x) || 0.01,
          height: Math.abs(a.y - b.y) || 0.01,
        };
        return hit(seg, inner);
      });
      if (crosses) crossings++;
    }
  }
  return crossings;
}
