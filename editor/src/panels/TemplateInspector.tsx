/**
 * Nothing selected: the template's title and description, its case-data fields and parameters,
 * its roles and its events. Everything a template needs can be declared here without YAML.
 */
import { useState } from 'react';
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { FormBuilder } from './FormBuilder.js';
import { LabelFields } from './LabelFields.js';
import { addEvent, addRole, keyFromTitle } from '../model/index.js';

/** The template overview. */
export function TemplateInspector() {
  const t = useT();
  const { store } = useActions();
  const template = useEditor((s) => s.template);
  const lang = useEditor((s) => s.lang);
  const edit = store.getState().edit;
  const roles = template.roles ?? {};
  const events = template.events ?? {};
  return (
    <div data-testid="template-inspector">
      <h3>
        {t('template')} · <code>{String(template.id ?? '')}</code> v{String(template.version ?? '')}
      </h3>
      <LabelFields caption={t('title')} path={['title']} label={template.title} />
      <LabelFields
        caption={t('description')}
        path={['description']}
        label={template.description}
        multiline
      />
      <FormBuilder
        at={['data']}
        form={template.data}
        caption={t('dataFields')}
        hint={t('dataFieldsHint')}
        testId="data-fields"
      />
      <FormBuilder
        at={['parameters']}
        form={template.parameters}
        caption={t('paramFields')}
        hint={t('paramFieldsHint')}
        testId="param-fields"
      />
      <h4>{t('roles')}</h4>
      {Object.entries(roles).map(([name, label]) => (
        <div key={name} data-role={name}>
          <LabelFields
            caption={`${t('roleTitle')} · ${name}`}
            path={['roles', name]}
            label={label}
          />
        </div>
      ))}
      <NewName
        testId="add-role"
        button={t('addRole')}
        taken={Object.keys(roles)}
        fallback="role"
        onAdd={(key, title) => edit((doc) => addRole(doc, key, title))}
      />
      <h4>{t('events')}</h4>
      <ul className="list">
        {Object.entries(events).map(([name, def]) => (
          <li key={name}>
            <button onClick={() => store.getState().select({ kind: 'event', id: name })}>
              {labelText(def?.title, lang) ?? name}
            </button>
            <code>{name}</code>
            {def?.form && <span className="hint">✎</span>}
          </li>
        ))}
      </ul>
      <NewName
        testId="add-event"
        button={t('newEvent')}
        taken={Object.keys(events)}
        fallback="event"
        onAdd={(key, title) => edit((doc) => addEvent(doc, key, title))}
      />
      <p className="hint">{t('shortcuts')}</p>
    </div>
  );
}

/**
 * A new role or event named as people say it: a Chinese and an English name; the key is made
 * from the English name (shown, and editable for those who care).
 */
export function NewName({
  button,
  taken,
  fallback,
  onAdd,
  testId,
}: {
  button: string;
  taken: string[];
  fallback: string;
  onAdd: (key: string, title: { zh: string; en: string }) => void;
  testId?: string;
}) {
  const t = useT();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [key, setKey] = useState('');
  const auto = keyFromTitle(en, taken, `${fallback}${taken.length + 1}`);
  const chosen = key || auto;
  const valid = /^[a-z][A-Za-z0-9_-]*$/.test(chosen) && !taken.includes(chosen) && zh.trim() !== '';
  const add = () => {
    if (!valid) return;
    onAdd(chosen, { zh: zh.trim(), en: en.trim() || zh.trim() });
    setZh('');
    setEn('');
    setKey('');
  };
  return (
    <div className="card new-name" data-testid={testId}>
      <div className="row">
        <input
          value={zh}
          onChange={(e) => setZh(e.target.value)}
          placeholder={t('nameZh')}
          aria-label={`${button} · ${t('nameZh')}`}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <input
          value={en}
          onChange={(e) => setEn(e.target.value)}
          placeholder={t('nameEn')}
          aria-label={`${button} · ${t('nameEn')}`}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
      </div>
      <div className="row">
        <input
          value={key}
          onChange={(e) => setKey(e.target.value.trim())}
          placeholder={`${t('keyAuto')}: ${auto}`}
          aria-label={t('keyAuto')}
          className="key-input"
        />
        <button className="fixed" disabled={!valid} onClick={add}>
          ＋ {button}
        </button>
      </div>
    </div>
  );
}
