/** Sample data for the shipped templates: a value every field schema accepts, every field filled. */
import { validateTemplate } from '@relief/engine';
import type { JsonSchemaObject } from '@relief/engine';
import { templateSource } from './api-fixtures.js';

/** A value every field schema of the shipped templates accepts. */
export function sampleValue(name: string, def: JsonSchemaObject): unknown {
  if (def.enum) return def.enum[0];
  const type = Array.isArray(def.type) ? def.type[0] : def.type;
  if (type === 'boolean') return true;
  if (type === 'integer' || type === 'number') {
    const min = typeof def.minimum === 'number' ? def.minimum : 1;
    const max = typeof def.maximum === 'number' ? def.maximum : min + 1;
    return Math.min(Math.max(min, 1), max);
  }
  if (typeof def.pattern === 'string') return '13800000000';
  const text = `v-${name}`;
  return typeof def.maxLength === 'number' ? text.slice(0, def.maxLength) : text;
}

/** A shipped template, validated. */
export const templateOf = (id: string) => validateTemplate(templateSource(id)).template!;

/** Every field with a value (all of them are filled). */
export function fullData(id: string): Record<string, unknown> {
  const props = templateOf(id).data?.properties ?? {};
  return Object.fromEntries(Object.entries(props).map(([n, def]) => [n, sampleValue(n, def)]));
}
