/** Operations on fields anywhere in the template: bilingual labels, role lists, action lists, values. */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { Document } from 'yaml';
import type { Action } from '@relief/engine';
import { ensureMap, flowMap } from './document-paths.js';
import type { DocPath } from './document-paths.js';

/** UI languages; template labels have both. */
export type Lang = 'zh' | 'en';

/**
 * Set one language of a label. A plain-string label becomes `{ zh, en }` keeping its text for the
 * other language; a new label gets the text in both (the schema needs both). Empty text in both
 * languages removes the label.
 */
export function setLabel(doc: Document, path: DocPath, lang: Lang, text: string): void {
  const node = doc.getIn(path, true);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  if (isMap(node)) {
    node.set(lang, text);
    if (text === '' && !node.get(other)) doc.deleteIn(path);
    return;
  }
  const old = isScalar(node) ? String(node.value) : undefined;
  if (text === '' && !old) return;
  doc.setIn(
    path,
    flowMap(doc, {
      zh: lang === 'zh' ? text : (old ?? text),
      en: lang === 'en' ? text : (old ?? text),
    }),
  );
}

/** Set a value (undefined or '' removes it). Lists of names are written on one line: `[a, b]`. */
export function setValue(doc: Document, path: DocPath, value: unknown): void {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  const node = doc.createNode(value);
  if (
    node instanceof YAMLSeq &&
    value instanceof Array &&
    value.every((v) => typeof v !== 'object')
  )
    node.flow = true;
  if (node instanceof YAMLMap && Object.values(value as object).every((v) => typeof v !== 'object'))
    node.flow = true;
  doc.setIn(path, node);
}

/** Replace an action list; each action's inner map is written on one line (`- set: { a: data.a + 1 }`). */
export function setActions(doc: Document, path: DocPath, actions: readonly Action[]): void {
  if (actions.length === 0) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  const existing = doc.getIn(path, true);
  const seq = new YAMLSeq();
  actions.forEach((action, i) => {
    const old = isSeq(existing) ? existing.items[i] : undefined;
    // An unchanged action keeps its node (and so its comments and layout).
    if (old !== undefined && JSON.stringify((old as YAMLMap).toJSON()) === JSON.stringify(action)) {
      seq.items.push(old);
      return;
    }
    const map = doc.createNode(action) as YAMLMap;
    for (const pair of map.items) if (isMap(pair.value)) pair.value.flow = true;
    seq.items.push(map);
  });
  doc.setIn(path, seq);
}

/** Declare a role under `roles:`. */
export function addRole(doc: Document, name: string, label: { zh: string; en: string }): void {
  ensureMap(doc, ['roles']).set(name, flowMap(doc, label));
}
