/** The red (or amber) count in a node's corner when the validator found something there. */
import type { TemplateIssue } from '@relief/engine';
import { useIssueText } from '../panels/use-issue-text.js';

/** Shows the number of findings; the tooltip lists them. */
export function IssueMarker({ issues }: { issues: TemplateIssue[] }) {
  const text = useIssueText();
  if (issues.length === 0) return null;
  const error = issues.some((i) => i.severity === 'error');
  return (
    <span
      className={`marker ${error ? '' : 'warning'}`}
      data-testid="issue-marker"
      title={issues.map(text).join('\n')}
    >
      {issues.length}
    </span>
  );
}
