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

/** Add or replace one field of an event's form; `previousName` renames it in place. */
export function setFormField(
  doc: Document,
  event: string,
  field: FormField,
  previousName = field.name,
): void {
  const form = ensureMap(doc, ['events', event, 'form']);
  if (!form.has('type')) form.set('type', 'object');
  const properties = ensureMap(doc, ['events', event, 'form', 'properties']);
  if (previousName !== field.name && properties.has(field.name))
    throw new EditError('field-exists', field.name);
  const oldNode = properties.get(previousName, true);
  const old = isMap(oldNode) ? (oldNode.toJSON() as JsonSchemaObject) : undefined;
  const schema = doc.createNode(toFieldSchema(field, old)) as YAMLMap;
  for (const pair of schema.items)
    if (isMap(pair.value) || Array.isArray((pair.value as { items?: unknown })?.items))
      (pair.value as YAMLMap).flow = true;
  const at = properties.items.findIndex(
    (p) => String((p.key as { value?: unknown }).value) === previousName,
  );
  if (at >= 0) properties.items[at] = doc.createPair(field.name, schema);
  else properties.set(field.name, schema);
  const required = new Set(
    (
      doc.getIn(['events', event, 'form', 'required']) as { toJSON?: () => string[] } | undefined
    )?.toJSON?.() ?? [],
  );
  required.delete(previousName);
  if (field.required) required.add(field.name);
  writeRequired(doc, event, [...required]);
}

/** Remove one field of an event's form (and the form when it is left empty). */
export function removeFormField(doc: Document, event: string, name: string): void {
  doc.deleteIn(['events', event, 'form', 'properties', name]);
  const required =
    (
      doc.getIn(['events', event, 'form', 'required']) as { toJSON?: () => string[] } | undefined
    )?.toJSON?.() ?? [];
  writeRequired(
    doc,
    event,
    required.filter((r) => r !== name),
  );
  const properties = doc.getIn(['events', event, 'form', 'properties'], true);
  if (isMap(properties) && properties.items.length === 0) doc.deleteIn(['events', event, 'form']);
}

function writeRequired(doc: Document, event: string, required: string[]): void {
  const path = ['events', event, 'form', 'required'];
  if (required.length === 0) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  const node = doc.createNode(required);
  (node as { flow: boolean }).flow = true;
  const form = doc.getIn(['events', event, 'form'], true) as YAMLMap;
  if (form.has('required')) form.set('required', node);
  else {
    // `required` reads best before `properties`, as the shipped templates write it.
    const at = form.items.findIndex(
      (p) => String((p.key as { value?: unknown }).value) === 'properties',
    );
    form.items.splice(at < 0 ? form.items.length : at, 0, doc.createPair('required', node));
  }
}
