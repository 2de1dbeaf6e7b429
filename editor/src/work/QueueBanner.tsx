/** What is still waiting to be sent: always visible while anything is, so nothing is lost silently. */
import { Link } from 'react-router';
import { useLang, useText } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';
import { problemText } from '../shell/problem-text.js';
import { ApiProblem } from '../api/api-problem.js';
import { flushQueue, useWork } from './work-store.js';
import { caseName } from './WorklistView.js';

/** The queue's banner and its entries. */
export function QueueBanner() {
  const t = useText();
  const lang = useLang();
  const queue = useWork((s) => s.queue);
  const flushing = useWork((s) => s.flushing);
  const signInNeeded = useWork((s) => s.signInNeeded);
  const items = useWork((s) => s.items);
  // Whose case each record is about, as the list names it (the list may no longer hold it).
  const nameOf = (caseId: string) => {
    const item = items.find((i) => i.case.id === caseId);
    return item ? `${caseName(item)} · ` : '';
  };
  if (queue.length === 0) return null;
  return (
    <section className="work-queue" data-testid="work-queue" aria-live="polite">
      <div className="work-queue-head">
        <strong data-testid="work-queue-count">{t('workQueued', { n: queue.length })}</strong>
        <button
          className="work-button small"
          disabled={flushing}
          onClick={() => void flushQueue()}
          data-testid="work-send-now"
        >
          {flushing ? t('workSending') : t('workSendNow')}
        </button>
      </div>
      {signInNeeded && (
        <p className="work-queue-signin" role="alert" data-testid="work-sign-in-needed">
          {t('workSignInToSend')}{' '}
          <Link to={`/sign-in?next=${encodeURIComponent('/work')}`}>{t('workSignInAgain')}</Link>
        </p>
      )}
      <ol>
        {queue.map((q) => (
          <li key={q.seq} className={`work-queue-item ${q.status}`} data-testid="work-queue-item">
            <Link to={`/work/cases/${q.caseId}`}>
              {nameOf(q.caseId)}
              {pickLabel(q.title, lang, q.type)} ·{' '}
              {q.status === 'conflict'
                ? t('workConflictTitle')
                : q.status === 'refused'
                  ? t('workFailed', {
                      reason: problemText(
                        new ApiProblem(400, q.problem?.code ?? '', q.problem?.detail ?? '', []),
                        lang,
                      ),
                    })
                  : t('workQueuedOne')}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
