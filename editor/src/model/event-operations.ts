/** Operations on the event vocabulary: declare, roles, and the form builder's fields. */
import { isMap } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { JsonSchemaObject } from '@relief/engine';
import { EditError, ensureMap, flowMap } from './document-paths.js';
import { toFieldSchema } from './form-fields.js';
import type { FormField } from './form-fields.js';

/** Declare a new event with a bilingual title. */
export function addEvent(doc: Document, name: string, title: { zh: string; en: string }): void {
  const events = ensureMap(doc, ['events']);
  if (events.has(name)) throw new EditError('event-exists', name);
  events.set(name, doc.createNode({ title: flowMap(doc, title) }));
}

/** Where a field builder writes: an event's form, the case data or the parameters. */
export type SchemaPath = ['events', string, 'form'] | ['data'] | ['parameters'];

/** Add or replace one field of an event's form; `previousName` renames it in place. */
export function setFormField(
  doc: Document,
  event: string,
  field: FormField,
  previousName = field.name,
): void {
  setSchemaField(doc, ['events', event, 'form'], field, previousName);
}

/** Remove one field of an event's form (and the form when it is left empty). */
export function removeFormField(doc: Document, event: string, name: string): void {
  removeSchemaField(doc, ['events', event, 'form'], name);
}

/**
 * Add or replace one field of the object schema at `at` (created when missing); `previousName`
 * renames it in place, keeping its position and its place in `required`.
 */
export function setSchemaField(
  doc: Document,
  at: SchemaPath,
  field: FormField,
  previousName = field.name,
): void {
  if (at.length === 1) placeTopLevel(doc, at[0]);
  const form = ensureMap(doc, at);
  if (!form.has('type')) form.set('type', 'object');
  const properties = ensureMap(doc, [...at, 'properties']);
  if (previousName !== field.name && properties.has(field.name))
    throw new EditError('field-exists', field.name);
  const oldNode = properties.get(previousName, true);
  const old = isMap(oldNode) ? (oldNode.toJSON() as JsonSchemaObject) : undefined;
  const schema = doc.createNode(toFieldSchema(field, old)) as YAMLMap;
  for (const pair of schema.items)
    if (isMap(pair.value) || Array.isArray((pair.value as { items?: unknown })?.items))
      (pair.value as YAMLMap).flow = true;
  const index = properties.items.findIndex(
    (p) => String((p.key as { value?: unknown }).value) === previousName,
  );
  if (index >= 0) properties.items[index] = doc.createPair(field.name, schema);
  else properties.set(field.name, schema);
  properties.flow = false;
  const required = new Set(readRequired(doc, at));
  required.delete(previousName);
  if (field.required) required.add(field.name);
  writeRequired(doc, at, [...required]);
}

/**
 * Remove one field of the object schema at `at`. An event's form left empty goes; the case data
 * and parameters stay declared (`properties: {}`), as the shipped templates write them.
 */
export function removeSchemaField(doc: Document, at: SchemaPath, name: string): void {
  doc.deleteIn([...at, 'properties', name]);
  writeRequired(
    doc,
    at,
    readRequired(doc, at).filter((r) => r !== name),
  );
  const properties = doc.getIn([...at, 'properties'], true);
  if (isMap(properties) && properties.items.length === 0) {
    if (at[0] === 'events') doc.deleteIn(at);
    else properties.flow = true;
  }
}

/** A new `parameters:` or `data:` goes where the shipped templates have it: before the events. */
function placeTopLevel(doc: Document, key: 'data' | 'parameters'): void {
  const root = doc.contents;
  if (!isMap(root) || root.has(key)) return;
  const keys = root.items.map((p) => String((p.key as { value?: unknown }).value));
  const before = (key === 'parameters' ? ['data'] : []).concat(['events', 'initial', 'states']);
  const index = keys.findIndex((k) => before.includes(k));
  const map = doc.createNode({ type: 'object' }) as YAMLMap;
  root.items.splice(index < 0 ? root.items.length : index, 0, doc.createPair(key, map));
}

function readRequired(doc: Document, at: SchemaPath): string[] {
  return (
    (doc.getIn([...at, 'required']) as { toJSON?: () => string[] } | undefined)?.toJSON?.() ?? []
  );
}

function writeRequired(doc: Document, at: SchemaPath, required: string[]): void {
  const path = [...at, 'required'];
  if (required.length === 0) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  const node = doc.createNode(required);
  (node as { flow: boolean }).flow = true;
  const form = doc.getIn(at, true) as YAMLMap;
  if (form.has('required')) form.set('required', node);
  else {
    // `required` reads best before `properties`, as the shipped templates write it.
    const index = form.items.findIndex(
      (p) => String((p.key as { value?: unknown }).value) === 'properties',
    );
    form.items.splice(index < 0 ? form.items.length : index, 0, doc.createPair('required', node));
  }
}
