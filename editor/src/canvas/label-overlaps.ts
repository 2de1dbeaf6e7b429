/**
 * Count what a reader trips on in a computed layout: edge labels on top of each other, and edge
 * labels on top of states. Uses the canvas's own geometry (layout boxes, handle ends, `edgePath`'s
 * label point) and the label's estimated size, so it runs in Node without a browser.
 */
import { Position } from '@xyflow/react';
import { textWidth } from '../model/index.js';
import type { LayoutDirection, NodeBox, TemplateGraph } from '../model/index.js';
import { edgePath } from './edge-path.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const hit = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Label–label and label–state overlaps of a graph laid out as `boxes`, labels as `labelOf` shows them. */
export function countLabelOverlaps(
  graph: TemplateGraph,
  boxes: ReadonlyMap<string, NodeBox>,
  labelOf: (edgeId: string) => string,
  direction: LayoutDirection,
): { labelLabel: number; labelNode: number; labels: number } {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const absolute = new Map<string, Box>();
  const abs = (id: string): Box => {
    const known = absolute.get(id);
    if (known) return known;
    const b = boxes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
    const up = parent.get(id);
    const origin = up ? abs(up) : { x: 0, y: 0 };
    const box = { x: origin.x + b.x, y: origin.y + b.y, width: b.width, height: b.height };
    absolute.set(id, box);
    return box;
  };
  const tb = direction === 'TB';
  const lanes = new Map<string, number>();
  const labels: Box[] = [];
  for (const e of graph.edges) {
    if (e.target === undefined) continue;
    const s = abs(e.source);
    const t = abs(e.target);
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
    const width = textWidth(labelOf(e.id)) * (12 / 13) + 14;
    const height = 20;
    labels.push({ x: x - width / 2, y: y - height / 2, width, height });
  }
  const states = graph.nodes
    .filter((n) => n.kind !== 'compound' && n.kind !== 'parallel')
    .map((n) => abs(n.id));
  let labelLabel = 0;
  let labelNode = 0;
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (hit(a, b)) labelLabel++;
    for (const s of states) if (hit(a, s)) labelNode++;
  });
  return { labelLabel, labelNode, labels: labels.length };
}
