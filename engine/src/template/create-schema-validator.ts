/**
 * The one JSON Schema dialect for schemas a template embeds (`parameters`, `data`, event
 * `form`s): what `relief validate` checks them with is what every case is validated with at run
 * time, so a template that validates clean cannot refuse its own cases later (a `format: email`
 * field with a non-email default, say). Pure: ajv's logger is off, nothing is printed.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { linearRegExpForAjv } from '../expr/linear-regex.js';
import { toPlainJsonSchema } from './to-plain-json-schema.js';
import { MULTIPLE_OF_PRECISION } from './multiple-of-precision.js';
import type { JsonSchemaObject } from './template.js';

export { MULTIPLE_OF_PRECISION };

/**
 * Ajv's options for the dialect, in one place. `pattern` and `patternProperties` run on the
 * linear-time engine (RE2JS; see docs/expressions.md), at validation and run time alike.
 */
export function schemaValidatorOptions(): Options {
  return {
    allErrors: true,
    strict: false,
    // Defaults declared in the template are filled into case data, parameters and payloads.
    useDefaults: true,
    coerceTypes: false,
    // `multipleOf: 0.01` (amounts in fen) would otherwise refuse 0.07, because 0.07 / 0.01 is
    // 7.000000000000001 in binary floating point; 0.004 is still refused.
    multipleOfPrecision: MULTIPLE_OF_PRECISION,
    logger: false,
    code: { regExp: linearRegExpForAjv },
  };
}

/**
 * A fresh ajv speaking the dialect: the options above plus the standard formats. `checked`: the
 * schemas it will compile were already checked against the meta-schema when their template was
 * validated (`checkEmbeddedSchemas`), so it does not check them again; a fresh ajv compiles the
 * 2020-12 meta-schema before its first schema, 70–390 ms on one thread that serves everyone.
 */
export function createSchemaValidator(options: { checked?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    ...schemaValidatorOptions(),
    ...(options.checked && { validateSchema: false }),
  });
  // ajv-formats' default export is typed for the CommonJS interop; the call is the documented one.
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

/**
 * A template's top-level schema as it is enforced: plain JSON Schema, and unknown fields refused
 * rather than silently stored (a typo in an import column must show) unless the template says
 * otherwise with its own `additionalProperties`.
 */
export function toEnforcedSchema(schema: JsonSchemaObject): Record<string, unknown> {
  return { additionalProperties: false, ...toPlainJsonSchema(schema) };
}

/** Compile an embedded top-level schema with a validator from {@link createSchemaValidator}. */
export function compileEnforcedSchema(ajv: Ajv2020, schema: JsonSchemaObject): ValidateFunction {
  return ajv.compile(toEnforcedSchema(schema));
}
