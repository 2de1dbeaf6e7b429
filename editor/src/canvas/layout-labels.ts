/**
 * The labels the layered layout places, as the canvas draws them: each edge's data (its text and
 * marks) and each state's title, in the language shown. One place, so the open template, a
 * comparison and the overlap test lay out the same labels.
 */
import { labelText } from '@relief/engine';
import { toFlowElements } from './flow-elements.js';
import type { FlowInput, TransitionEdgeData } from './flow-elements.js';

/** Edge data by edge id and state titles by state id, for `layeredLayout`. */
export function layoutLabels(
  input: Pick<FlowInput, 'graph' | 'boxes' | 'template' | 'lang' | 'direction'>,
): { edges: Map<string, TransitionEdgeData>; titles: Map<string, string> } {
  const { edges } = toFlowElements({
    ...input,
    markers: new Map(),
    selection: { kind: 'template' },
    active: new Set(),
    path: [],
    diff: undefined,
    routes: new Map(),
  });
  return {
    edges: new Map(edges.flatMap((e) => (e.data ? [[e.id, e.data] as const] : []))),
    titles: new Map(input.graph.nodes.map((n) => [n.id, labelText(n.title, input.lang) ?? n.key])),
  };
}
