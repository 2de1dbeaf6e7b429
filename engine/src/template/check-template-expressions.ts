/**
 * Every CEL expression in a template is parsed and type-checked against what it may name: the
 * declared `data` and `parameters`, the event's `form` and the ledgers; and the embedded JSON
 * Schemas (`checkEmbeddedSchemas`).
 */
import { EXPR_PROBLEM_CODES, checkExpression } from '../expr/index.js';
import type { ExprExpect, ExprScope } from '../expr/index.js';
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { escapeSegment, locateInScalar, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import { checkEmbeddedSchemas } from './check-embedded-schemas.js';
import { indexStates } from './state-index.js';
import { listActions, listTransitions } from './check-template-structure.js';
import type { JsonSchemaObject, Template, ValueExpression } from './template.js';

const EMPTY_OBJECT: JsonSchemaObject = { type: 'object', properties: {} };

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
        EXPR_PROBLEM_CODES[problem.kind],
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
  const scopes = new Map<string | undefined, ExprScope>();
  const scopeOf = (event: string | undefined): ExprScope => {
    let scope = scopes.get(event);
    if (!scope) {
      const form =
        event === undefined ? undefined : (template.events?.[event]?.form ?? EMPTY_OBJECT);
      scopes.set(event, (scope = { ...baseScope, event: form }));
    }
    return scope;
  };
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
