/**
 * Templates write JSON Schemas with bilingual titles and `x-` editor keys; ajv wants plain JSON
 * Schema. This turns one into the other (labels → their Chinese text, `x-` keys dropped).
 */
import type { JsonSchemaObject } from './template.js';

const LABEL_KEYWORDS = new Set(['title', 'description']);

/** A copy of `schema` that plain JSON Schema validators accept. */
export function toPlainJsonSchema(schema: JsonSchemaObject): Record<string, unknown> {
  const convert = (node: unknown, inProperties: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => convert(item, false));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (!inProperties && key.startsWith('x-')) continue;
      if (!inProperties && LABEL_KEYWORDS.has(key) && value !== null && typeof value === 'object') {
        const label = value as { zh?: string; en?: string };
        out[key] = label.zh ?? label.en;
      } else if (
        !inProperties &&
        (key === 'enum' || key === 'const' || key === 'default' || key === 'examples')
      ) {
        out[key] = value;
      } else {
        out[key] = convert(value, !inProperties && key === 'properties');
      }
    }
    return out;
  };
  return convert(schema, false) as Record<string, unknown>;
}
