/** Operations on states: add, rename, delete, move into a group, kind, initial, position. */
import { isMap, isScalar, YAMLMap } from 'yaml';
import type { Document } from 'yaml';
import {
  childStatesPath,
  EditError,
  ensureMap,
  flowMap,
  freeKey,
  setSpaced,
  snapshot,
  STATE_KEY,
  stateMap,
  statePath,
} from './document-paths.js';
import { removeTransitionAt } from './transition-operations.js';
import { renamePrefix, withRetargeting } from './retarget.js';
import type { StoredPosition } from './template-graph.js';

/** What a new state starts with. */
export interface NewState {
  parentId?: string | undefined;
  key: string;
  title?: { zh: string; en: string };
  kind?: 'atomic' | 'final';
  position?: StoredPosition;
  /** Take the next free key (`state`, `state2`, …) instead of refusing a taken one. */
  uniqueKey?: boolean;
}

/** Add a state (into a group when `parentId` is set); returns its id. */
export function addState(doc: Document, state: NewState): string {
  if (!STATE_KEY.test(state.key)) throw new EditError('bad-key', state.key);
  if (state.parentId) assertCanHoldChildren(doc, state.parentId);
  const initialPath = state.parentId ? [...statePath(state.parentId), 'initial'] : ['initial'];
  const parallel =
    state.parentId !== undefined &&
    doc.getIn([...statePath(state.parentId), 'type']) === 'parallel';
  const existing = doc.getIn(childStatesPath(state.parentId), true);
  const key = state.uniqueKey && isMap(existing) ? freeKey(existing, state.key) : state.key;
  // `initial:` first, so a state that just became a group reads `initial:` before `states:`.
  if (doc.getIn(initialPath) === undefined && !parallel) doc.setIn(initialPath, key);
  const siblings = ensureMap(doc, childStatesPath(state.parentId));
  if (siblings.has(key)) throw new EditError('state-exists', key);
  const def = new YAMLMap();
  if (state.title) def.set('title', flowMap(doc, state.title));
  if (state.kind === 'final') def.set('type', 'final');
  if (state.position) def.set('x-layout', flowMap(doc, roundPosition(state.position)));
  setSpaced(doc, siblings, key, def);
  return state.parentId ? `${state.parentId}.${key}` : key;
}

/** Rename a state's key; every transition and `initial` that named it follows. Returns the new id. */
export function renameState(doc: Document, id: string, key: string): string {
  if (!STATE_KEY.test(key)) throw new EditError('bad-key', key);
  const parentId = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined;
  const oldKey = id.split('.').at(-1)!;
  const newId = parentId ? `${parentId}.${key}` : key;
  if (oldKey === key) return id;
  const siblings = doc.getIn(childStatesPath(parentId), true) as YAMLMap;
  if (siblings.has(key)) throw new EditError('state-exists', key);
  stateMap(doc, id);
  withRetargeting(doc, renamePrefix(id, newId), () => {
    const pair = siblings.items.find((p) => isScalar(p.key) && p.key.value === oldKey)!;
    (pair.key as { value: unknown }).value = key;
    const initialPath = parentId ? [...statePath(parentId), 'initial'] : ['initial'];
    if (doc.getIn(initialPath) === oldKey) doc.setIn(initialPath, key);
  });
  return newId;
}

/** Delete a state, its children and every transition that led into it. */
export function deleteState(doc: Document, id: string): void {
  stateMap(doc, id);
  const gone = (s: string | undefined) => s !== undefined && (s === id || s.startsWith(`${id}.`));
  const { graph } = snapshot(doc);
  const doomed = graph.edges.filter((e) => gone(e.target) && !gone(e.source));
  // Delete later list entries first so earlier indices stay valid.
  for (const edge of doomed.reverse()) removeTransitionAt(doc, edge);
  detach(doc, id);
}

/** Move a state into another group (or to the top with `parentId` undefined); returns its new id. */
export function moveState(doc: Document, id: string, parentId: string | undefined): string {
  const key = id.split('.').at(-1)!;
  const newId = parentId ? `${parentId}.${key}` : key;
  if (newId === id) return id;
  if (parentId && (parentId === id || parentId.startsWith(`${id}.`)))
    throw new EditError('into-itself', id);
  if (parentId) assertCanHoldChildren(doc, parentId);
  const target = doc.getIn(childStatesPath(parentId), true);
  if (isMap(target) && target.has(key)) throw new EditError('state-exists', key);
  const def = stateMap(doc, id);
  withRetargeting(doc, renamePrefix(id, newId), () => {
    detach(doc, id);
    def.delete('x-layout');
    const initialPath = parentId ? [...statePath(parentId), 'initial'] : ['initial'];
    const parallel =
      parentId !== undefined && doc.getIn([...statePath(parentId), 'type']) === 'parallel';
    if (doc.getIn(initialPath) === undefined && !parallel) doc.setIn(initialPath, key);
    setSpaced(doc, ensureMap(doc, childStatesPath(parentId)), key, def);
  });
  return newId;
}

/** Make a state final, parallel or ordinary. */
export function setStateType(
  doc: Document,
  id: string,
  type: 'atomic' | 'parallel' | 'final',
): void {
  const def = stateMap(doc, id);
  if (type === 'atomic') def.delete('type');
  else def.set('type', type);
  if (type === 'parallel') def.delete('initial');
  // Back from parallel: a state with children needs to say which one it starts in.
  const first = (def.get('states', true) as YAMLMap | undefined)?.items[0]?.key;
  if (type === 'atomic' && !def.has('initial') && isScalar(first)) def.set('initial', first.value);
}

/** Make a state the one its parent (or the template) starts in. */
export function setInitial(doc: Document, id: string): void {
  const parentId = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined;
  doc.setIn(parentId ? [...statePath(parentId), 'initial'] : ['initial'], id.split('.').at(-1)!);
}

/** Keep where the designer put a state (`x-layout: { x, y }`, relative to its group). */
export function setPosition(doc: Document, id: string, position: StoredPosition): void {
  stateMap(doc, id).set('x-layout', flowMap(doc, roundPosition(position)));
}

/** Forget every stored position (before an automatic layout on demand). */
export function clearPositions(doc: Document): void {
  for (const node of snapshot(doc).graph.nodes)
    if (node.position) stateMap(doc, node.id).delete('x-layout');
}

/** Paste a copied state (its YAML value) under `parentId`, with a fresh key; returns its id. */
export function pasteState(
  doc: Document,
  parentId: string | undefined,
  key: string,
  value: unknown,
  position?: StoredPosition,
): string {
  if (parentId) assertCanHoldChildren(doc, parentId);
  const siblings = ensureMap(doc, childStatesPath(parentId));
  const fresh = freeKey(siblings, key.endsWith('Copy') ? key : `${key}Copy`);
  const node = doc.createNode(value) as YAMLMap;
  if (position) node.set('x-layout', flowMap(doc, roundPosition(position)));
  setSpaced(doc, siblings, fresh, node);
  return parentId ? `${parentId}.${fresh}` : fresh;
}

function assertCanHoldChildren(doc: Document, parentId: string): void {
  if (stateMap(doc, parentId).get('type') === 'final') throw new EditError('into-final', parentId);
}

/** Remove a state from its parent's `states`, fixing `initial` and dropping an emptied `states`. */
function detach(doc: Document, id: string): void {
  const parentId = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined;
  const key = id.split('.').at(-1)!;
  const siblings = doc.getIn(childStatesPath(parentId), true) as YAMLMap;
  siblings.delete(key);
  const initialPath = parentId ? [...statePath(parentId), 'initial'] : ['initial'];
  if (doc.getIn(initialPath) !== key) return;
  const first = siblings.items[0]?.key;
  if (isScalar(first)) doc.setIn(initialPath, first.value);
  else if (parentId) {
    doc.deleteIn(initialPath);
    doc.deleteIn(childStatesPath(parentId));
  }
}

function roundPosition(p: StoredPosition): StoredPosition {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
