/** The bottom line: the last notice (with the server's findings), or the validation summary. */
import { useActions, useEditor, useT } from '../state/editor-context.js';

/** The status bar. */
export function StatusBar() {
  const t = useT();
  const notice = useEditor((s) => s.notice);
  const { remote } = useActions();
  const issues = useEditor((s) => s.validation.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <footer className="status" data-testid="status">
      {notice ? (
        <span className={notice.kind} title={notice.details?.join('\n')} data-testid="notice">
          {notice.key ? t(notice.key, notice.args) : notice.text}
          {notice.details &&
            notice.details.length > 0 &&
            ` — ${notice.details.slice(0, 3).join('; ')}`}
          {notice.conflict && (
            <button
              className="link"
              data-testid="see-other-change"
              onClick={() =>
                void remote.seeOtherChange(notice.conflict!.id, notice.conflict!.version)
              }
            >
              {t('seeOtherChange')}
            </button>
          )}
        </span>
      ) : (
        <span>{t('errorsWarnings', { e: errors, w: issues.length - errors })}</span>
      )}
    </footer>
  );
}
