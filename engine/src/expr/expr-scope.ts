/** JSON Schema fragment as written in a template (type object with properties). */
export type FieldSchema = {
  type?: string | string[];
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
  enum?: unknown[];
  [k: string]: unknown;
};

/** What an expression may name. */
export interface ExprScope {
  /** The template's `data` schema (object). */
  data: FieldSchema;
  /** The template's `parameters` schema (object). */
  params: FieldSchema;
  /** The event's `form` (object); undefined = no payload (e.g. timers, entry/exit): `event` has no fields. */
  event?: FieldSchema;
  /** Declared ledger names; `ledger['name']` / `ledger.name` must name one. */
  ledgers: readonly string[];
}

/** What the value of an expression must be: a guard is `bool`, a ledger amount or opening is `number`. */
export type ExprExpect = 'bool' | 'number' | 'any';

/** The top-level names every expression may use; anything else is reported, so nothing reaches the host. */
export const ROOT_NAMES = ['data', 'params', 'event', 'ledger', 'now'] as const;

/**
 * The declared fields of an object schema, or undefined when the schema does not close its field
 * set (no `properties`, or `additionalProperties`/`patternProperties` opening it): then any name goes.
 */
export function declaredFields(schema: FieldSchema): Record<string, FieldSchema> | undefined {
  const { properties, additionalProperties, patternProperties } = schema;
  if (properties === undefined || properties === null || typeof properties !== 'object')
    return undefined;
  if (additionalProperties !== undefined && additionalProperties !== false) return undefined;
  if (patternProperties !== undefined) return undefined;
  return properties;
}

/** Own-property lookup, so `constructor` or `__proto__` never resolve to Object.prototype members. */
export function fieldOf(
  fields: Record<string, FieldSchema>,
  name: string,
): FieldSchema | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}
