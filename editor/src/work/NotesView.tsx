/** The `notify` messages for my roles and my cases, read or unread, each linked to its case. */
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useLang, useText } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';
import { PushToggle } from './PushToggle.js';
import { loadNotes, markRead, useWork } from './work-store.js';

/** The list of messages, and alerts on this phone above it. */
export function NotesView() {
  const t = useText();
  const lang = useLang();
  const notes = useWork((s) => s.notes);
  useEffect(() => {
    void loadNotes();
  }, []);
  return (
    <main className="work-notes">
      <PushToggle />
      {notes.length === 0 && <p className="work-empty">{t('workNotesEmpty')}</p>}
      <ul className="work-items" data-testid="work-notes">
        {notes.map((n) => (
          <li key={n.id} className={`work-note${n.read ? '' : ' unread'}`} data-testid="work-note">
            <p>
              {!n.read && <span className="work-badge">{t('workUnread')}</span>}
              {pickLabel(n.message, lang)}
            </p>
            <p className="work-note-meta">
              <time>{new Date(n.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</time>
              <Link
                to={`/work/cases/${n.caseId}`}
                onClick={() => !n.read && void markRead([n.id])}
                className="work-button small"
              >
                {t('workOpenCase')}
              </Link>
              {!n.read && (
                <button
                  className="work-button small"
                  onClick={() => void markRead([n.id])}
                  data-testid="work-note-read"
                >
                  {t('workMarkRead')}
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
