/** Operations on transitions and timers: connect, reconnect, delete, edit fields, change event. */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import {
  edgePath,
  ensureMap,
  ensureSeq,
  flowMap,
  shortestRef,
  snapshot,
  stateMap,
  statePath,
  transitionMap,
} from './document-paths.js';
import { eventEdgeId, timerEdgeId } from './template-graph.js';
import type { TransitionEdge } from './template-graph.js';

/** Connect `source` to `target` (or stay in place) on `event`; declares the event if new. Returns the edge id. */
export function addTransition(
  doc: Document,
  source: string,
  event: string,
  target: string | undefined,
): string {
  stateMap(doc, source);
  const { index } = snapshot(doc);
  const ref = target === undefined ? undefined : shortestRef(index, source, target);
  declareEvent(doc, event);
  const on = ensureMap(doc, [...statePath(source), 'on']);
  const existing = on.get(event, true) as Node | undefined;
  if (existing === undefined) {
    on.set(event, ref === undefined ? new YAMLMap() : ref);
    return eventEdgeId(source, event, 0);
  }
  const list = isSeq(existing) ? existing : new YAMLSeq();
  if (!isSeq(existing)) {
    list.items.push(isScalar(existing) ? doc.createNode({ target: existing.value }) : existing);
    on.set(event, list);
  }
  list.items.push(doc.createNode(ref === undefined ? {} : { target: ref }));
  return eventEdgeId(source, event, list.items.length - 1);
}

/** Add a timer to `source` (default one day), optionally leading to `target`. Returns the edge id. */
export function addTimer(
  doc: Document,
  source: string,
  target: string | undefined,
  delay = 'P1D',
): string {
  stateMap(doc, source);
  const { index } = snapshot(doc);
  const after = ensureSeq(doc, [...statePath(source), 'after']);
  after.items.push(
    doc.createNode(
      target === undefined ? { delay } : { delay, target: shortestRef(index, source, target) },
    ),
  );
  return timerEdgeId(source, after.items.length - 1);
}

/** Point a transition at another state, or at none (stay in place). */
export function setTransitionTarget(
  doc: Document,
  edge: TransitionEdge,
  target: string | undefined,
): void {
  const { index } = snapshot(doc);
  if (target === undefined) {
    transitionMap(doc, edge).delete('target');
    return;
  }
  const ref = shortestRef(index, edge.source, target);
  if (edge.shape === 'shorthand' && isScalar(doc.getIn(edgePath(edge), true)))
    doc.setIn(edgePath(edge), ref);
  else transitionMap(doc, edge).set('target', ref);
}

/** Set or clear a transition's `guard`, `description` or a timer's `delay`. */
export function setTransitionField(
  doc: Document,
  edge: TransitionEdge,
  field: 'guard' | 'delay' | 'description',
  value: unknown,
): void {
  const map = transitionMap(doc, edge);
  if (value === undefined || value === '') map.delete(field);
  else map.set(field, typeof value === 'object' && value !== null ? flowMap(doc, value) : value);
}

/** Remove a transition or timer; an emptied `on`/`after` disappears, a list of one stays a list. */
export function deleteTransition(doc: Document, edge: TransitionEdge): void {
  removeTransitionAt(doc, edge);
}

/** Move a transition to another event of the same state (appended to that event's list). Returns its new id. */
export function setTransitionEvent(doc: Document, edge: TransitionEdge, event: string): string {
  if (edge.kind !== 'event' || edge.event === event) return edge.id;
  const value = doc.getIn(edgePath(edge), true) as Node;
  removeTransitionAt(doc, edge);
  declareEvent(doc, event);
  const on = ensureMap(doc, [...statePath(edge.source), 'on']);
  const existing = on.get(event, true) as Node | undefined;
  if (existing === undefined) {
    on.set(event, value);
    return eventEdgeId(edge.source, event, 0);
  }
  const list = isSeq(existing) ? existing : new YAMLSeq();
  if (!isSeq(existing)) {
    list.items.push(isScalar(existing) ? doc.createNode({ target: existing.value }) : existing);
    on.set(event, list);
  }
  list.items.push(isScalar(value) ? doc.createNode({ target: value.value }) : value);
  return eventEdgeId(edge.source, event, list.items.length - 1);
}

/** Move a transition one place earlier (-1) or later (+1) among the transitions of its event. */
export function moveTransition(doc: Document, edge: TransitionEdge, delta: -1 | 1): string {
  if (edge.shape !== 'list') return edge.id;
  const list = doc.getIn([...statePath(edge.source), 'on', edge.event!], true) as YAMLSeq;
  const to = edge.index + delta;
  if (to < 0 || to >= list.items.length) return edge.id;
  const [item] = list.items.splice(edge.index, 1);
  list.items.splice(to, 0, item);
  return eventEdgeId(edge.source, edge.event!, to);
}

/** Declare an event under `events:` when it is not there yet (title = its name in both languages). */
export function declareEvent(doc: Document, event: string): void {
  const events = ensureMap(doc, ['events']);
  if (!events.has(event))
    events.set(event, doc.createNode({ title: flowMap(doc, { zh: event, en: event }) }));
}

/** Remove the transition at an edge's place; shared with state deletion. */
export function removeTransitionAt(
  doc: Document,
  edge: Pick<TransitionEdge, 'source' | 'kind' | 'event' | 'index' | 'shape'>,
): void {
  const base = statePath(edge.source);
  if (edge.kind === 'timer') {
    doc.deleteIn([...base, 'after', edge.index]);
    if ((doc.getIn([...base, 'after'], true) as YAMLSeq | undefined)?.items.length === 0)
      doc.deleteIn([...base, 'after']);
    return;
  }
  if (edge.shape === 'list') {
    doc.deleteIn([...base, 'on', edge.event!, edge.index]);
    if ((doc.getIn([...base, 'on', edge.event!], true) as YAMLSeq | undefined)?.items.length === 0)
      doc.deleteIn([...base, 'on', edge.event!]);
  } else doc.deleteIn([...base, 'on', edge.event!]);
  const on = doc.getIn([...base, 'on'], true);
  if (isMap(on) && on.items.length === 0) doc.deleteIn([...base, 'on']);
}
