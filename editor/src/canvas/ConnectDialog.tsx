/** After drawing a connection: which event moves the case (a declared one, a new one, or a timer)? */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import type { PendingConnect } from './use-canvas-handlers.js';
import { addTimer, addTransition } from '../model/index.js';

/** The dialog; closes itself through `onClose`. */
export function ConnectDialog({
  pending,
  onClose,
}: {
  pending: PendingConnect;
  onClose: () => void;
}) {
  const t = useT();
  const { store } = useActions();
  const events = useEditor((s) => s.template.events) ?? {};
  const lang = useEditor((s) => s.lang);
  const [fresh, setFresh] = useState('');
  const connect = (make: 'event' | 'timer', event?: string) => {
    const id = store
      .getState()
      .edit((doc) =>
        make === 'timer'
          ? addTimer(doc, pending.source, pending.target)
          : addTransition(doc, pending.source, event!, pending.target),
      );
    if (id) store.getState().select({ kind: 'edge', id });
    onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-label={t('chooseEvent')}
        onClick={(e) => e.stopPropagation()}
      >
        <h3>{t('chooseEvent')}</h3>
        <div className="hint">
          {pending.source} → {pending.target}
        </div>
        <ul className="list">
          {Object.entries(events).map(([name, def]) => (
            <li key={name}>
              <button onClick={() => connect('event', name)} data-event={name}>
                {labelText(def?.title, lang) ?? name}
              </button>
              <span className="hint">{name}</span>
            </li>
          ))}
        </ul>
        <label>{t('newEventName')}</label>
        <div className="row">
          <input
            value={fresh}
            onChange={(e) => setFresh(e.target.value.trim())}
            placeholder="e.g. approve"
            aria-label={t('newEventName')}
            onKeyDown={(e) =>
              e.key === 'Enter' && /^[a-z][A-Za-z0-9_.-]*$/.test(fresh) && connect('event', fresh)
            }
          />
          <button
            className="fixed primary"
            disabled={!/^[a-z][A-Za-z0-9_.-]*$/.test(fresh)}
            onClick={() => connect('event', fresh)}
          >
            {t('ok')}
          </button>
        </div>
        <div className="actions">
          <button onClick={() => connect('timer')}>◷ {t('timerInstead')}</button>
          <button onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}
