/**
 * Checks of `figures:` beyond the schema: every event, ledger and field a figure names is
 * declared, summed fields are numeric, and a `where` condition is a CEL condition over `data` and
 * `params`. The statistics query trusts a template that passed these checks.
 */
import { EXPR_PROBLEM_CODES, checkExpression } from '../expr/index.js';
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { escapeSegment, locateInScalar, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import type { FigureDef, JsonSchemaObject, Template } from './template.js';

const EMPTY_OBJECT: JsonSchemaObject = { type: 'object', properties: {} };

/** Check every declared figure; located findings, empty when all are sound. */
export function checkFigures(template: Template, parsed: ParsedSource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (
    code: IssueCode,
    pointer: string,
    args: IssueArgs = {},
    at = locatePointer(parsed, pointer),
  ) => issues.push({ code, ...describeIssue(code, args), pointer, ...at });

  for (const [name, figure] of Object.entries(template.figures ?? {})) {
    const pointer = `/figures/${escapeSegment(name)}`;
    checkMeasure(template, figure, pointer, report);
    const by = figure.by;
    if (typeof by === 'object' && 'field' in by)
      checkDataField(template, by.field, `${pointer}/by/field`, false, report);
    if (figure.where !== undefined) {
      if (figure.ledger)
        report('figure-where-on-ledger', `${pointer}/where`, {}, keyOf(parsed, `${pointer}/where`));
      const scope = {
        data: template.data ?? EMPTY_OBJECT,
        params: template.parameters ?? EMPTY_OBJECT,
        ledgers: [],
      };
      for (const problem of checkExpression(figure.where, scope, 'bool'))
        report(
          EXPR_PROBLEM_CODES[problem.kind],
          `${pointer}/where`,
          { detail: problem.message },
          locateInScalar(parsed, `${pointer}/where`, problem.offset),
        );
    }
  }
  return issues;
}

type Report = (code: IssueCode, pointer: string, args?: IssueArgs) => void;

function checkMeasure(template: Template, figure: FigureDef, pointer: string, report: Report) {
  const measures = (['count', 'sum', 'ledger'] as const).filter((key) => figure[key] !== undefined);
  if (measures.length !== 1)
    return report('figure-measure', pointer, { found: measures.join(', ') });
  const events = Object.keys(template.events ?? {});
  const checkEvent = (event: string, at: string): boolean => {
    if (Object.hasOwn(template.events ?? {}, event)) return true;
    report('undeclared-event', at, { name: event, known: events });
    return false;
  };
  if (typeof figure.count === 'object') checkEvent(figure.count.event, `${pointer}/count/event`);
  if (figure.ledger) {
    const ledgers = template.ledgers ?? {};
    if (!Object.hasOwn(ledgers, figure.ledger.name))
      report('undeclared-ledger', `${pointer}/ledger/name`, {
        name: figure.ledger.name,
        known: Object.keys(ledgers),
      });
  }
  const sum = figure.sum;
  if (!sum) return;
  const found = Object.keys(sum).join(', ');
  if (sum.data !== undefined) {
    if (sum.event !== undefined || sum.field !== undefined)
      return report('figure-sum-shape', `${pointer}/sum`, { found });
    checkDataField(template, sum.data, `${pointer}/sum/data`, true, report);
    return;
  }
  if (sum.event === undefined || sum.field === undefined)
    return report('figure-sum-shape', `${pointer}/sum`, { found });
  if (!checkEvent(sum.event, `${pointer}/sum/event`)) return;
  const form = template.events?.[sum.event]?.form;
  if (!form)
    return report('figure-event-without-form', `${pointer}/sum/event`, { name: sum.event });
  checkField(
    form,
    sum.field,
    `the form of event '${sum.event}'`,
    `${pointer}/sum/field`,
    true,
    report,
  );
}

function checkDataField(
  template: Template,
  field: string,
  pointer: string,
  numeric: boolean,
  report: Report,
) {
  checkField(template.data ?? EMPTY_OBJECT, field, "'data'", pointer, numeric, report);
}

function checkField(
  schema: JsonSchemaObject,
  field: string,
  owner: string,
  pointer: string,
  numeric: boolean,
  report: Report,
) {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (!Object.hasOwn(properties, field))
    return report('figure-unknown-field', pointer, { name: field, expected: owner, known: names });
  if (numeric && !isNumeric(properties[field]!))
    report('figure-not-numeric', pointer, {
      name: field,
      found: describeFieldType(properties[field]!),
      known: names.filter((name) => isNumeric(properties[name]!)),
    });
}

/** A field that always holds a number (or nothing): `integer`, `number`, optionally with `null`. */
export function isNumeric(field: JsonSchemaObject): boolean {
  const types = [field.type ?? []].flat();
  return (
    types.length > 0 &&
    types.some((type) => type === 'integer' || type === 'number') &&
    types.every((type) => type === 'integer' || type === 'number' || type === 'null')
  );
}

function describeFieldType(field: JsonSchemaObject): string {
  const types = [field.type ?? []].flat();
  return types.length === 0 ? 'of no declared type' : `of type ${types.join(' or ')}`;
}

function keyOf(parsed: ParsedSource, pointer: string) {
  return locatePointer(parsed, pointer, { key: true });
}
