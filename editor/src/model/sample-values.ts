/** Sample values for the simulator: defaults, or a plausible value for each required field. */
import type { JsonSchemaObject } from '@relief/engine';

/**
 * A value for every field that has a default or is required (`every`: for every field, as a case
 * that has been filled in, e.g. to preview a guard on).
 */
export function sampleValues(
  schema: JsonSchemaObject | undefined,
  every = false,
): Record<string, unknown> {
  const required = new Set(schema?.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema?.properties ?? {})) {
    if (field.default !== undefined) out[name] = field.default;
    else if (every || required.has(name)) out[name] = sampleOf(field);
  }
  return out;
}

function sampleOf(field: JsonSchemaObject): unknown {
  if (Array.isArray(field.enum) && field.enum.length > 0) return field.enum[0];
  const type = Array.isArray(field.type) ? field.type[0] : field.type;
  if (type === 'integer' || type === 'number')
    return typeof field.minimum === 'number' ? field.minimum : 0;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  if (type === 'object') return sampleValues(field);
  if (field.format === 'date') return new Date().toISOString().slice(0, 10);
  return '示例';
}
