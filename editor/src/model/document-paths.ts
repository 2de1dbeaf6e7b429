/** Addressing states and transitions inside a YAML `Document`, for the operations. */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { indexStates } from '@relief/engine';
import type { StateIndex, Template } from '@relief/engine';
import type { TransitionEdge } from './template-graph.js';
import { toGraph } from './template-graph.js';
import type { TemplateGraph } from './template-graph.js';

/** A path of keys and indices into the document. */
export type DocPath = (string | number)[];

/** Why an operation was refused; `code` picks the message the UI shows. */
export class EditError extends Error {
  constructor(
    readonly code:
      | 'state-exists'
      | 'state-missing'
      | 'bad-key'
      | 'into-itself'
      | 'into-final'
      | 'transition-missing'
      | 'event-exists'
      | 'field-exists',
    readonly subject: string,
  ) {
    super(`${code}: ${subject}`);
  }
}

/** Keys the engine accepts for states (and that the editor creates). */
export const STATE_KEY = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;

/** `enrolled.prepared` → ['states', 'enrolled', 'states', 'prepared']. */
export function statePath(id: string): DocPath {
  return id.split('.').flatMap((key) => ['states', key]);
}

/** The path of the `states` map a new child of `parentId` goes into. */
export function childStatesPath(parentId: string | undefined): DocPath {
  return parentId ? [...statePath(parentId), 'states'] : ['states'];
}

/** The state's map, or an EditError. */
export function stateMap(doc: Document, id: string): YAMLMap {
  const node = doc.getIn(statePath(id), true);
  if (!isMap(node)) throw new EditError('state-missing', id);
  return node;
}

/** The map at `path`, created (block style unless `flow`) when absent. */
export function ensureMap(doc: Document, path: DocPath, flow = false): YAMLMap {
  const node = doc.getIn(path, true);
  if (isMap(node)) return node;
  const map = new YAMLMap();
  map.flow = flow;
  unflowParent(doc, path);
  doc.setIn(path, map);
  return map;
}

/** A nested block inside a one-line map would be unreadable: open the parent up as a block. */
function unflowParent(doc: Document, path: DocPath): void {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : undefined;
  if (isMap(parent) && parent.flow) parent.flow = false;
}

/**
 * Add `key: value` to a map, with a blank line before it when the map's other entries have one
 * (as the top-level states of the shipped templates do).
 */
export function setSpaced(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const pair = doc.createPair(key, value);
  const spaced = map.items.slice(1).filter((p) => isScalar(p.key) && p.key.spaceBefore).length;
  if (map.items.length > 1 && spaced * 2 >= map.items.length - 1)
    (pair.key as Scalar).spaceBefore = true;
  map.items.push(pair);
}

/** The sequence at `path`, created when absent. */
export function ensureSeq(doc: Document, path: DocPath): YAMLSeq {
  const node = doc.getIn(path, true);
  if (isSeq(node)) return node;
  const seq = new YAMLSeq();
  unflowParent(doc, path);
  doc.setIn(path, seq);
  return seq;
}

/** The template as it stands in the document, and its graph and state index. */
export function snapshot(doc: Document): {
  template: Template;
  graph: TemplateGraph;
  index: StateIndex;
} {
  const template = (doc.toJS() ?? {}) as Template;
  const graph = toGraph(template);
  const states = typeof template.states === 'object' && template.states ? template.states : {};
  return { template, graph, index: indexStates({ states: fromDoc(states) }) };
}

function fromDoc(states: Template['states']): Template['states'] {
  return Object.fromEntries(
    Object.entries(states).filter(([, def]) => typeof def === 'object' && def !== null),
  );
}

/** The path of an edge's transition: `on.<event>[.i]` or `after.i`. */
export function edgePath(
  edge: Pick<TransitionEdge, 'source' | 'kind' | 'event' | 'index' | 'shape'>,
): DocPath {
  const base = statePath(edge.source);
  if (edge.kind === 'timer') return [...base, 'after', edge.index];
  return edge.shape === 'list'
    ? [...base, 'on', edge.event!, edge.index]
    : [...base, 'on', edge.event!];
}

/** The transition's map, turning a bare-target shorthand into `{ target }` first. */
export function transitionMap(doc: Document, edge: TransitionEdge): YAMLMap {
  const path = edgePath(edge);
  const node = doc.getIn(path, true) as Node | undefined;
  if (isMap(node)) return node;
  if (isScalar(node)) {
    const map = new YAMLMap();
    map.set('target', node);
    doc.setIn(path, map);
    return map;
  }
  throw new EditError('transition-missing', edge.id);
}

/** How a transition in `from` should name `to`: the sibling key when that resolves, else the dotted path. */
export function shortestRef(index: StateIndex, from: string, to: string): string {
  const key = to.split('.').at(-1)!;
  const fromParent = index.get(from)?.parentId;
  const toParent = index.get(to)?.parentId;
  return fromParent === toParent ? key : to;
}

/** A key not yet used in `map`: `base`, `base2`, `base3`… */
export function freeKey(map: YAMLMap | undefined, base: string): string {
  if (!map?.has(base)) return base;
  for (let i = 2; ; i++) if (!map.has(`${base}${i}`)) return `${base}${i}`;
}

/** A small map written on one line (`{ zh: …, en: … }`, `{ x: 10, y: 20 }`). */
export function flowMap(doc: Document, value: object): YAMLMap {
  const map = doc.createNode(value) as YAMLMap;
  map.flow = true;
  return map;
}
