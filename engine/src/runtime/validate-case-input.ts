/**
 * Case data, programme parameters and event payloads are checked against the JSON Schemas the
 * template declares, with defaults filled in. Validators are compiled once per compiled template.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { ValidationFailedError } from '../errors/engine-error.js';
import type { FieldError } from '../errors/engine-error.js';
import {
  compileEnforcedSchema,
  createSchemaValidator,
} from '../template/create-schema-validator.js';
import { ownValue } from './own-value.js';
import type { JsonSchemaObject } from '../template/template.js';

const cache = new WeakMap<CompiledTemplate, Map<string, ValidateFunction>>();
const EMPTY: JsonSchemaObject = { type: 'object', properties: {} };

function validatorFor(
  compiled: CompiledTemplate,
  key: string,
  schema: JsonSchemaObject | undefined,
): ValidateFunction {
  let byKey = cache.get(compiled);
  if (!byKey) cache.set(compiled, (byKey = new Map<string, ValidateFunction>()));
  let validate = byKey.get(key);
  if (!validate) {
    // The dialect `relief validate` checked the template with (one ajv setup for both); the
    // template's schemas passed the meta-schema then, so compiling them here takes milliseconds.
    validate = compileEnforcedSchema(createSchemaValidator({ checked: true }), schema ?? EMPTY);
    byKey.set(key, validate);
  }
  return validate;
}

function check(validate: ValidateFunction, what: string, input: unknown): Record<string, unknown> {
  const copy: unknown = structuredClone(input ?? {});
  if (!validate(copy)) throw new ValidationFailedError(what, toFieldErrors(validate.errors ?? []));
  return copy as Record<string, unknown>;
}

/** Ajv errors as field paths a person can act on. */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  return errors.map((e) => {
    if (e.keyword === 'required')
      return {
        path: `${e.instancePath}/${String(e.params.missingProperty)}`,
        message: 'is required',
      };
    if (e.keyword === 'additionalProperties')
      return {
        path: `${e.instancePath}/${String(e.params.additionalProperty)}`,
        message: 'is not a declared field',
      };
    if (e.keyword === 'enum')
      return {
        path: e.instancePath,
        message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    return { path: e.instancePath, message: e.message ?? 'is invalid' };
  });
}

/** Case data validated against the template's `data`, defaults filled. */
export function validateCaseData(
  compiled: CompiledTemplate,
  data: unknown,
): Record<string, unknown> {
  return check(validatorFor(compiled, 'data', compiled.template.data), 'case data', data);
}

/** Programme parameters validated against `parameters`, defaults filled. */
export function validateParams(
  compiled: CompiledTemplate,
  params: unknown,
): Record<string, unknown> {
  return check(
    validatorFor(compiled, 'params', compiled.template.parameters),
    'parameters',
    params,
  );
}

/** An event's payload validated against its `form`, defaults filled. */
export function validateEventPayload(
  compiled: CompiledTemplate,
  eventType: string,
  payload: unknown,
): Record<string, unknown> {
  const form = ownValue(compiled.template.events, eventType)?.form;
  // Most events carry no form and no payload: `{}` passes the empty form as it is, without the
  // copy and the validator call (8 % of a plain step's time, docs/performance.md, "Tenth session").
  if (form === undefined && isEmptyObject(payload)) return {};
  return check(
    validatorFor(compiled, `event:${eventType}`, form),
    `payload of '${eventType}'`,
    payload,
  );
}

/** A plain object with no own keys (`{}` as JSON parses it). */
function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}
