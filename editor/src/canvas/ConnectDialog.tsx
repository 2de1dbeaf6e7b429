/** After drawing a connection: which event moves the case (a declared one, a new one, or a timer)? */
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import type { PendingConnect } from './use-canvas-handlers.js';
import { addEvent, addTimer, addTransition, setValue, statePath } from '../model/index.js';
import { NewName } from '../panels/TemplateInspector.js';

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
  const connect = (make: 'event' | 'timer', event?: string, title?: { zh: string; en: string }) => {
    const id = store.getState().edit((doc) => {
      if (make === 'timer') return addTimer(doc, pending.source, pending.target);
      // A new event is named as people say it; its senders start as the state's worklist roles.
      if (title) {
        addEvent(doc, event!, title);
        const roles = doc.getIn([...statePath(pending.source), 'roles']);
        if (roles !== undefined)
          setValue(doc, ['events', event!, 'roles'], (roles as { toJSON(): unknown }).toJSON());
      }
      return addTransition(doc, pending.source, event!, pending.target);
    });
    if (id)
      store
        .getState()
        .select(
          pending.selectTarget ? { kind: 'state', id: pending.target } : { kind: 'edge', id },
        );
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
        <label>{t('newEvent')}</label>
        <NewName
          testId="connect-new-event"
          button={t('newEvent')}
          taken={Object.keys(events)}
          fallback="event"
          onAdd={(key, title) => connect('event', key, title)}
        />
        <div className="actions">
          <button onClick={() => connect('timer')}>◷ {t('timerInstead')}</button>
          <button onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}
