import { describe, expect, it } from 'vitest';
import { labelText } from '@relief/engine';
import { layoutGraph, LAYOUT } from './layout-graph.js';
import { toGraph } from './template-graph.js';
import { loadShipped, SHIPPED } from '../test-support/shipped-templates.js';

describe('layoutGraph', () => {
  it.each(SHIPPED)(
    '%s: every state gets a box; children fit inside their group; siblings do not overlap',
    (name) => {
      const template = loadShipped(name);
      const graph = toGraph(template);
      const label = (id: string) =>
        labelText(graph.nodes.find((n) => n.id === id)!.title, 'zh') ?? id;
      const boxes = layoutGraph(graph, label);
      expect([...boxes.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
      for (const node of graph.nodes) {
        const box = boxes.get(node.id)!;
        if (node.parentId) {
          const parent = boxes.get(node.parentId)!;
          expect(box.x + box.width).toBeLessThanOrEqual(parent.width);
          expect(box.y).toBeGreaterThanOrEqual(LAYOUT.groupTop - 1);
        }
        for (const other of graph.nodes) {
          if (other === node || other.parentId !== node.parentId) continue;
          const b = boxes.get(other.id)!;
          const overlap =
            box.x < b.x + b.width &&
            b.x < box.x + box.width &&
            box.y < b.y + b.height &&
            b.y < box.y + box.height;
          expect(overlap, `${node.id} overlaps ${other.id}`).toBe(false);
        }
      }
    },
  );

  it('keeps stored positions and grows the group around them', () => {
    const graph = toGraph(loadShipped('love-meals'));
    const boxes = layoutGraph(
      graph,
      (id) => id,
      new Map([['enrolled.failed', { x: 900, y: 400 }]]),
    );
    expect(boxes.get('enrolled.failed')).toMatchObject({ x: 900, y: 400 });
    expect(boxes.get('enrolled')!.width).toBeGreaterThan(900);
  });

  // How fast is a benchmark's question (`pnpm --filter @relief/editor bench`), not a timed test's:
  // on a loaded 2-core machine a wall-clock limit fails at random. Here: every state placed, apart.
  it('lays out 100 states, each in its own place', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++)
      states[`s${i}`] = { on: { next: `s${(i + 1) % 100}`, skip: `s${(i + 7) % 100}` } };
    const graph = toGraph({ initial: 's0', states: states as never });
    const boxes = [...layoutGraph(graph, (id) => id).values()];
    expect(boxes).toHaveLength(100);
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) =>
            a.x < b.x + b.width &&
            b.x < a.x + a.width &&
            a.y < b.y + b.height &&
            b.y < a.y + a.height,
        ),
    );
    expect(overlapping).toEqual([]);
  });
});
