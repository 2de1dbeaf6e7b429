import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { countGroupCrossings } from '../canvas/label-overlaps.js';
import { loadShipped } from '../test-support/shipped-templates.js';
import {
  absoluteBoxes,
  fromElkGraph,
  layeredLayout,
  rememberRuns,
  toElkGraph,
  warmUpGraph,
  withStoredPositions,
} from './elk-layout.js';
import { toGraph } from './template-graph.js';
import type { ElkRun } from './elk-layout.js';

const elk = new ELK();
const run: ElkRun = (graph) => elk.layout(graph as never) as never;
const graph = toGraph(loadShipped('love-meals'));
const input = {
  graph,
  nodeLabel: (id: string) => id,
  edgeLabel: (id: string) => id,
  direction: 'TB' as const,
};

describe('layered layout (ELK)', () => {
  it('bundles transitions joining the same two states into one route with a label each', () => {
    const root = toElkGraph(input);
    // An edge inside a group is declared in that group.
    const inner = root.children!.find((c) => c.id === 'enrolled')!;
    const back = inner.edges!.filter(
      (e) => e.sources[0] === 'enrolled.failed' && e.targets[0] === 'enrolled.prepared',
    );
    expect(back.map((e) => e.labels?.map((l) => l.id))).toEqual([
      ['on:enrolled.failed:prepare:0', 'after:enrolled.failed:0'],
    ]);
    expect(root.edges!.some((e) => e.sources[0] === 'applied')).toBe(true);
  });

  it('keeps a stored position, grows the group to hold it and remembers the route ends', async () => {
    const laid = await layeredLayout(input, run);
    const moved = {
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.id === 'enrolled.failed' ? { ...n, position: { x: 2000, y: 1500 } } : n,
      ),
    };
    const kept = withStoredPositions(moved, laid);
    expect(kept.boxes.get('enrolled.failed')).toMatchObject({ x: 2000, y: 1500 });
    expect(kept.boxes.get('enrolled')!.width).toBeGreaterThan(2000);
    const abs = absoluteBoxes(moved, kept.boxes);
    const retry = kept.routes.get('on:enrolled.failed:retry:0')!;
    expect(retry.ends![0]).toEqual({
      x: abs.get('enrolled.failed')!.x,
      y: abs.get('enrolled.failed')!.y,
    });
  });

  it('counts a route through a group it does not enter', async () => {
    const laid = await layeredLayout(input, run);
    expect(countGroupCrossings(graph, laid.boxes, laid.routes)).toBe(0);
    const abs = absoluteBoxes(graph, laid.boxes);
    const group = abs.get('enrolled')!;
    const through = new Map(laid.routes);
    through.set('on:suspended:end:0', {
      points: [
        { x: group.x - 10, y: group.y + group.height / 2 },
        { x: group.x + group.width + 10, y: group.y + group.height / 2 },
      ],
    } as never);
    expect(countGroupCrossings(graph, laid.boxes, through)).toBe(1);
  });

  it('warms up on a made-up graph with groups, edges back, out of and into groups, all routed', async () => {
    const warm = warmUpGraph(3, 6);
    expect(warm.layoutOptions).toEqual(toElkGraph(input).layoutOptions);
    const { boxes, routes } = fromElkGraph(await run(warm));
    // 3 groups of 6 steps and the end state; 3 × (6 forward + 5 back + 1 out of the group) edges.
    expect(boxes.size).toBe(22);
    expect(routes.size).toBe(36);
    expect([...routes.values()].every((r) => r.points.length >= 2 && r.label)).toBe(true);
  });

  it('answers a graph asked again from memory, keeps the last few, forgets a failed one', async () => {
    const asked: string[] = [];
    let fail = false;
    const remembered = rememberRuns((graph) => {
      asked.push(graph.id);
      return fail ? Promise.reject(new Error('no')) : Promise.resolve({ ...graph, width: 1 });
    }, 2);
    const g = (id: string, width = 10) => ({ id, children: [{ id: 'a', width, height: 5 }] });
    const first = await remembered(g('x'));
    expect(await remembered(g('x'))).toBe(first);
    // Another size is another graph.
    await remembered(g('x', 11));
    expect(asked).toEqual(['x', 'x']);
    await remembered(g('y'));
    // Two kept: x with width 10 went first.
    await remembered(g('x'));
    expect(asked).toEqual(['x', 'x', 'y', 'x']);
    fail = true;
    await expect(remembered(g('z'))).rejects.toThrow('no');
    fail = false;
    await remembered(g('z'));
    expect(asked).toEqual(['x', 'x', 'y', 'x', 'z', 'z']);
  });
});
