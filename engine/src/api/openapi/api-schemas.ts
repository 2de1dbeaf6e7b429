/**
 * The API's JSON Schemas (`schemas/api/*.schema.json`, referring to `schemas/template.schema.json`):
 * loaded once, compiled with ajv for request validation, and handed to the OpenAPI builder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationFailedError } from '../../errors/engine-error.js';
import { toFieldErrors } from '../../runtime/validate-case-input.js';

/** A JSON Schema document as loaded. */
export type SchemaDocument = Record<string, unknown> & { $id: string; title?: string };

/** Folder of the shared schemas (`schemas/` at the workspace root). */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../../../schemas/', import.meta.url));

/** The loaded schemas: API bodies by name (file name without `.schema.json`) and the template's. */
export interface ApiSchemas {
  byName: ReadonlyMap<string, SchemaDocument>;
  template: SchemaDocument;
  /** Validate a request body against a named schema, or throw ValidationFailedError. */
  check<T>(name: string, what: string, value: unknown): T;
}

function readSchema(path: string): SchemaDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as SchemaDocument;
}

let loaded: ApiSchemas | undefined;

/** Load and compile every schema (once per process). */
export function loadApiSchemas(): ApiSchemas {
  if (loaded) return loaded;
  const template = readSchema(`${SCHEMAS_DIR}template.schema.json`);
  const byName = new Map<string, SchemaDocument>();
  for (const file of readdirSync(`${SCHEMAS_DIR}api`).sort()) {
    if (file.endsWith('.schema.json'))
      byName.set(file.slice(0, -'.schema.json'.length), readSchema(`${SCHEMAS_DIR}api/${file}`));
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(template);
  for (const schema of byName.values()) ajv.addSchema(schema);
  const validators = new Map<string, ValidateFunction>();
  loaded = {
    byName,
    template,
    check<T>(name: string, what: string, value: unknown): T {
      let validate = validators.get(name);
      if (!validate) {
        const schema = byName.get(name);
        if (!schema) throw new Error(`no API schema '${name}'`);
        validate = ajv.getSchema(schema.$id)!;
        validators.set(name, validate);
      }
      if (!validate(value))
        throw new ValidationFailedError(what, toFieldErrors(validate.errors ?? []));
      return value as T;
    },
  };
  return loaded;
}
