/** The event form builder: fields of kind text, number, integer, yes/no, choice or date. */
import type { JsonSchemaObject } from '@relief/engine';
import { useActions, useT } from '../state/editor-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { CommitInput } from './CommitInput.js';
import { removeFormField, setFormField, toFormFields } from '../model/index.js';
import type { FieldKind, FormField } from '../model/index.js';

const KINDS: [FieldKind, MessageKey][] = [
  ['text', 'fieldText'],
  ['number', 'fieldNumber'],
  ['integer', 'fieldInteger'],
  ['boolean', 'fieldBoolean'],
  ['choice', 'fieldChoice'],
  ['date', 'fieldDate'],
];

/** The builder for one event's form. */
export function FormBuilder({
  event,
  form,
}: {
  event: string;
  form: JsonSchemaObject | undefined;
}) {
  const t = useT();
  const { store } = useActions();
  const fields = toFormFields(form);
  const save = (field: FormField, previous = field.name) =>
    store.getState().edit((doc) => setFormField(doc, event, field, previous));
  const title = (f: FormField, lang: 'zh' | 'en') =>
    f.title === undefined ? '' : typeof f.title === 'string' ? f.title : f.title[lang];
  const add = () => {
    let n = fields.length + 1;
    while (fields.some((f) => f.name === `field${n}`)) n++;
    save({
      name: `field${n}`,
      kind: 'text',
      title: { zh: `字段${n}`, en: `Field ${n}` },
      required: false,
      options: [],
    });
  };
  return (
    <>
      <h4>{t('form')}</h4>
      {fields.map((f) => (
        <div className="card" key={f.name} data-field={f.name}>
          <div className="row">
            <CommitInput
              value={f.name}
              aria-label={t('key')}
              onCommit={(name) =>
                /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && save({ ...f, name }, f.name)
              }
            />
            <select
              value={f.kind}
              aria-label={t('kind')}
              onChange={(e) =>
                save({
                  ...f,
                  kind: e.target.value as FieldKind,
                  options: f.options.length ? f.options : ['a', 'b'],
                })
              }
            >
              {KINDS.map(([kind, key]) => (
                <option key={kind} value={kind}>
                  {t(key)}
                </option>
              ))}
            </select>
            <button
              className="fixed danger"
              aria-label={t('delete')}
              onClick={() => store.getState().edit((doc) => removeFormField(doc, event, f.name))}
            >
              ✕
            </button>
          </div>
          <div className="row">
            {(['zh', 'en'] as const).map((lang) => (
              <CommitInput
                key={lang}
                value={title(f, lang)}
                placeholder={`${t('title')} (${t(lang)})`}
                onCommit={(v) =>
                  save({
                    ...f,
                    title: {
                      zh: lang === 'zh' ? v : title(f, 'zh'),
                      en: lang === 'en' ? v : title(f, 'en'),
                    },
                  })
                }
              />
            ))}
          </div>
          {f.kind === 'choice' && (
            <CommitInput
              value={f.options.join(', ')}
              placeholder={t('options')}
              aria-label={t('options')}
              onCommit={(v) =>
                save({
                  ...f,
                  options: v
                    .split(/[,，]/)
                    .map((o) => o.trim())
                    .filter(Boolean),
                })
              }
            />
          )}
          <span>
            <input
              type="checkbox"
              id={`req-${event}-${f.name}`}
              checked={f.required}
              onChange={() => save({ ...f, required: !f.required })}
            />{' '}
            <label htmlFor={`req-${event}-${f.name}`} style={{ display: 'inline' }}>
              {t('required')}
            </label>
          </span>
        </div>
      ))}
      <button onClick={add}>＋ {t('addField')}</button>
    </>
  );
}
