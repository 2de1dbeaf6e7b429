/**
 * The Work area: a worker's phone. Worklist, case card, notifications, and the queue of what is
 * still waiting to be sent. Loaded on demand as its own chunk; installs as a PWA so it opens and
 * reads without a network.
 */
import { useEffect } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import '../styles/work.css';
import { useText } from '../shell/lang-store.js';
import { CaseCard } from './CaseCard.js';
import { NotesView } from './NotesView.js';
import { QueueBanner } from './QueueBanner.js';
import { WorklistView } from './WorklistView.js';
import { keepLoadedFiles, registerServiceWorker } from './register-service-worker.js';
import { startWork, useWork, watchNetwork } from './work-store.js';
import { warmJsonForm } from './lazy-json-form.js';

/** The area, with its tabs and pages. */
export default function WorkArea() {
  const t = useText();
  const count = useWork((s) => s.items.length);
  const unread = useWork((s) => s.unread);
  const online = useWork((s) => s.online);
  useEffect(() => {
    // The list first; then, while the phone is idle, the form's code, handed to the service
    // worker so that a form opens offline too.
    void Promise.all([startWork().catch(() => undefined), registerServiceWorker()])
      .then(warmJsonForm)
      .then(keepLoadedFiles)
      .catch(() => undefined);
    return watchNetwork();
  }, []);
  return (
    <div className="work" data-testid="work-area">
      <nav className="work-tabs" aria-label={t('areaWork')}>
        <NavLink end to="/work" data-testid="work-tab-list">
          {t('workTabList')} <span className="work-count">{count}</span>
        </NavLink>
        <NavLink to="/work/notifications" data-testid="work-tab-notes">
          {t('workTabNotes')}
          {unread > 0 && <span className="work-count unread">{unread}</span>}
        </NavLink>
      </nav>
      {!online && (
        <p className="work-offline" data-testid="work-offline" role="status">
          {t('workOffline')}
        </p>
      )}
      <QueueBanner />
      <Routes>
        <Route index element={<WorklistView />} />
        <Route path="cases/:caseId" element={<CaseCard />} />
        <Route path="notifications" element={<NotesView />} />
      </Routes>
    </div>
  );
}
