/**
 * Checks of the need-to-know marks beyond the schema: every role a field is shown to is declared
 * (or is `admin`, `auditor`, `integrator`), a `sensitive` or `minor` field shown to every programme
 * role is flagged, and `x-relief-visible-to` on an unmarked field (which restricts nothing) too.
 */
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { escapeSegment, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import { SYSTEM_READERS, dataMarks, formMarks } from './privacy-marks.js';
import type { FieldMarks } from './privacy-marks.js';
import type { JsonSchemaObject, Template } from './template.js';

/** Check the marks of `data` and of every event form; located findings. */
export function checkPrivacyMarks(template: Template, parsed: ParsedSource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (code: IssueCode, pointer: string, args: IssueArgs = {}) =>
    issues.push({ code, ...describeIssue(code, args), pointer, ...locatePointer(parsed, pointer) });
  const programmeRoles = Object.keys(template.roles ?? {});
  const known = [...programmeRoles, ...SYSTEM_READERS];

  const checkRoles = (value: unknown, pointer: string) => {
    if (!Array.isArray(value)) return;
    value.forEach((role, i) => {
      if (typeof role === 'string' && !known.includes(role))
        report('visible-to-undeclared-role', `${pointer}/x-relief-visible-to/${i}`, {
          name: role,
          known,
        });
    });
  };
  const checkSchema = (
    schema: JsonSchemaObject | undefined,
    pointer: string,
    marks: FieldMarks,
  ) => {
    if (!schema) return;
    checkRoles(schema['x-relief-visible-to'], pointer);
    for (const [name, def] of Object.entries(schema.properties ?? {})) {
      const at = `${pointer}/properties/${escapeSegment(name)}`;
      checkRoles(def['x-relief-visible-to'], at);
      const mark = marks.get(name);
      if (def['x-relief-visible-to'] !== undefined && def['x-relief-sensitivity'] === undefined)
        report('visible-to-without-sensitivity', `${at}/x-relief-visible-to`, { name });
      if (
        def['x-relief-sensitivity'] !== undefined &&
        mark &&
        mark.sensitivity !== 'personal' &&
        programmeRoles.length > 1 &&
        programmeRoles.every((role) => mark.visibleTo.includes(role))
      )
        report('sensitive-visible-to-all', `${at}/x-relief-sensitivity`, {
          name,
          found: mark.sensitivity,
        });
    }
  };
  checkSchema(template.data, '/data', dataMarks(template));
  for (const [event, def] of Object.entries(template.events ?? {}))
    checkSchema(def.form, `/events/${escapeSegment(event)}/form`, formMarks(template, event));
  return issues;
}
