/**
 * Source text → located findings, and the checked template when there are no errors.
 * This is the one entry point the CLI, the API and the editor use.
 */
import type { TemplateIssue } from '../errors/issue-catalog.js';
import { checkFigures } from './check-figures.js';
import { checkPrivacyMarks } from './check-privacy-marks.js';
import { checkTemplateExpressions } from './check-template-expressions.js';
import { checkTemplateHazards } from './check-template-hazards.js';
import { checkTemplateSchema } from './check-template-schema.js';
import { checkTemplateStructure } from './check-template-structure.js';
import { parseTemplateSource } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import type { Template } from './template.js';

/** Result of validating one template source. */
export interface TemplateValidation {
  /** The template, present only when there are no errors (warnings allowed). */
  template: Template | undefined;
  issues: TemplateIssue[];
  parsed: ParsedSource;
}

/** Parse, check the schema, then the semantics; findings sorted by position. */
export function validateTemplate(source: string): TemplateValidation {
  const parsed = parseTemplateSource(source);
  let issues = parsed.issues;
  if (issues.length === 0) issues = checkTemplateSchema(parsed);
  if (issues.length === 0) {
    const template = parsed.value as Template;
    issues = [
      ...checkTemplateStructure(template, parsed),
      ...checkTemplateExpressions(template, parsed),
      ...checkFigures(template, parsed),
      ...checkPrivacyMarks(template, parsed),
      ...checkTemplateHazards(template, parsed),
    ];
  }
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  const ok = issues.every((issue) => issue.severity !== 'error');
  return { template: ok ? (parsed.value as Template) : undefined, issues, parsed };
}
