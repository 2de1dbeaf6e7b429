/**
 * `parameters`, `data` and each event `form` must be valid JSON Schemas whose defaults satisfy
 * them, so a template that validates cannot fail on them at run time.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { IssueArgs, IssueCode } from '../errors/issue-catalog.js';
import { createSchemaValidator, toEnforcedSchema } from './create-schema-validator.js';
import { escapeSegment } from './parse-template-source.js';
import { checkSchemaPatterns } from './check-schema-patterns.js';
import { toPlainJsonSchema } from './to-plain-json-schema.js';
import type { JsonSchemaObject, Template } from './template.js';

type Report = (code: IssueCode, pointer: string, args: IssueArgs) => void;

/** How a schema compiles on its own: the validator, or ajv's reason for refusing it. */
type Compiled = { validate: ValidateFunction } | { error: string };

// Compiling a schema (ajv generates and evaluates code) costs milliseconds, and the same small
// schemas come back on every validation of a template, so self-contained ones are compiled once
// and kept by their JSON text. Bounded: the API validates templates from anyone.
const MAX_CACHED = 500;
const cache = new Map<string, Compiled>();
let sharedAjv: Ajv2020 | undefined;

/**
 * Check the template's embedded schemas and the defaults of their fields, in the dialect cases are
 * validated with at run time (`createSchemaValidator`: formats, defaults, unknown fields refused).
 */
export function checkEmbeddedSchemas(template: Template, report: Report): void {
  const schemas: [string, JsonSchemaObject][] = [];
  const add = (pointer: string, schema: JsonSchemaObject | undefined) => {
    if (schema) schemas.push([pointer, schema]);
  };
  add('/parameters', template.parameters);
  add('/data', template.data);
  for (const [name, event] of Object.entries(template.events ?? {}))
    add(`/events/${escapeSegment(name)}/form`, event.form);

  // `$id`, `$ref`, `$defs`, `$anchor`… make one schema's meaning depend on the others compiled
  // beside it (a ref across forms, an id declared twice), so such a template gets its own ajv, as
  // every template once did; schemas without any `$` key mean the same wherever they compile.
  const compile = schemas.some(([, schema]) => hasDollarKey(schema))
    ? isolatedCompiler()
    : cachedCompile;

  for (const [pointer, schema] of schemas) {
    // A pattern the linear-time engine cannot run is reported at the pattern itself; ajv would
    // only repeat it for the whole schema.
    if (checkSchemaPatterns(schema, pointer, report) > 0) continue;
    const whole = compile(toEnforcedSchema(schema));
    if ('error' in whole) {
      report('invalid-json-schema', pointer, { detail: whole.error });
      continue;
    }
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      if (property.default === undefined) continue;
      const compiled = compile(toPlainJsonSchema(property));
      // Only an `$id` clash with the parent gets here; a finding, like every other template error.
      if ('error' in compiled) {
        report('invalid-json-schema', `${pointer}/properties/${escapeSegment(field)}`, {
          detail: compiled.error,
        });
        continue;
      }
      const { validate } = compiled;
      // A copy: with `useDefaults`, validating an object default fills its nested defaults in place.
      if (!validate(structuredClone(property.default))) {
        report('invalid-default', `${pointer}/properties/${escapeSegment(field)}/default`, {
          name: field,
          detail: shared().errorsText(validate.errors, { dataVar: 'default' }),
        });
      }
    }
  }
}

/** One fresh ajv for all of one template's schemas. */
function isolatedCompiler(): (schema: Record<string, unknown>) => Compiled {
  const ajv = createSchemaValidator();
  return (schema) => compileWith(ajv, schema);
}

function cachedCompile(schema: Record<string, unknown>): Compiled {
  const key = JSON.stringify(schema);
  let compiled = cache.get(key);
  if (compiled) return compiled;
  const ajv = shared();
  try {
    compiled = compileWith(ajv, schema);
  } finally {
    ajv.removeSchema(schema); // ajv keeps every schema object it saw; the bounded cache is ours
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

function shared(): Ajv2020 {
  sharedAjv ??= createSchemaValidator();
  return sharedAjv;
}

function compileWith(ajv: Ajv2020, schema: Record<string, unknown>): Compiled {
  try {
    return { validate: ajv.compile(schema) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function hasDollarKey(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasDollarKey);
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => key.startsWith('$') || hasDollarKey(value));
}
