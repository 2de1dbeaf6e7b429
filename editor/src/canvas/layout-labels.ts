/**
 * The labels the layered layout places, as the canvas draws them: each edge's data (its text and
 * marks) and each state's title, in the language shown. One place, so the open template, a
 * comparison and the overlap test lay out the same labels.
 */
import { labelText } from '@relief/engine';
import type { LayeredInput } from '../model/index.js';
import { edgeLabelText, toFlowElements } from './flow-elements.js';
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

/** `layeredLayout`'s input: states and edge labels as drawn, each edge label sized by `measure`. */
export function layeredInput(
  input: Pick<FlowInput, 'graph' | 'boxes' | 'template' | 'lang' | 'direction'>,
  measure: (data: TransitionEdgeData) => { width: number; height: number },
): LayeredInput {
  const { edges, titles } = layoutLabels(input);
  return {
    graph: input.graph,
    direction: input.direction,
    nodeLabel: (id) => titles.get(id) ?? id,
    edgeLabel: (id) => {
      const data = edges.get(id);
      return data ? edgeLabelText(data) : '';
    },
    measure: (id) => measure(edges.get(id)!),
  };
}
