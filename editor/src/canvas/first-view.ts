import { getViewportForBounds } from '@xyflow/react';
import type { Edge, Node, Viewport } from '@xyflow/react';
import type { StateNodeData, TransitionEdgeData } from './flow-elements.js';
import { graphBounds } from './graph-bounds.js';

/**
 * A phone's first view of a graph: legible rather than whole. Fitted whole at 390 px, love-meals'
 * state titles were drawn at 5–7 px; the first view is at LEGIBLE_ZOOM from the start of the flow
 * instead, and the designer pans (the fit button still shows the whole graph).
 */

/** The least zoom of a phone's first view: state titles (13 px) and edge labels (12 px) at ≥ 11 px. */
export const LEGIBLE_ZOOM = 11 / 12;
/** Room left clear on a phone's first view: at the top for ⌕ 查找状态, elsewhere a margin. */
export const PHONE_MARGIN = { top: 64, side: 16 };

/**
 * Where the graph's range `lo..hi` (flow units) starts on a screen side of `screen` px at `zoom`:
 * centred when it fits, else with `centre` as near the middle as the range allows (no empty band
 * beyond either end past the margins `before` / `after`).
 */
export function placeAlong(
  centre: number,
  lo: number,
  hi: number,
  screen: number,
  zoom: number,
  before: number,
  after: number,
): number {
  const span = (hi - lo) * zoom;
  if (span + before + after <= screen)
    return before + (screen - before - after - span) / 2 - lo * zoom;
  const want = screen / 2 - centre * zoom;
  return Math.min(before - lo * zoom, Math.max(screen - after - hi * zoom, want));
}

/**
 * The view of a new layout: the whole graph (states, routes and labels) fitted, at most at zoom 1;
 * on a phone, when that is too small to read, LEGIBLE_ZOOM from the start of the flow (the first
 * change when comparing). From the nodes and edges as given to React Flow (the outer nodes'
 * positions are absolute and their boxes hold the rest), so it can be set before they are drawn.
 */
export function firstView(
  nodes: readonly Node<StateNodeData>[],
  edges: readonly Edge<TransitionEdgeData>[],
  width: number,
  height: number,
  { phone, lr }: { phone: boolean; lr: boolean },
): Viewport {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = (n: Node<StateNodeData>): { x: number; y: number } => {
    const up = n.parentId === undefined ? undefined : byId.get(n.parentId);
    const origin = up ? absolute(up) : { x: 0, y: 0 };
    return { x: origin.x + n.position.x, y: origin.y + n.position.y };
  };
  const outer = nodes.filter((n) => n.parentId === undefined);
  const x0 = Math.min(...outer.map((n) => n.position.x));
  const y0 = Math.min(...outer.map((n) => n.position.y));
  const x1 = Math.max(...outer.map((n) => n.position.x + (n.width ?? 0)));
  const y1 = Math.max(...outer.map((n) => n.position.y + (n.height ?? 0)));
  const routes = new Map(edges.flatMap((e) => (e.data?.route ? [[e.id, e.data.route]] : [])));
  const bounds = graphBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, routes);
  const whole = getViewportForBounds(bounds, width, height, 0.02, 1, 0.08);
  if (!phone || whole.zoom >= LEGIBLE_ZOOM) return whole;
  const zoom = LEGIBLE_ZOOM;
  // Comparing: the first change (a state added, removed or changed), else the initial state.
  const change = nodes.find(
    (n) => n.type === 'state' && n.data.diff !== undefined && n.data.diff !== 'same',
  );
  const first = change ?? nodes.find((n) => !n.parentId && n.data.state.initial) ?? nodes[0]!;
  const p = absolute(first);
  const cx = p.x + (first.width ?? 0) / 2;
  const cy = p.y + (first.height ?? 0) / 2;
  const { top, side } = PHONE_MARGIN;
  const [bx0, bx1, by0, by1] = [
    bounds.x,
    bounds.x + bounds.width,
    bounds.y,
    bounds.y + bounds.height,
  ];
  // Top to bottom: the graph's top under the search box, the initial state across the middle;
  // left to right: the graph's left edge, the initial state halfway down; a change in the middle.
  return {
    x: placeAlong(lr && !change ? bx0 : cx, bx0, bx1, width, zoom, side, side),
    y: placeAlong(!lr && !change ? by0 : cy, by0, by1, height, zoom, top, side),
    zoom,
  };
}
