/**
 * Every CEL expression in a template is parsed and type-checked against what it may name: the
 * declared `data` and `parameters`, the event's `form` and the ledgers. Embedded JSON Schemas are
 * compiled and their defaults checked, so a template that validates cannot fail on them at run time.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkExpression } from '../expr/index.js';
import type { ExprExpect, ExprScope } from '../expr/index.js';
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { escapeSegment, locateInScalar, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import { indexStates } from './state-index.js';
import { listActions, listTransitions } from './check-template-structure.js';
import { toPlainJsonSchema } from './to-plain-json-schema.js';
import type { JsonSchemaObject, Template, ValueExpression } from './template.js';

const EMPTY_OBJECT: JsonSchemaObject = { type: 'object', properties: {} };
const PROBLEM_CODES = {
  syntax: 'expr-syntax',
  'unknown-name': 'expr-unknown-name',
  type: 'expr-type',
} as const;

/** Check expressions and embedded schemas. */
export function checkTemplateExpressions(
  template: Template,
  parsed: ParsedSource,
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (
    code: IssueCode,
    pointer: string,
    args: IssueArgs,
    at = locatePointer(parsed, pointer),
  ) => issues.push({ code, ...describeIssue(code, args), pointer, ...at });

  checkEmbeddedSchemas(template, report);

  const ledgers = Object.keys(template.ledgers ?? {});
  const baseScope = {
    data: template.data ?? EMPTY_OBJECT,
    params: template.parameters ?? EMPTY_OBJECT,
    ledgers,
  };
  const check = (
    value: ValueExpression | undefined,
    pointer: string,
    scope: ExprScope,
    expect: ExprExpect,
  ) => {
    if (typeof value !== 'string') return;
    for (const problem of checkExpression(value, scope, expect)) {
      report(
        PROBLEM_CODES[problem.kind],
        pointer,
        { detail: problem.message },
        locateInScalar(parsed, pointer, problem.offset),
      );
    }
  };

  for (const [name, ledger] of Object.entries(template.ledgers ?? {})) {
    check(
      ledger.opening,
      `/ledgers/${escapeSegment(name)}/opening`,
      { ...baseScope, data: EMPTY_OBJECT, ledgers: [] },
      'number',
    );
  }
  const index = indexStates(template);
  const sites = listTransitions(index);
  const scopeOf = (event: string | undefined): ExprScope => ({
    ...baseScope,
    event: event === undefined ? undefined : (template.events?.[event]?.form ?? EMPTY_OBJECT),
  });
  for (const site of sites)
    check(site.transition.guard, `${site.pointer}/guard`, scopeOf(site.event), 'bool');
  for (const { action, pointer, site } of listActions(index, sites)) {
    const scope = scopeOf(site?.event);
    if ('set' in action)
      for (const [field, value] of Object.entries(action.set))
        check(
          value,
          `${pointer}/set/${escapeSegment(field)}`,
          scope,
          expectFor(template.data?.properties?.[field]),
        );
    if ('ledger' in action)
      for (const [name, amount] of Object.entries(action.ledger))
        check(amount, `${pointer}/ledger/${escapeSegment(name)}`, scope, 'number');
    if ('assign' in action) check(action.assign, `${pointer}/assign`, scope, 'any');
  }
  return issues;
}

/** A `set` value must fit its field: a count gets a number, a flag a condition. */
function expectFor(field: JsonSchemaObject | undefined): ExprExpect {
  if (field?.type === 'integer' || field?.type === 'number') return 'number';
  if (field?.type === 'boolean') return 'bool';
  return 'any';
}

type Report = (code: IssueCode, pointer: string, args: IssueArgs) => void;

/** `parameters`, `data` and each event `form` must be valid JSON Schemas whose defaults satisfy them. */
function checkEmbeddedSchemas(template: Template, report: Report) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schemas: [string, JsonSchemaObject | undefined][] = [
    ['/parameters', template.parameters],
    ['/data', template.data],
    ...Object.entries(template.events ?? {}).map(
      ([name, e]): [string, JsonSchemaObject | undefined] => [
        `/events/${escapeSegment(name)}/form`,
        e.form,
      ],
    ),
  ];
  for (const [pointer, schema] of schemas) {
    if (!schema) continue;
    try {
      ajv.compile(toPlainJsonSchema(schema));
    } catch (error) {
      report('invalid-json-schema', pointer, {
        detail: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      if (property.default === undefined) continue;
      const validate = ajv.compile(toPlainJsonSchema(property));
      if (!validate(property.default)) {
        report('invalid-default', `${pointer}/properties/${escapeSegment(field)}/default`, {
          name: field,
          detail: ajv.errorsText(validate.errors, { dataVar: 'default' }),
        });
      }
    }
  }
}
