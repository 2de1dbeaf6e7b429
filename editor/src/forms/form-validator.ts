/**
 * The forms' JSON Schema validator for rjsf, without `eval`: @cfworker/json-schema interprets the
 * schema instead of compiling it to a function (ajv, and so `@rjsf/validator-ajv8`, build code with
 * `new Function`, which the web app's Content-Security-Policy refuses). Its findings are turned into
 * rjsf's errors with ajv's keyword names and parameters, so `localiseError` words them in the
 * person's language exactly as before, and `multipleOf` follows the server's precision (0.07 is a
 * multiple of 0.01, 0.004 is not).
 */
import { Validator } from '@cfworker/json-schema';
import type { OutputUnit, Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
} from '@rjsf/utils';
import type {
  CustomValidator,
  ErrorTransformer,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import { MULTIPLE_OF_PRECISION } from '@relief/engine/contract';

type Value = Record<string, unknown>;

/**
 * Findings that only say a sub-schema failed; the failing keyword below them is reported on its own.
 * (`additionalProperties` is kept and its `false` sub-schema dropped: the property is the finding.)
 */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'allOf',
  '$ref',
  '$recursiveRef',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'false',
]);

/** The value at a `#/a/b` location (URI-encoded JSON pointer, as @cfworker reports them). */
function at(root: unknown, location: string): unknown {
  let node = root;
  for (const part of pointerParts(location)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function pointerParts(location: string): string[] {
  return decodeURI(location.replace(/^#/, ''))
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Is `value` a multiple of `step` the way the server's ajv decides (`multipleOfPrecision`)? */
export function isMultipleOf(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(Math.round(quotient) - quotient) <= 10 ** -MULTIPLE_OF_PRECISION;
}

/** One @cfworker finding as rjsf's error, with ajv's `params`; null for a wrapper or a non-error. */
function toRjsfError(unit: OutputUnit, schema: unknown, data: unknown): RJSFValidationError | null {
  const { keyword, instanceLocation, keywordLocation, error } = unit;
  if (WRAPPERS.has(keyword)) return null;
  const ruleValue = at(schema, keywordLocation);
  const instance = at(data, instanceLocation);
  if (
    keyword === 'multipleOf' &&
    typeof instance === 'number' &&
    typeof ruleValue === 'number' &&
    isMultipleOf(instance, ruleValue)
  )
    return null;
  const parts = pointerParts(instanceLocation);
  const params: Record<string, unknown> = {};
  if (keyword === 'required') {
    const missing = /required property "(.*)"/.exec(error)?.[1] ?? '';
    params.missingProperty = missing;
    parts.push(missing);
  } else if (keyword === 'additionalProperties') {
    const extra = /Property "(.*)" does not match/.exec(error)?.[1] ?? '';
    params.additionalProperty = extra;
    parts.push(extra);
  } else if (keyword === 'type') params.type = [ruleValue].flat().join(',');
  else if (keyword === 'format') params.format = ruleValue;
  else if (keyword === 'enum') params.allowedValues = ruleValue;
  else params.limit = ruleValue;
  const property = parts.length > 0 ? `.${parts.join('.')}` : '';
  return {
    name: keyword,
    property,
    message: error,
    params,
    stack: `${property} ${error}`.trim(),
    schemaPath: keywordLocation,
  };
}

/** Interpreting validators, one per schema object rjsf hands over (it keeps the same object). */
const validators = new WeakMap<object, Validator>();

function validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    // A copy: @cfworker annotates the schema it is given, and rjsf draws the form from this one.
    const own = structuredClone(schema) as Schema;
    // rjsf asks about sub-schemas (a `oneOf` option) whose `$ref`s point into the root's `$defs`.
    if (rootSchema && rootSchema !== schema) {
      own.$defs ??= structuredClone(rootSchema.$defs) as Schema['$defs'];
      const definitions = (rootSchema as { definitions?: unknown }).definitions;
      if (definitions !== undefined)
        (own as { definitions?: unknown }).definitions ??= structuredClone(definitions);
    }
    validator = new Validator(own, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

function findings(schema: RJSFSchema, data: unknown, rootSchema?: RJSFSchema) {
  const result = validatorFor(schema, rootSchema).validate(data);
  if (result.valid) return [];
  return result.errors
    .map((unit) => toRjsfError(unit, schema, data))
    .filter((e): e is RJSFValidationError => e !== null);
}

/** rjsf's validator contract over @cfworker/json-schema. */
export const formValidator: ValidatorType<Value, RJSFSchema> = {
  validateFormData(
    formData: Value | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Value, RJSFSchema>,
    transformErrors?: ErrorTransformer<Value, RJSFSchema>,
    uiSchema?: UiSchema<Value, RJSFSchema>,
  ): ValidationData<Value> {
    let errors = findings(schema, formData);
    if (typeof transformErrors === 'function') errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<Value>(errors);
    if (typeof customValidate !== 'function') return { errors, errorSchema };
    // The object schemas of our forms give an object here (rjsf types it as maybe an array).
    const full = getDefaultFormState(formValidator, schema, formData, schema, true) as Value;
    const handler = customValidate(full, createErrorHandler<Value>(full), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  },
  isValid(schema: RJSFSchema, formData: Value | undefined, rootSchema: RJSFSchema): boolean {
    try {
      return findings(schema, formData, rootSchema).length === 0;
    } catch {
      return false;
    }
  },
  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: Value) {
    try {
      return { errors: findings(schema, formData) as Result[] };
    } catch (error) {
      return { validationError: error as Error };
    }
  },
};
