/** The findings about one element, at the top of its inspector. */
import type { TemplateIssue } from '@relief/engine';
import { useActions } from '../state/editor-context.js';
import { EngineText } from './ProblemsPanel.js';
import { useIssueEngineText, useIssueText } from './use-issue-text.js';

/** Each finding with its line:column; click to see it in the YAML. */
export function IssueList({ issues }: { issues: TemplateIssue[] }) {
  const { store } = useActions();
  const text = useIssueText();
  const engineText = useIssueEngineText();
  return (
    <>
      {issues.map((issue, i) => (
        <div
          key={i}
          className={issue.severity === 'error' ? 'check-bad' : 'hint'}
          style={{ cursor: 'pointer' }}
          onClick={() => store.getState().revealIssue(issue)}
        >
          {issue.severity === 'error' ? '✗' : '⚠'}{' '}
          <span className="where">
            {issue.line}:{issue.col}
          </span>{' '}
          {text(issue)}
          <EngineText text={engineText(issue)} />
        </div>
      ))}
    </>
  );
}
