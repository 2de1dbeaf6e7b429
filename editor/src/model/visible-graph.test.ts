import { describe, expect, it } from 'vitest';
import { loadShipped } from '../test-support/shipped-templates.js';
import { toGraph } from './template-graph.js';
import { hiddenCount, visibleGraph } from './visible-graph.js';

describe('folded groups', () => {
  const graph = toGraph(loadShipped('love-meals'));

  it('shows a folded group as one node, with transitions re-attached to it and inner ones hidden', () => {
    const shown = visibleGraph(graph, new Set(['enrolled']));
    expect(shown.nodes.map((n) => n.id)).not.toContain('enrolled.prepared');
    expect(shown.nodes.map((n) => n.id)).toContain('enrolled');
    expect(hiddenCount(graph, 'enrolled')).toBe(4);
    // Inner transitions (failed → prepared …) are hidden with their states.
    expect(shown.edges.some((e) => e.id.startsWith('on:enrolled.failed:'))).toBe(false);
    // Into and out of the group: same ids, ends on the group.
    for (const e of shown.edges) {
      expect(shown.nodes.some((n) => n.id === e.source)).toBe(true);
      if (e.target !== undefined) expect(shown.nodes.some((n) => n.id === e.target)).toBe(true);
    }
    const end = shown.edges.find((e) => e.id === 'on:enrolled:end:0');
    expect(end).toMatchObject({ source: 'enrolled', target: 'ended' });
    expect(shown.edges.length).toBeLessThan(graph.edges.length);
    expect(visibleGraph(graph, new Set())).toBe(graph);
  });
});
