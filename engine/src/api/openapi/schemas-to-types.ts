/**
 * TypeScript types from the API's JSON Schemas, so the schemas stay the one source for validation,
 * the OpenAPI document and the types (`api-types.ts` is this function's output, kept current by
 * `api-types.test.ts`). Covers the JSON Schema the API schemas use, nothing more.
 */
import { componentName } from './build-openapi.js';
import type { SchemaDocument } from './api-schemas.js';

type Json = Record<string, unknown>;

const literal = (value: unknown) => JSON.stringify(value);

function refName(ref: string): string {
  if (ref === '../template.schema.json') return 'Template';
  const file = /^([a-z0-9-]+)\.schema\.json$/.exec(ref);
  if (!file) throw new Error(`unexpected $ref '${ref}'`);
  return componentName(file[1]!);
}

function doc(text: unknown, indent: string): string {
  return typeof text === 'string'
    ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n`
    : '';
}

/** The TypeScript type of a schema node. */
export function toType(schema: Json, indent: string): string {
  if (typeof schema.$ref === 'string') return refName(schema.$ref);
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (alternatives) return alternatives.map((s) => toType(s, indent)).join(' | ');
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : schema.type
      ? [schema.type as string]
      : [];
  if (types.length === 0) return 'unknown';
  return types
    .map((type) => {
      switch (type) {
        case 'string':
          return 'string';
        case 'integer':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array':
          return `${wrap(toType((schema.items as Json | undefined) ?? {}, indent))}[]`;
        default:
          return objectType(schema, indent);
      }
    })
    .join(' | ');
}

const wrap = (type: string) => (/[|&]/.test(type) ? `(${type})` : type);

function objectType(schema: Json, indent: string): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  const extra = schema.additionalProperties;
  if (!properties) {
    if (extra && typeof extra === 'object')
      return `Record<string, ${toType(extra as Json, indent)}>`;
    return 'Record<string, unknown>';
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(
    ([name, property]) =>
      `${doc(property.description ?? property.title, inner)}${inner}${/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name)}${required.has(name) ? '' : '?'}: ${toType(property, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The whole `api-types.ts` for these schemas. */
export function schemasToTypes(schemas: ReadonlyMap<string, SchemaDocument>): string {
  const out = [
    '/**',
    " * Types of the API's request and response bodies, generated from `schemas/api/*.schema.json` by",
    ' * `schemas-to-types.ts`. Do not edit: change the schema, then run',
    ' * `UPDATE_API_TYPES=1 pnpm exec vitest run engine/src/api/openapi/api-types.test.ts`.',
    ' */',
    "import type { Template } from '../template/template.js';",
    '',
  ];
  for (const [name, schema] of [...schemas].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const type = toType(schema, '');
    out.push(
      `${doc(schema.description ?? schema.title, '')}export type ${componentName(name)} = ${type};`,
      '',
    );
  }
  return out.join('\n');
}
