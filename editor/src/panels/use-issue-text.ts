/** A finding's text in the current UI language. */
import type { TemplateIssue } from '@relief/engine';
import { issueEngineText, issueText } from '../i18n/issue-text.js';
import { useEditor } from '../state/editor-context.js';

/** Returns a formatter bound to the current language. */
export function useIssueText(): (issue: TemplateIssue) => string {
  const lang = useEditor((s) => s.lang);
  return (issue) => issueText(issue, lang);
}

/** The engine's own sentence where the text in the UI language says less (see issueEngineText). */
export function useIssueEngineText(): (issue: TemplateIssue) => string | undefined {
  const lang = useEditor((s) => s.lang);
  return (issue) => issueEngineText(issue, lang);
}
