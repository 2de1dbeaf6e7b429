/**
 * Need-to-know: which fields of a case's data (and of an event's payload) a reader may see, from
 * the template's marks. `x-relief-sensitivity` marks a top-level field as personal information;
 * `x-relief-visible-to` lists the roles that may read it (the `data` schema's own list is the
 * default for marked fields without one; without either, every programme role). Unmarked fields
 * are not personal and every reader sees them; admins see everything. Pure: the API, the store's
 * exports and webhooks, and the browser all call `projectRecord` with the same marks.
 */
import type { JsonSchemaObject, Template } from './template.js';

/** The sensitivity marks a field may carry. */
export const SENSITIVITIES = ['personal', 'sensitive', 'minor'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** System roles that a field's `x-relief-visible-to` may name besides the programme roles. */
export const SYSTEM_READERS = ['admin', 'auditor', 'integrator'] as const;

/** One marked field: how sensitive, and who may read it. */
export interface FieldMark {
  sensitivity: Sensitivity;
  visibleTo: readonly string[];
}

/** The marked fields of one record schema, by name; unmarked fields are absent. */
export type FieldMarks = ReadonlyMap<string, FieldMark>;

/** Who reads: every role held (programme and system roles); `all` for admins and the engine. */
export interface Reader {
  roles: readonly string[];
  all?: boolean;
}

const EMPTY: FieldMarks = new Map();

function sensitivityOf(def: JsonSchemaObject | undefined): Sensitivity | undefined {
  const mark = def?.['x-relief-sensitivity'];
  return typeof mark === 'string' && (SENSITIVITIES as readonly string[]).includes(mark)
    ? (mark as Sensitivity)
    : undefined;
}

function rolesOf(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The default list for marked fields: the `data` schema's, else every programme role. */
export function defaultVisibleTo(template: Pick<Template, 'data' | 'roles'>): readonly string[] {
  return rolesOf(template.data?.['x-relief-visible-to']) ?? Object.keys(template.roles ?? {});
}

/** The marked top-level fields of the case data. */
export function dataMarks(template: Pick<Template, 'data' | 'roles'>): FieldMarks {
  const fallback = defaultVisibleTo(template);
  const marks = new Map<string, FieldMark>();
  for (const [name, def] of Object.entries(template.data?.properties ?? {})) {
    const sensitivity = sensitivityOf(def);
    if (sensitivity)
      marks.set(name, {
        sensitivity,
        visibleTo: rolesOf(def['x-relief-visible-to']) ?? fallback,
      });
  }
  return marks;
}

/**
 * The marked fields of an event's payload: its form's own marks, and a form field without a mark
 * takes the mark of the data field of the same name (what `set: { phone: event.phone }` copies).
 */
export function formMarks(
  template: Pick<Template, 'data' | 'roles' | 'events'>,
  event: string,
): FieldMarks {
  const form = Object.hasOwn(template.events ?? {}, event)
    ? template.events![event]!.form
    : undefined;
  const data = dataMarks(template);
  if (!form) return data.size === 0 ? EMPTY : data;
  const fallback = defaultVisibleTo(template);
  const marks = new Map<string, FieldMark>();
  for (const [name, def] of Object.entries(form.properties ?? {})) {
    const sensitivity = sensitivityOf(def);
    const mark = sensitivity
      ? { sensitivity, visibleTo: rolesOf(def['x-relief-visible-to']) ?? fallback }
      : data.get(name);
    if (mark) marks.set(name, mark);
  }
  return marks;
}

/** May this reader see a field with this mark (or without one)? */
export function maySee(mark: FieldMark | undefined, reader: Reader): boolean {
  if (mark === undefined || reader.all) return true;
  return reader.roles.some((role) => mark.visibleTo.includes(role));
}

/**
 * The record as this reader may see it: hidden fields are absent (not blanked, which would tell
 * that they exist). Returns the same object when nothing is hidden.
 */
export function projectRecord<T extends Record<string, unknown>>(
  marks: FieldMarks,
  record: T,
  reader: Reader,
): Partial<T> {
  if (reader.all || marks.size === 0) return record;
  let hidden = false;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (maySee(marks.get(name), reader)) out[name] = value;
    else hidden = true;
  }
  return hidden ? (out as Partial<T>) : record;
}

/** The case data as this reader may see it. */
export function projectCaseData(
  template: Pick<Template, 'data' | 'roles'>,
  data: Record<string, unknown>,
  reader: Reader,
): Record<string, unknown> {
  return projectRecord(dataMarks(template), data, reader);
}

/** The payload of an event as this reader may see it. */
export function projectPayload(
  template: Pick<Template, 'data' | 'roles' | 'events'>,
  event: string,
  payload: Record<string, unknown>,
  reader: Reader,
): Record<string, unknown> {
  return projectRecord(formMarks(template, event), payload, reader);
}
