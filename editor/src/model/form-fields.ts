/**
 * The event form builder's view of a JSON Schema: a list of simple fields (text, number, boolean,
 * choice, date) and the schema they are written back as.
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

/** The JSON Schema of one field, keeping keywords of the old schema that still apply (min, max, description). */
export function toFieldSchema(field: FormField, old: JsonSchemaObject = {}): JsonSchemaObject {
  const { type: _t, enum: _e, format: _f, title: _ti, ...rest } = old;
  const keep = Object.fromEntries(
    Object.entries(rest).filter(
      ([k]) =>
        k === 'description' || k === 'default' || (field.kind === old.type && k !== 'minLength'),
    ),
  );
  const base: JsonSchemaObject = {
    type:
      field.kind === 'choice' || field.kind === 'date' || field.kind === 'text'
        ? 'string'
        : field.kind,
  };
  if (field.kind === 'choice') base.enum = field.options;
  if (field.kind === 'date') base.format = 'date';
  if (field.kind === 'text' && field.required) base.minLength = 1;
  return { ...base, ...(field.title !== undefined && { title: field.title }), ...keep };
}
