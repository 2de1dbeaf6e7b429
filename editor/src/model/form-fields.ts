/**
 * The field builder's view of a JSON Schema object (an event's form, the case data, the
 * parameters): a list of simple fields (text, number, integer, yes/no, choice, date) and the
 * schema they are written back as.
 */
import type { JsonSchemaObject, Label } from '@relief/engine';

/** The kinds of field the form builder offers. */
export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'date';

/** One form field as the builder edits it. */
export interface FormField {
  name: string;
  kind: FieldKind;
  title: Label | undefined;
  required: boolean;
  /** Allowed values of a choice field. */
  options: string[];
  description?: Label | undefined;
  /** The default value (typed for the kind; undefined: none). */
  default?: unknown;
  /** Bounds of a number or integer field. */
  minimum?: number | undefined;
  maximum?: number | undefined;
}

/** The builder's fields of a form schema (fields it cannot show simply are reported as text). */
export function toFormFields(form: JsonSchemaObject | undefined): FormField[] {
  const required = new Set(form?.required ?? []);
  return Object.entries(form?.properties ?? {}).map(([name, schema]) => ({
    name,
    kind: kindOf(schema),
    title: schema.title,
    required: required.has(name),
    options: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
    description: schema.description,
    default: schema.default,
    minimum: typeof schema.minimum === 'number' ? schema.minimum : undefined,
    maximum: typeof schema.maximum === 'number' ? schema.maximum : undefined,
  }));
}

function kindOf(schema: JsonSchemaObject): FieldKind {
  if (Array.isArray(schema.enum)) return 'choice';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (schema.format === 'date') return 'date';
  return 'text';
}

/** The builder's own keywords: written from the field, never kept from the old schema. */
const OWN = new Set([
  'type',
  'enum',
  'format',
  'title',
  'description',
  'default',
  'minimum',
  'maximum',
  'minLength',
]);

/**
 * A default typed in the builder's text box, as the value of `kind`; undefined when it does not
 * fit (the box is then left as it was).
 */
export function parseDefault(kind: FieldKind, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (kind === 'number' || kind === 'integer') {
    const n = Number(text);
    return Number.isFinite(n) && (kind === 'number' || Number.isInteger(n)) ? n : undefined;
  }
  if (kind === 'boolean')
    return /^(true|yes|是|1)$/i.test(text.trim())
      ? true
      : /^(false|no|否|0)$/i.test(text.trim())
        ? false
        : undefined;
  if (kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : undefined;
  return text;
}

/**
 * The JSON Schema of one field. Keywords the builder does not show (maxLength, pattern, …) are
 * kept from the old schema while the type stays the same.
 */
export function toFieldSchema(field: FormField, old: JsonSchemaObject = {}): JsonSchemaObject {
  const type =
    field.kind === 'choice' || field.kind === 'date' || field.kind === 'text'
      ? 'string'
      : field.kind;
  const keep = Object.fromEntries(
    Object.entries(old).filter(([k]) => !OWN.has(k) && type === old.type),
  );
  const base: JsonSchemaObject = { type };
  if (field.kind === 'choice') base.enum = field.options;
  if (field.kind === 'date') base.format = 'date';
  if (field.kind === 'text' && field.required) base.minLength = 1;
  const numeric = field.kind === 'number' || field.kind === 'integer';
  // A key the caller left out keeps the old schema's value; a key set to undefined clears it.
  const pick = (k: 'description' | 'default' | 'minimum' | 'maximum') =>
    (k in field ? field[k] : old[k]) as never;
  const [description, dflt, minimum, maximum] = [
    pick('description'),
    pick('default'),
    pick('minimum'),
    pick('maximum'),
  ] as [Label | undefined, unknown, number | undefined, number | undefined];
  const fits = (v: unknown) =>
    field.kind === 'choice'
      ? field.options.includes(String(v))
      : parseDefault(field.kind, String(v)) !== undefined;
  return {
    ...base,
    ...(numeric && minimum !== undefined && { minimum }),
    ...(numeric && maximum !== undefined && { maximum }),
    ...(dflt !== undefined && fits(dflt) && { default: dflt }),
    ...(field.title !== undefined && { title: field.title }),
    ...(description !== undefined && { description }),
    ...keep,
  };
}
