/**
 * The layered layout (ELK, Sugiyama with hierarchy): the graph as ELK's JSON, and ELK's answer
 * read back as node boxes (relative to the parent group, as React Flow places them) and edge
 * routes (absolute points and where each label goes). Pure: the ELK engine itself is passed in,
 * so this runs the same in a web worker, on the page and in Node tests.
 *
 * Every level is laid out at once (`INCLUDE_CHILDREN`), so an edge between two states of
 * different groups leaves and enters the groups on its way, and an edge between two outer states
 * goes round a group it does not enter instead of through it. Labels take part with their real
 * size, so the layout keeps them off states and off each other.
 */
import { LAYOUT, textWidth } from './layout-graph.js';
import type { LayoutDirection, NodeBox } from './layout-graph.js';
import type { TemplateGraph } from './template-graph.js';

/** A point in the canvas's absolute coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A routed edge: its polyline (start, bends, end) and its label's box, both absolute. */
export interface EdgeRoute {
  points: Point[];
  label: NodeBox | undefined;
  /**
   * Absolute top-left of the source and target states the route was made for: the canvas draws
   * the route only while both are there (moved together, it moves along), else a plain curve.
   */
  ends?: [Point, Point];
}

/** A laid-out graph. */
export interface LayeredLayout {
  boxes: Map<string, NodeBox>;
  routes: Map<string, EdgeRoute>;
}

/** The little of ELK's JSON graph this uses (elkjs's own types, structurally). */
export interface ElkGraph {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  labels?: { text?: string; width?: number; height?: number; x?: number; y?: number }[];
  children?: ElkGraph[];
  edges?: ElkGraphEdge[];
}

interface ElkLabel {
  id?: string;
  text?: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
}

interface ElkGraphEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[];
}

/** Runs ELK (elkjs's `layout`). */
export type ElkRun = (graph: ElkGraph) => Promise<ElkGraph>;

/** Height of an edge label on the canvas (12px text, 1px padding and border). */
export const EDGE_LABEL_HEIGHT = 20;

/** Estimated size of an edge label (the page measures the real text instead). */
export function estimateEdgeLabel(text: string): { width: number; height: number } {
  return { width: Math.ceil(textWidth(text) * (12 / 13) + 16), height: EDGE_LABEL_HEIGHT };
}

/** What to lay out: node titles and edge label texts as displayed, and how to size a label. */
export interface LayeredInput {
  graph: TemplateGraph;
  nodeLabel: (id: string) => string;
  edgeLabel: (edgeId: string) => string;
  /** The label's size as drawn (the page measures the text; Node estimates it). */
  measure?: (edgeId: string, text: string) => { width: number; height: number };
  direction: LayoutDirection;
}

const isGroup = (kind: string) => kind === 'compound' || kind === 'parallel';

/** What `toElkGraph` reads of a graph: states' nesting and kind, edges' ends. */
export interface GraphShape {
  nodes: readonly Pick<TemplateGraph['nodes'][number], 'id' | 'parentId' | 'kind'>[];
  edges: readonly Pick<TemplateGraph['edges'][number], 'id' | 'source' | 'target'>[];
}

/** The ELK graph of `input`. */
export function toElkGraph(input: Omit<LayeredInput, 'graph'> & { graph: GraphShape }): ElkGraph {
  const { graph, nodeLabel, edgeLabel, direction } = input;
  const measure = input.measure ?? ((_id: string, text: string) => estimateEdgeLabel(text));
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const internal = new Map<string, number>();
  for (const e of graph.edges)
    if (e.target === undefined) internal.set(e.source, (internal.get(e.source) ?? 0) + 1);
  const root: ElkGraph = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'TB' ? 'DOWN' : 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '12',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.labelLabel': '6',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Back edges are those that return towards the initial state (a depth-first walk from it).
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      // Brandes–Köpf: network simplex placed 100 states 5–8× slower for little visible gain.
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    },
    children: [],
    edges: [],
  };
  const elkNodes = new Map<string | undefined, ElkGraph>([[undefined, root]]);
  const holders = new Set(graph.nodes.map((n) => n.parentId));
  for (const node of graph.nodes) {
    const title = nodeLabel(node.id);
    // A folded group (no children shown) is laid out like a state.
    const group = isGroup(node.kind) && holders.has(node.id);
    const el: ElkGraph = group
      ? {
          id: node.id,
          layoutOptions: {
            'elk.padding': `[top=${LAYOUT.groupTop},left=${LAYOUT.groupPad},bottom=${LAYOUT.groupPad},right=${LAYOUT.groupPad}]`,
            'elk.nodeSize.constraints': 'MINIMUM_SIZE',
            'elk.nodeSize.minimum': `(${Math.round(textWidth(title) + 60 + 2 * LAYOUT.groupPad)}, ${LAYOUT.groupTop + LAYOUT.groupPad})`,
          },
          children: [],
          edges: [],
        }
      : { id: node.id, ...leafSize(title, internal.get(node.id) ?? 0) };
    elkNodes.set(node.id, el);
  }
  for (const node of graph.nodes)
    elkNodes.get(node.parentId)!.children!.push(elkNodes.get(node.id)!);
  const ancestors = (id: string): (string | undefined)[] => {
    const out: (string | undefined)[] = [];
    for (let cur = parentOf.get(id); cur !== undefined; cur = parentOf.get(cur)) out.push(cur);
    return [...out, undefined];
  };
  // Transitions joining the same two states in the same direction (winter-kits allocates by four
  // guards) share one route; their labels stack beside it, one line each.
  const bundles = new Map<string, GraphShape['edges'][number][]>();
  for (const edge of graph.edges) {
    if (edge.target === undefined || !kindOf.has(edge.source) || !kindOf.has(edge.target)) continue;
    const pair = `${edge.source}\u0000${edge.target}`;
    bundles.set(pair, [...(bundles.get(pair) ?? []), edge]);
  }
  for (const members of bundles.values()) {
    const { source, target } = members[0]! as { source: string; target: string };
    // Declared in the nearest group holding both ends (ELK wants an edge in its container).
    const up = ancestors(target);
    const container =
      [source, ...ancestors(source)].find(
        (a) => a !== source && a !== target && (a === undefined || up.includes(a)),
      ) ?? undefined;
    elkNodes.get(container)!.edges!.push({
      id: `route:${members[0]!.id}`,
      sources: [source],
      targets: [target],
      labels: members.map((edge) => {
        const text = edgeLabel(edge.id);
        return { id: edge.id, text, ...measure(edge.id, text) };
      }),
    });
  }
  return root;
}

/** Read ELK's answer: boxes relative to the parent, routes absolute. */
export function fromElkGraph(laid: ElkGraph): LayeredLayout {
  const boxes = new Map<string, NodeBox>();
  const routes = new Map<string, EdgeRoute>();
  const walk = (node: ElkGraph) => {
    for (const child of node.children ?? []) {
      boxes.set(child.id, {
        x: Math.round(child.x ?? 0),
        y: Math.round(child.y ?? 0),
        width: Math.round(child.width ?? 0),
        height: Math.round(child.height ?? 0),
      });
      walk(child);
    }
    for (const edge of node.edges ?? []) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      // One label per transition of the bundle, named by the transition's edge id.
      for (const label of edge.labels ?? [])
        if (label.id)
          routes.set(label.id, {
            points,
            label:
              label.x !== undefined && label.y !== undefined
                ? { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 }
                : undefined,
          });
    }
  };
  walk(laid);
  return { boxes, routes };
}

/** Absolute boxes of `graph`'s nodes from boxes relative to their parent group. */
export function absoluteBoxes(
  graph: TemplateGraph,
  boxes: ReadonlyMap<string, NodeBox>,
): Map<string, NodeBox> {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const absolute = new Map<string, NodeBox>();
  const abs = (id: string): NodeBox => {
    const known = absolute.get(id);
    if (known) return known;
    const b = boxes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
    const up = parent.get(id);
    const origin = up ? abs(up) : { x: 0, y: 0 };
    const box = { x: origin.x + b.x, y: origin.y + b.y, width: b.width, height: b.height };
    absolute.set(id, box);
    return box;
  };
  for (const n of graph.nodes) abs(n.id);
  return absolute;
}

/**
 * The layered layout with the positions a designer chose (stored `x-layout` hints) kept: those
 * states stay where they were put, a group grows to hold them, and each route remembers where its
 * two ends were (see `EdgeRoute.ends`).
 */
export function withStoredPositions(graph: TemplateGraph, layout: LayeredLayout): LayeredLayout {
  const boxes = new Map([...layout.boxes].map(([id, b]) => [id, { ...b }]));
  for (const node of graph.nodes) {
    const box = boxes.get(node.id);
    if (box && node.position) Object.assign(box, node.position);
  }
  // Innermost groups first (deeper ids have more dots), so a grown group can grow its parent.
  const groups = graph.nodes
    .filter((n) => isGroup(n.kind))
    .sort((a, b) => b.id.split('.').length - a.id.split('.').length);
  for (const group of groups) {
    const box = boxes.get(group.id);
    if (!box) continue;
    for (const kid of graph.nodes) {
      const k = kid.parentId === group.id ? boxes.get(kid.id) : undefined;
      if (!k) continue;
      box.width = Math.max(box.width, k.x + k.width + LAYOUT.groupPad);
      box.height = Math.max(box.height, k.y + k.height + LAYOUT.groupPad);
    }
  }
  const absolute = absoluteBoxes(graph, boxes);
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const routes = new Map<string, EdgeRoute>();
  for (const [id, route] of layout.routes) {
    const edge = edges.get(id);
    const s = edge && absolute.get(edge.source);
    const t = edge?.target !== undefined ? absolute.get(edge.target) : undefined;
    if (s && t)
      routes.set(id, {
        ...route,
        ends: [
          { x: s.x, y: s.y },
          { x: t.x, y: t.y },
        ],
      });
  }
  return { boxes, routes };
}

/**
 * `run` with its last `keep` answers remembered, by the graph asked (its JSON: sizes, labels,
 * options): the same graph asked again (the language or the direction switched back, a group
 * folded and unfolded, a template opened again in the same page) is answered without ELK. A graph
 * never laid out in this page, such as a template opened for the first time, still waits for ELK.
 */
export function rememberRuns(run: ElkRun, keep = 8): ElkRun {
  const answers = new Map<string, Promise<ElkGraph>>();
  return (graph) => {
    const key = JSON.stringify(graph);
    let answer = answers.get(key);
    if (answer) answers.delete(key);
    else {
      answer = run(graph);
      answer.catch(() => answers.delete(key));
    }
    // Most recently asked last; the oldest goes first.
    answers.set(key, answer);
    if (answers.size > keep) answers.delete(answers.keys().next().value!);
    return answer;
  };
}

/** Lay out with ELK. */
export async function layeredLayout(input: LayeredInput, run: ElkRun): Promise<LayeredLayout> {
  return withStoredPositions(input.graph, fromElkGraph(await run(toElkGraph(input))));
}

function leafSize(label: string, internalCount: number): { width: number; height: number } {
  const width = Math.min(LAYOUT.maxWidth, Math.max(LAYOUT.minWidth, textWidth(label) + 40));
  return {
    width: Math.round(width),
    height: LAYOUT.nodeHeight + Math.min(internalCount, 4) * LAYOUT.rowHeight,
  };
}

/**
 * A made-up graph with what real templates have (groups of steps, edges back, out of a group and
 * into the next, labels) to warm ELK up before a designer opens a large template: ELK is compiled
 * Java, and V8 runs it several times slower on its first graphs than once it has optimised it.
 */
export function warmUpGraph(groups = 3, steps = 6): ElkGraph {
  const nodes: GraphShape['nodes'][number][] = [];
  const edges: GraphShape['edges'][number][] = [];
  const edge = (source: string, target: string) =>
    edges.push({ id: `on:${source}:e:${edges.length}`, source, target });
  for (let g = 0; g < groups; g++) {
    nodes.push({ id: `g${g}`, parentId: undefined, kind: 'compound' });
    for (let c = 0; c < steps; c++) {
      const id = `g${g}.c${c}`;
      nodes.push({ id, parentId: `g${g}`, kind: 'atomic' });
      if (c > 0) edge(id, `g${g}.c${c - 1}`);
      edge(id, c < steps - 1 ? `g${g}.c${c + 1}` : g < groups - 1 ? `g${g + 1}` : 'end');
    }
    edge(`g${g}`, 'end');
  }
  nodes.push({ id: 'end', parentId: undefined, kind: 'final' });
  return toElkGraph({
    graph: { nodes, edges },
    direction: 'TB',
    nodeLabel: (id) => `Step ${id}`,
    edgeLabel: (id) => `event ${id.length}`,
  });
}
