/**
 * The whole drawing's box in flow coordinates: the states and everything the layout put around
 * them (edge labels, routes). React Flow fits and measures nodes only, so a label beside the
 * leftmost state would be cut off a fitted view and an exported picture.
 */
import type { Rect } from '@xyflow/react';
import type { EdgeRoute } from '../model/index.js';

/** `nodes` (React Flow's bounds of the states) grown to hold every route and label. */
export function graphBounds(nodes: Rect, routes: ReadonlyMap<string, EdgeRoute>): Rect {
  let x0 = nodes.x;
  let y0 = nodes.y;
  let x1 = nodes.x + nodes.width;
  let y1 = nodes.y + nodes.height;
  const grow = (x: number, y: number) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (const route of routes.values()) {
    for (const p of route.points) grow(p.x, p.y);
    if (route.label) {
      grow(route.label.x, route.label.y);
      grow(route.label.x + route.label.width, route.label.y + route.label.height);
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
