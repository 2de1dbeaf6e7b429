/**
 * Everything the canvas and panels show is derived from the YAML source: validation findings,
 * the graph, the layout and the markers. Derived once per change, here.
 */
import { labelText, validateTemplate } from '@relief/engine';
import type { Template, TemplateIssue, TemplateValidation } from '@relief/engine';
import {
  issuesByElement,
  layoutGraph,
  quickLayout,
  toGraph,
  visibleGraph,
} from '../model/index.js';
import type {
  Lang,
  LayoutDirection,
  NodeBox,
  StoredPosition,
  TemplateGraph,
} from '../model/index.js';

/** How the graph is shown: label language, layout direction and the folded groups. */
export interface ViewOptions {
  lang: Lang;
  direction: LayoutDirection;
  collapsed?: ReadonlySet<string>;
  /** A placeholder layout only (the layered layout follows; see `quickLayout`). */
  quick?: boolean;
}

/** The derived view of one source. */
export interface SourceView {
  validation: TemplateValidation;
  /** The parsed template, even when it has errors (empty when the YAML does not parse). */
  template: Partial<Template>;
  graph: TemplateGraph;
  boxes: Map<string, NodeBox>;
  markers: Map<string, TemplateIssue[]>;
  errorCount: number;
}

const isObject = (v: unknown): v is Partial<Template> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Derive the view of `source`. Positions: stored `x-layout` first, then where a node already was
 * (so an edit does not reshuffle the canvas), then the automatic layout for new nodes.
 */
export function deriveView(
  source: string,
  view: ViewOptions,
  previous?: Pick<SourceView, 'graph' | 'boxes'>,
): SourceView {
  const validation = validateTemplate(source);
  const template = isObject(validation.parsed.value) ? validation.parsed.value : {};
  // While the YAML does not parse, keep showing the last graph rather than an empty canvas.
  const broken = validation.parsed.issues.length > 0 && previous !== undefined;
  const graph = broken ? previous.graph : toGraph(template as Template);
  const boxes = broken ? previous.boxes : layoutFor(graph, view, previous);
  return {
    validation,
    template,
    graph,
    boxes,
    markers: issuesByElement(validation.issues, graph),
    errorCount: validation.issues.filter((i) => i.severity === 'error').length,
  };
}

/** Lay out `graph` keeping stored and previous positions. */
export function layoutFor(
  graph: TemplateGraph,
  view: ViewOptions,
  previous?: Pick<SourceView, 'graph' | 'boxes'>,
): Map<string, NodeBox> {
  graph = visibleGraph(graph, view.collapsed ?? new Set());
  const fixed = new Map<string, StoredPosition>();
  const oldParent = new Map(previous?.graph.nodes.map((n) => [n.id, n.parentId]));
  for (const node of graph.nodes) {
    const old = previous?.boxes.get(node.id);
    if (node.position) fixed.set(node.id, node.position);
    else if (old && oldParent.has(node.id) && oldParent.get(node.id) === node.parentId)
      fixed.set(node.id, { x: old.x, y: old.y });
  }
  const titles = new Map(graph.nodes.map((n) => [n.id, labelText(n.title, view.lang) ?? n.key]));
  if (view.quick) return quickLayout(graph, (id) => titles.get(id) ?? id);
  return layoutGraph(graph, (id) => titles.get(id) ?? id, fixed, view.direction);
}
