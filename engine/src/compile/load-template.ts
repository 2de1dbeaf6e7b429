/**
 * Load a template: validate the source, and compile it when no finding is an error. The one
 * composition of "check, then compile" that the store's cache, the tests' reference driver and
 * the editor's simulator share, so all three accept and refuse the same sources.
 */
import type { TemplateIssue } from '../errors/issue-catalog.js';
import { validateTemplate } from '../template/validate-template.js';
import { compileTemplate } from './compile-template.js';
import type { CompiledTemplate } from './compile-template.js';

/** A loaded template, or the located findings that stop it (errors, and any warnings beside them). */
export type LoadedTemplate =
  { compiled: CompiledTemplate; warnings: TemplateIssue[] } | { issues: TemplateIssue[] };

/** Validate `source` and compile it when it has no errors. */
export function loadTemplate(source: string): LoadedTemplate {
  const validation = validateTemplate(source);
  if (!validation.template) return { issues: validation.issues };
  return { compiled: compileTemplate(validation.template), warnings: validation.issues };
}
