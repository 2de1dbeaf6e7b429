/**
 * The store's graph as React Flow nodes and edges: layout boxes, labels in the current language,
 * markers, the simulator's active states and path, and diff colours.
 */
import type { Edge, Node } from '@xyflow/react';
import { labelText } from '@relief/engine';
import type { Template, TemplateIssue } from '@relief/engine';
import { translate } from '../i18n/messages.js';
import { hiddenCount, humanDuration, shortGuard } from '../model/index.js';
import type {
  DiffStatus,
  EdgeRoute,
  Lang,
  LayoutDirection,
  NodeBox,
  Selection,
  StateNode,
  TemplateGraph,
} from '../model/index.js';

/** What a state node component is given. */
export interface StateNodeData extends Record<string, unknown> {
  state: StateNode;
  title: string;
  issues: TemplateIssue[];
  active: boolean;
  diff: DiffStatus | undefined;
  /** Transitions that stay in place (no target), listed inside the node; each selects its edge. */
  internal: { id: string; text: string }[];
  direction: LayoutDirection;
  /** A folded group: how many states it hides (undefined when not folded). */
  hidden: number | undefined;
}

/** What a transition edge component is given. */
export interface TransitionEdgeData extends Record<string, unknown> {
  label: string;
  guard: string | undefined;
  timer: boolean;
  /** An event the template's own `schedule` actions send (the system sends it when due). */
  auto: boolean;
  /** Who or what moves the case along it, in words (the label's tooltip). */
  sentBy: string;
  issues: TemplateIssue[];
  onPath: number;
  diff: DiffStatus | undefined;
  /** Index among edges joining the same two states, to fan them out. */
  lane: number;
  /** Where the layered layout routed it and put its label (drawn while its ends stay put). */
  route: EdgeRoute | undefined;
}

/**
 * The mark before an edge's label, so the kind reads without colour or dashes (and in an exported
 * picture): ◷ a timer, ⚙ an event the system sends on the template's schedule; none for an event a
 * person sends.
 */
export function edgeMark(data: Pick<TransitionEdgeData, 'timer' | 'auto'>): string {
  return data.timer ? '◷ ' : data.auto ? '⚙ ' : '';
}

/** An edge label's text as the canvas shows it (without the simulator's step number). */
export function edgeLabelText(
  data: Pick<TransitionEdgeData, 'timer' | 'auto' | 'label' | 'guard'>,
): string {
  return `${edgeMark(data)}${data.label}${data.guard ? ` [${data.guard}]` : ''}`;
}

/** Events that the template's own `schedule` actions send, wherever they stand. */
export function scheduledEvents(template: Partial<Template>): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const schedule = (value as { schedule?: { event?: unknown } }).schedule;
    if (schedule && typeof schedule.event === 'string') found.add(schedule.event);
    Object.values(value).forEach(walk);
  };
  walk(template.states);
  return found;
}

/** Who or what sends an edge's event, in words: a timer, the schedule, or the roles allowed. */
function sentByText(
  template: Partial<Template>,
  kind: 'event' | 'timer',
  event: string | undefined,
  auto: boolean,
  lang: Lang,
): string {
  if (kind === 'timer') return translate(lang, 'edge.timer');
  if (auto) return translate(lang, 'edge.auto');
  const roles = template.events?.[event!]?.roles;
  if (!roles || roles.length === 0) return translate(lang, 'edge.anyone');
  return translate(lang, 'edge.person', {
    roles: roles
      .map((r) => labelText(template.roles?.[r], lang) ?? r)
      .join(lang === 'zh' ? '、' : ', '),
  });
}

/** Everything the mapping reads. */
export interface FlowInput {
  graph: TemplateGraph;
  boxes: Map<string, NodeBox>;
  template: Partial<Template>;
  markers: Map<string, TemplateIssue[]>;
  lang: Lang;
  selection: Selection;
  active: ReadonlySet<string>;
  path: readonly string[];
  diff: Map<string, DiffStatus> | undefined;
  direction: LayoutDirection;
  routes: ReadonlyMap<string, EdgeRoute>;
  /** Folded groups (`graph` is then the visible graph) and the whole graph, to count what they hide. */
  collapsed?: ReadonlySet<string>;
  fullGraph?: TemplateGraph;
}

/** Event title in the current language, falling back to its name. */
export function eventTitle(template: Partial<Template>, event: string, lang: Lang): string {
  return labelText(template.events?.[event]?.title, lang) ?? event;
}

/** A state's or transition's name for a screen reader, with its change in a comparison. */
function ariaWithChange(
  lang: Lang,
  key: 'rf.node' | 'rf.edge',
  args: Record<string, string>,
  status: DiffStatus | undefined,
): string {
  if (!status || status === 'same') return translate(lang, key, args);
  return translate(lang, key === 'rf.node' ? 'rf.nodeDiff' : 'rf.edgeDiff', {
    ...args,
    change: translate(lang, status),
  });
}

/** Build the React Flow elements. */
export function toFlowElements(input: FlowInput): {
  nodes: Node<StateNodeData>[];
  edges: Edge<TransitionEdgeData>[];
} {
  const { graph, boxes, template, markers, lang, selection, diff } = input;
  const scheduled = scheduledEvents(template);
  const internal = new Map<string, { id: string; text: string }[]>();
  for (const e of graph.edges) {
    if (e.target !== undefined) continue;
    const name =
      e.kind === 'timer'
        ? `◷ ${humanDuration(e.delay, lang)}`
        : `${scheduled.has(e.event!) ? '⚙ ' : ''}${eventTitle(template, e.event!, lang)}`;
    internal.set(e.source, [...(internal.get(e.source) ?? []), { id: e.id, text: `↻ ${name}` }]);
  }
  const nodes = graph.nodes.map((state): Node<StateNodeData> => {
    const box = boxes.get(state.id) ?? { x: 0, y: 0, width: 140, height: 58 };
    const group = state.kind === 'compound' || state.kind === 'parallel';
    return {
      id: state.id,
      type: group ? 'compound' : 'state',
      position: { x: box.x, y: box.y },
      ...(state.parentId && { parentId: state.parentId }),
      style: { width: box.width, height: box.height },
      width: box.width,
      height: box.height,
      // Drawn at exactly this size (the style above): React Flow's measurement then finds nothing
      // changed, and no second round of node changes redraws every state after an open.
      measured: { width: box.width, height: box.height },
      selected: selection.kind === 'state' && selection.id === state.id,
      ariaLabel: ariaWithChange(
        lang,
        'rf.node',
        { name: labelText(state.title, lang) ?? state.key },
        diff?.get(state.id),
      ),
      data: {
        state,
        title: labelText(state.title, lang) ?? state.key,
        issues: markers.get(state.id) ?? [],
        active: input.active.has(state.id),
        diff: diff?.get(state.id),
        internal: internal.get(state.id) ?? [],
        direction: input.direction,
        hidden: input.collapsed?.has(state.id)
          ? hiddenCount(input.fullGraph ?? graph, state.id)
          : undefined,
      },
      // Layers, bottom up: group frames, edges, edge labels, states (labels never hide a state).
      zIndex: group ? 0 : 5,
    };
  });
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const titleOf = (id: string) => labelText(byId.get(id)?.title, lang) ?? id;
  const lanes = new Map<string, number>();
  const edges = graph.edges.flatMap((e): Edge<TransitionEdgeData>[] => {
    if (e.target === undefined) return [];
    const pair = [e.source, e.target].sort().join('→');
    const lane = lanes.get(pair) ?? 0;
    lanes.set(pair, lane + 1);
    const step = input.path.lastIndexOf(e.id);
    const auto = e.kind === 'event' && scheduled.has(e.event!);
    return [
      {
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'transition',
        ariaLabel: ariaWithChange(
          lang,
          'rf.edge',
          { from: titleOf(e.source), to: titleOf(e.target) },
          diff?.get(e.id),
        ),
        selected: selection.kind === 'edge' && selection.id === e.id,
        zIndex: 1,
        data: {
          label:
            e.kind === 'timer'
              ? humanDuration(e.delay, lang)
              : eventTitle(template, e.event!, lang),
          guard: shortGuard(e.guard),
          timer: e.kind === 'timer',
          auto,
          sentBy: sentByText(template, e.kind, e.event, auto, lang),
          issues: markers.get(e.id) ?? [],
          onPath: step + 1,
          diff: diff?.get(e.id),
          lane,
          route: input.routes.get(e.id),
        },
      },
    ];
  });
  return { nodes, edges };
}
