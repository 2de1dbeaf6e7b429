/**
 * Automatic layout: dagre, one nesting level at a time from the innermost groups out, so a group is
 * laid out as one box among its siblings (dagre cannot route edges into compound nodes itself).
 * Positions are relative to the parent group, as React Flow places child nodes.
 */
import dagre from '@dagrejs/dagre';
import { freeSpot } from './free-spot.js';
import type { StoredPosition, TemplateGraph } from './template-graph.js';

/** A laid-out node: top-left relative to its parent group, and its size. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Sizes and spacing; the canvas uses the same numbers to draw. */
export const LAYOUT = {
  nodeHeight: 58,
  rowHeight: 18,
  minWidth: 128,
  maxWidth: 240,
  groupTop: 46,
  groupPad: 22,
  rankGap: 110,
  nodeGap: 48,
} as const;

/** Estimated width of a label: CJK characters are about twice as wide as Latin ones at 13px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFFF]/.test(ch) ? 14 : 7.5;
  return width;
}

/** Which way transitions flow: left to right (as in BPMN modelers) or top to bottom. */
export type LayoutDirection = 'LR' | 'TB';

/** Lay out a graph; `labels` gives each node's displayed title, `fixed` positions win over the layout. */
export function layoutGraph(
  graph: TemplateGraph,
  labels: (id: string) => string,
  fixed: ReadonlyMap<string, StoredPosition> = new Map(),
  direction: LayoutDirection = 'LR',
): Map<string, NodeBox> {
  const { children, internal } = nesting(graph);
  const parentOf = new Map(graph.nodes.map((node) => [node.id, node.parentId]));
  const boxes = new Map<string, NodeBox>();

  /** The child of `level` that contains `id` (or undefined when `id` is not under `level`). */
  const under = (id: string, level: string | undefined): string | undefined => {
    for (let cur: string | undefined = id; cur !== undefined; cur = parentOf.get(cur))
      if (parentOf.get(cur) === level) return cur;
    return undefined;
  };

  const layoutLevel = (level: string | undefined): void => {
    const ids = children.get(level) ?? [];
    for (const id of ids) if (children.has(id)) layoutLevel(id);
    const g = new dagre.graphlib.Graph();
    g.setGraph({
      rankdir: direction,
      ranksep: LAYOUT.rankGap,
      nodesep: LAYOUT.nodeGap,
      marginx: 0,
      marginy: 0,
    });
    g.setDefaultEdgeLabel(() => ({}));
    for (const id of ids) {
      const size = boxes.get(id) ?? leafSize(labels(id), internal.get(id) ?? 0);
      boxes.set(id, { x: 0, y: 0, ...size, width: size.width, height: size.height });
      g.setNode(id, { width: size.width, height: size.height });
    }
    // One dagre edge per pair of boxes (weighted by how many transitions join them) keeps it fast.
    for (const edge of graph.edges) {
      if (edge.target === undefined) continue;
      const a = under(edge.source, level);
      const b = under(edge.target, level);
      if (!a || !b || a === b) continue;
      const seen = g.edge(a, b) as { weight: number } | undefined;
      if (seen) seen.weight += 1;
      else g.setEdge(a, b, { weight: 1, minlen: 1 });
    }
    dagre.layout(g);
    for (const id of ids) {
      const n = g.node(id) as { x: number; y: number };
      const box = boxes.get(id)!;
      const at = fixed.get(id);
      box.x = at ? at.x : n.x - box.width / 2 + (level ? LAYOUT.groupPad : 0);
      box.y = at ? at.y : n.y - box.height / 2 + (level ? LAYOUT.groupTop : 0);
    }
    // A new state among kept ones: dagre placed it as if the others could move; they cannot, so
    // it goes to the nearest free place instead of on top of one of them.
    const placed = ids.filter((id) => fixed.has(id)).map((id) => boxes.get(id)!);
    if (placed.length > 0)
      for (const id of ids) {
        if (fixed.has(id)) continue;
        const box = boxes.get(id)!;
        Object.assign(box, freeSpot(box, box, placed, direction === 'TB' ? 'right' : 'down'));
        placed.push(box);
      }
    if (level !== undefined)
      boxes.set(level, {
        x: 0,
        y: 0,
        ...groupSize(
          ids.map((id) => boxes.get(id)!),
          labels(level),
        ),
      });
  };
  layoutLevel(undefined);
  return boxes;
}

/** A state's box size: wide enough for its title, taller for the transitions listed inside. */
export function leafSize(label: string, internalCount: number): { width: number; height: number } {
  const width = Math.min(LAYOUT.maxWidth, Math.max(LAYOUT.minWidth, textWidth(label) + 40));
  return {
    width: Math.round(width),
    height: LAYOUT.nodeHeight + Math.min(internalCount, 4) * LAYOUT.rowHeight,
  };
}

/** A group is as big as its children plus padding, and at least wide enough for its title. */
function groupSize(kids: NodeBox[], label: string): { width: number; height: number } {
  const right = Math.max(...kids.map((k) => k.x + k.width), textWidth(label) + 60);
  const bottom = Math.max(...kids.map((k) => k.y + k.height), LAYOUT.groupTop);
  return {
    width: Math.round(right + LAYOUT.groupPad),
    height: Math.round(bottom + LAYOUT.groupPad),
  };
}

/**
 * A placeholder layout costing next to nothing: each level's states in rows of six. Used while
 * the layered layout of a template just opened is computed (the canvas hides it meanwhile), so
 * opening 100 states does not also pay for dagre.
 */
export function quickLayout(
  graph: TemplateGraph,
  labels: (id: string) => string,
): Map<string, NodeBox> {
  const { children, internal } = nesting(graph);
  const boxes = new Map<string, NodeBox>();
  const place = (level: string | undefined): { width: number; height: number } => {
    const ids = children.get(level) ?? [];
    const top = level ? LAYOUT.groupTop : 0;
    const pad = level ? LAYOUT.groupPad : 0;
    let x = pad;
    let y = top;
    let rowHeight = 0;
    let width = level ? textWidth(labels(level)) + 60 : 0;
    ids.forEach((id, i) => {
      const size = children.has(id) ? place(id) : leafSize(labels(id), internal.get(id) ?? 0);
      if (i > 0 && i % 6 === 0) {
        x = pad;
        y += rowHeight + LAYOUT.nodeGap;
        rowHeight = 0;
      }
      boxes.set(id, { x, y, ...size });
      x += size.width + LAYOUT.nodeGap;
      rowHeight = Math.max(rowHeight, size.height);
      width = Math.max(width, x - LAYOUT.nodeGap + pad);
    });
    return { width: Math.round(width), height: Math.round(y + rowHeight + pad) };
  };
  place(undefined);
  return boxes;
}

/** Each level's child ids in template order, and each state's count of internal transitions. */
function nesting(graph: TemplateGraph): {
  children: Map<string | undefined, string[]>;
  internal: Map<string, number>;
} {
  const children = new Map<string | undefined, string[]>();
  for (const node of graph.nodes) {
    if (!children.has(node.parentId)) children.set(node.parentId, []);
    children.get(node.parentId)!.push(node.id);
  }
  const internal = new Map<string, number>();
  for (const edge of graph.edges)
    if (edge.target === undefined) internal.set(edge.source, (internal.get(edge.source) ?? 0) + 1);
  return { children, internal };
}
