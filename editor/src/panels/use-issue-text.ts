/** A finding's text in the current UI language. */
import type { TemplateIssue } from '@relief/engine';
import { issueText } from '../i18n/issue-text.js';
import { useEditor } from '../state/editor-context.js';

/** Returns a formatter bound to the current language. */
export function useIssueText(): (issue: TemplateIssue) => string {
  const lang = useEditor((s) => s.lang);
  return (issue) => issueText(issue, lang);
}
