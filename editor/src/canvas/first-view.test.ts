import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { firstView, LEGIBLE_ZOOM, PHONE_MARGIN, placeAlong } from './first-view.js';
import type { StateNodeData, TransitionEdgeData } from './flow-elements.js';

describe('a phone’s first view', () => {
  it('draws 13 px titles and 12 px edge labels at 11 px or more', () => {
    expect(13 * LEGIBLE_ZOOM).toBeGreaterThanOrEqual(11);
    expect(12 * LEGIBLE_ZOOM).toBeGreaterThanOrEqual(11);
  });

  it('centres a range that fits, margins included', () => {
    // 100 units at zoom 1 on 400 px with 20 px margins: 150 px either side.
    expect(placeAlong(0, 0, 100, 400, 1, 20, 20)).toBe(150);
    expect(placeAlong(0, 50, 150, 400, 1, 20, 20)).toBe(100);
  });

  it('puts the centre mid-screen when the range allows, else keeps an end at its margin', () => {
    // 1000 units on 400 px: the state at 500 in the middle.
    expect(placeAlong(500, 0, 1000, 400, 1, 16, 16)).toBe(-300);
    // Near the start: the range's start stays at the margin (no empty band before it).
    expect(placeAlong(10, 0, 1000, 400, 1, 64, 16)).toBe(64);
    // Near the end: the range's end stays at the far margin.
    expect(placeAlong(990, 0, 1000, 400, 1, 16, 16)).toBe(400 - 16 - 1000);
    // Zoomed: positions scale.
    expect(placeAlong(0, 0, 1000, 400, 0.5, 16, 16)).toBe(16);
  });
});

describe('the view of a new layout (set before it is drawn)', () => {
  const node = (id: string, x: number, y: number, w: number, h: number, parentId?: string) =>
    ({
      id,
      type: parentId === undefined && id === 'g' ? 'compound' : 'state',
      position: { x, y },
      width: w,
      height: h,
      ...(parentId && { parentId }),
      data: { state: { initial: id === 'a' }, diff: undefined },
    }) as unknown as Node<StateNodeData>;
  const nodes = [
    node('a', 0, 0, 100, 50),
    node('g', 0, 100, 300, 900),
    node('g.b', 20, 800, 100, 50, 'g'),
  ];

  it('fits the whole graph, labels beside it included, at most at zoom 1', () => {
    const label = { x: -200, y: 0, width: 100, height: 20 };
    const edges = [
      { id: 'e', source: 'a', target: 'g.b', data: { route: { points: [], label } } },
    ] as unknown as Edge<TransitionEdgeData>[];
    const view = firstView(nodes, edges, 1000, 500, { phone: false, lr: false });
    // Bounds x -200..300, y 0..1000 on 1000×500 with 8 % padding: the height decides.
    expect(view.zoom).toBeCloseTo(0.46, 2);
    expect(
      firstView([node('a', 0, 0, 100, 50)], [], 1000, 500, { phone: false, lr: false }).zoom,
    ).toBe(1);
  });

  it('on a phone, starts legible at the top with the initial state', () => {
    const view = firstView(nodes, [], 390, 600, { phone: true, lr: false });
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    // The graph's top under the search box.
    expect(view.y).toBe(PHONE_MARGIN.top);
  });
});
