/** The problems list: every finding with its place; a click selects the element and moves the YAML cursor. */
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { useIssueEngineText, useIssueText } from './use-issue-text.js';

/** The list. */
export function ProblemsPanel() {
  const t = useT();
  const { store } = useActions();
  const issues = useEditor((s) => s.validation.issues);
  const text = useIssueText();
  const engineText = useIssueEngineText();
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <>
      <div className="problems-head">
        {t('problems')} ·{' '}
        {issues.length === 0
          ? t('noProblems')
          : t('errorsWarnings', { e: errors, w: issues.length - errors })}
      </div>
      <ul className="problems" data-testid="problems">
        {issues.map((issue, i) => (
          <li
            key={`${issue.pointer}-${issue.code}-${i}`}
            onClick={() => store.getState().revealIssue(issue)}
            data-code={issue.code}
          >
            <span className={`sev-${issue.severity}`}>
              {issue.severity === 'error' ? '✗' : '⚠'} {t(issue.severity)}
            </span>
            <span className="where">
              {issue.line}:{issue.col}
            </span>
            <span>
              {text(issue)}
              <EngineText text={engineText(issue)} />
            </span>
            <code className="hint">{issue.code}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The engine's sentence under a finding's text, where that text says less (as code, in English). */
export function EngineText({ text }: { text: string | undefined }) {
  return text ? (
    <code className="engine-text" lang="en" data-testid="engine-text">
      {text}
    </code>
  ) : null;
}
