/** The bottom line: the last notice (with the server's findings), or the validation summary. */
import { useEditor, useT } from '../state/editor-context.js';

/** The status bar. */
export function StatusBar() {
  const t = useT();
  const notice = useEditor((s) => s.notice);
  const issues = useEditor((s) => s.validation.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <footer className="status" data-testid="status">
      {notice ? (
        <span className={notice.kind} title={notice.details?.join('\n')} data-testid="notice">
          {notice.text}
          {notice.details &&
            notice.details.length > 0 &&
            ` — ${notice.details.slice(0, 3).join('; ')}`}
        </span>
      ) : (
        <span>{t('errorsWarnings', { e: errors, w: issues.length - errors })}</span>
      )}
    </footer>
  );
}
