/** Nothing selected: the template's title and description, its roles and its events. */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { LabelFields } from './LabelFields.js';
import { addEvent, addRole } from '../model/index.js';

const NAME = /^[a-z][A-Za-z0-9_-]*$/;

/** The template overview. */
export function TemplateInspector() {
  const t = useT();
  const { store } = useActions();
  const template = useEditor((s) => s.template);
  const lang = useEditor((s) => s.lang);
  const [role, setRole] = useState('');
  const [event, setEvent] = useState('');
  const edit = store.getState().edit;
  return (
    <div data-testid="template-inspector">
      <h3>
        {t('template')} · <code>{String(template.id ?? '')}</code> v{String(template.version ?? '')}
      </h3>
      <LabelFields caption={t('title')} path={['title']} label={template.title} />
      <LabelFields caption={t('description')} path={['description']} label={template.description} />
      <h4>{t('roles')}</h4>
      <ul className="list">
        {Object.entries(template.roles ?? {}).map(([name, label]) => (
          <li key={name}>
            <code>{name}</code> {labelText(label, lang)}
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          value={role}
          onChange={(e) => setRole(e.target.value.trim())}
          placeholder="grid-worker"
          aria-label={t('addRole')}
        />
        <button
          className="fixed"
          disabled={!NAME.test(role)}
          onClick={() => {
            edit((doc) => addRole(doc, role, { zh: role, en: role }));
            setRole('');
          }}
        >
          ＋ {t('addRole')}
        </button>
      </div>
      <h4>{t('events')}</h4>
      <ul className="list">
        {Object.entries(template.events ?? {}).map(([name, def]) => (
          <li key={name}>
            <button onClick={() => store.getState().select({ kind: 'event', id: name })}>
              {labelText(def?.title, lang) ?? name}
            </button>
            <code>{name}</code>
            {def?.form && <span className="hint">✎</span>}
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          value={event}
          onChange={(e) => setEvent(e.target.value.trim())}
          placeholder="approve"
          aria-label={t('newEvent')}
        />
        <button
          className="fixed"
          disabled={!NAME.test(event)}
          onClick={() => {
            edit((doc) => addEvent(doc, event, { zh: event, en: event }));
            setEvent('');
          }}
        >
          ＋ {t('newEvent')}
        </button>
      </div>
      <p className="hint">{t('shortcuts')}</p>
    </div>
  );
}
