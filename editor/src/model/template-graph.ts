/**
 * Template ⇄ graph. States become nodes (compound and parallel states are groups, finals are
 * marked), each `on` transition and each timer becomes an edge. The graph keeps everything it
 * needs to give the template back (`fromGraph`), which the round-trip tests hold it to.
 */
import { escapeSegment, indexStates, resolveTarget } from '@relief/engine';
import type { Label, StateDef, Template, Transition } from '@relief/engine';

/** Where a designer put a state on the canvas (relative to its parent group). */
export interface StoredPosition {
  x: number;
  y: number;
}

/** One state as a canvas node. */
export interface StateNode {
  /** Dotted path from the top (`enrolled.prepared`). */
  id: string;
  key: string;
  parentId: string | undefined;
  kind: 'atomic' | 'compound' | 'parallel' | 'final';
  /** Child of a parallel state: a region, all of whose siblings are active at once. */
  region: boolean;
  /** The initial child of its parent (or the template's initial state). */
  initial: boolean;
  title: Label | undefined;
  pointer: string;
  position: StoredPosition | undefined;
  /** The state's own fields (without `states`, `on`, `after`), in source order. */
  own: Record<string, unknown>;
  /** Key order of the original state map, so `fromGraph` writes keys back where they were. */
  keyOrder: string[];
}

/** One transition or timer as a canvas edge. */
export interface TransitionEdge {
  /** `on:<state>:<event>:<i>` or `after:<state>:<i>`; the same ids the simulator reports. */
  id: string;
  kind: 'event' | 'timer';
  source: string;
  /** Resolved target state id; undefined for a transition that stays in place or names no state. */
  target: string | undefined;
  targetText: string | undefined;
  event: string | undefined;
  index: number;
  delay: string | undefined;
  guard: string | undefined;
  pointer: string;
  /** How `on:` wrote it: a bare target, one transition, or a list. */
  shape: 'shorthand' | 'single' | 'list';
  transition: Transition;
}

/** A template as nodes and edges. */
export interface TemplateGraph {
  nodes: StateNode[];
  edges: TransitionEdge[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Edge id of the `index`-th transition of `event` in `state`. */
export const eventEdgeId = (state: string, event: string, index: number): string =>
  `on:${state}:${event}:${index}`;
/** Edge id of the `index`-th timer of `state`. */
export const timerEdgeId = (state: string, index: number): string => `after:${state}:${index}`;

/** Build the graph of a template; tolerant of a template the validator rejected (bad parts are skipped). */
export function toGraph(template: Pick<Template, 'states' | 'initial'> | undefined): TemplateGraph {
  const graph: TemplateGraph = { nodes: [], edges: [] };
  if (!template || !isRecord(template.states)) return graph;
  const index = indexStates({ states: sanitize(template.states) });
  for (const state of index.values()) {
    const {
      states: _s,
      on: _o,
      after: _a,
      ...own
    } = state.def as StateDef & Record<string, unknown>;
    const parent = state.parentId ? index.get(state.parentId) : undefined;
    const initial = parent
      ? parent.def.initial === state.path.at(-1)
      : template.initial === state.id;
    const layout = own['x-layout'];
    graph.nodes.push({
      id: state.id,
      key: state.path.at(-1)!,
      parentId: state.parentId,
      kind: state.kind,
      region: parent?.kind === 'parallel',
      initial: parent?.kind === 'parallel' ? false : initial,
      title: state.def.title,
      pointer: state.pointer,
      position:
        isRecord(layout) && typeof layout.x === 'number' && typeof layout.y === 'number'
          ? { x: layout.x, y: layout.y }
          : undefined,
      own,
      keyOrder: Object.keys(state.def),
    });
    const edge = (e: Omit<TransitionEdge, 'target' | 'targetText' | 'guard'>): TransitionEdge => {
      const targetText = typeof e.transition.target === 'string' ? e.transition.target : undefined;
      const target =
        targetText === undefined ? undefined : resolveTarget(index, state.id, targetText);
      const guard = typeof e.transition.guard === 'string' ? e.transition.guard : undefined;
      return { ...e, target, targetText, guard };
    };
    for (const [event, spec] of Object.entries(isRecord(state.def.on) ? state.def.on : {})) {
      const shape =
        typeof spec === 'string' ? 'shorthand' : Array.isArray(spec) ? 'list' : 'single';
      const list: unknown[] =
        typeof spec === 'string' ? [{ target: spec }] : Array.isArray(spec) ? spec : [spec];
      list.forEach((transition, i) => {
        if (!isRecord(transition)) return;
        const pointer = `${state.pointer}/on/${escapeSegment(event)}${shape === 'list' ? `/${i}` : ''}`;
        graph.edges.push(
          edge({
            id: eventEdgeId(state.id, event, i),
            kind: 'event',
            source: state.id,
            event,
            index: i,
            delay: undefined,
            pointer,
            shape,
            transition: transition,
          }),
        );
      });
    }
    (Array.isArray(state.def.after) ? state.def.after : []).forEach((timer: unknown, i) => {
      if (!isRecord(timer)) return;
      const delay = typeof timer.delay === 'string' ? timer.delay : undefined;
      graph.edges.push(
        edge({
          id: timerEdgeId(state.id, i),
          kind: 'timer',
          source: state.id,
          event: undefined,
          index: i,
          delay,
          pointer: `${state.pointer}/after/${i}`,
          shape: 'single',
          transition: timer,
        }),
      );
    });
  }
  return graph;
}

/** Drop children that are not maps, so indexing a half-typed template never throws. */
function sanitize(states: Record<string, unknown>): Record<string, StateDef> {
  const out: Record<string, StateDef> = {};
  for (const [key, def] of Object.entries(states)) {
    if (!isRecord(def)) continue;
    out[key] = isRecord(def.states)
      ? { ...def, states: sanitize(def.states) }
      : { ...def, states: undefined };
    if (out[key].states === undefined) delete out[key].states;
  }
  return out;
}

/** Give the `states` tree back from a graph (the inverse of `toGraph`). */
export function fromGraph(graph: TemplateGraph): Record<string, StateDef> {
  const defs = new Map<string, Record<string, unknown>>();
  const parts = new Map<
    string,
    { states?: Record<string, unknown>; on?: Record<string, unknown>; after?: unknown[] }
  >();
  for (const node of graph.nodes) parts.set(node.id, {});
  for (const edge of graph.edges) {
    const part = parts.get(edge.source)!;
    if (edge.kind === 'timer') (part.after ??= []).push(edge.transition);
    else {
      const on = (part.on ??= {});
      if (edge.shape === 'list') ((on[edge.event!] ??= []) as unknown[]).push(edge.transition);
      else on[edge.event!] = edge.shape === 'shorthand' ? edge.transition.target : edge.transition;
    }
  }
  const top: Record<string, unknown> = {};
  for (const node of graph.nodes) {
    const def: Record<string, unknown> = {};
    defs.set(node.id, def);
    const parent = node.parentId ? parts.get(node.parentId)! : undefined;
    if (parent) (parent.states ??= {})[node.key] = def;
    else top[node.key] = def;
  }
  for (const node of graph.nodes) {
    const def = defs.get(node.id)!;
    const part = parts.get(node.id)! as Record<string, unknown>;
    for (const key of node.keyOrder) def[key] = key in node.own ? node.own[key] : part[key];
    for (const key of ['states', 'on', 'after'])
      if (part[key] !== undefined && !(key in def)) def[key] = part[key];
  }
  return top as Record<string, StateDef>;
}
