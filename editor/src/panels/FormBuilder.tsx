/**
 * The field builder: text, number, integer, yes/no, choice and date fields with bilingual titles
 * and descriptions, required, default, and bounds. One builder for an event's form, the case data
 * and the programme parameters (`at` says which).
 */
import type { JsonSchemaObject } from '@relief/engine';
import { useActions, useT } from '../state/editor-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { CommitInput } from './CommitInput.js';
import {
  keyFromTitle,
  parseDefault,
  removeSchemaField,
  setSchemaField,
  toFormFields,
} from '../model/index.js';
import type { FieldKind, FormField, SchemaPath } from '../model/index.js';

const KINDS: [FieldKind, MessageKey][] = [
  ['text', 'fieldText'],
  ['number', 'fieldNumber'],
  ['integer', 'fieldInteger'],
  ['boolean', 'fieldBoolean'],
  ['choice', 'fieldChoice'],
  ['date', 'fieldDate'],
];

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A key the builder made up itself, replaced by one from the English title once there is one. */
const PLACEHOLDER_KEY = /^field\d+$/;

/** The builder for the fields of the object schema at `at`. */
export function FormBuilder({
  at,
  form,
  caption,
  hint,
  testId,
}: {
  at: SchemaPath;
  form: JsonSchemaObject | undefined;
  caption?: string;
  hint?: string;
  testId?: string;
}) {
  const t = useT();
  const { store } = useActions();
  const fields = toFormFields(form);
  const id = at.join('-');
  const save = (field: FormField, previous = field.name) =>
    store.getState().edit((doc) => setSchemaField(doc, at, field, previous));
  const text = (label: FormField['title'], lang: 'zh' | 'en') =>
    label === undefined ? '' : typeof label === 'string' ? label : label[lang];
  const both = (label: FormField['title'], lang: 'zh' | 'en', v: string) => ({
    zh: lang === 'zh' ? v : text(label, 'zh'),
    en: lang === 'en' ? v : text(label, 'en'),
  });
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
  const setTitle = (f: FormField, lang: 'zh' | 'en', v: string) => {
    const title = both(f.title, lang, v);
    // A made-up key follows the English title, so nobody has to invent one.
    const name =
      lang === 'en' && PLACEHOLDER_KEY.test(f.name)
        ? keyFromTitle(
            v,
            fields.filter((o) => o !== f).map((o) => o.name),
            f.name,
          )
        : f.name;
    save({ ...f, name, title }, f.name);
  };
  return (
    <div data-testid={testId}>
      <h4>{caption ?? t('form')}</h4>
      {hint && <div className="hint">{hint}</div>}
      {fields.map((f) => (
        <div className="card" key={f.name} data-field={f.name}>
          <div className="row">
            {(['zh', 'en'] as const).map((lang) => (
              <CommitInput
                key={lang}
                value={text(f.title, lang)}
                placeholder={`${t('title')} (${t(lang)})`}
                aria-label={`${t('title')} (${t(lang)})`}
                data-testid={`field-title-${lang}`}
                onCommit={(v) => setTitle(f, lang, v)}
              />
            ))}
            <button
              className="fixed danger"
              aria-label={`${t('delete')} ${text(f.title, 'zh') || f.name}`}
              title={t('delete')}
              onClick={() => store.getState().edit((doc) => removeSchemaField(doc, at, f.name))}
            >
              ✕
            </button>
          </div>
          <div className="row">
            <select
              value={f.kind}
              aria-label={t('kind')}
              data-testid="field-kind"
              onChange={(e) =>
                save({
                  ...f,
                  kind: e.target.value as FieldKind,
                  options: f.options.length ? f.options : ['a', 'b'],
                  default: undefined,
                })
              }
            >
              {KINDS.map(([kind, key]) => (
                <option key={kind} value={kind}>
                  {t(key)}
                </option>
              ))}
            </select>
            <span className="fixed">
              <input
                type="checkbox"
                id={`req-${id}-${f.name}`}
                checked={f.required}
                onChange={() => save({ ...f, required: !f.required })}
              />{' '}
              <label htmlFor={`req-${id}-${f.name}`} style={{ display: 'inline' }}>
                {t('required')}
              </label>
            </span>
            <CommitInput
              value={f.name}
              aria-label={t('fieldKeyHint')}
              title={t('fieldKeyHint')}
              className="key-input"
              onCommit={(name) => KEY.test(name) && save({ ...f, name }, f.name)}
            />
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
                    .split(/[,，、]/)
                    .map((o) => o.trim())
                    .filter(Boolean),
                })
              }
            />
          )}
          <details>
            <summary className="hint">{t('fieldMore')}</summary>
            <div className="row">
              {(['zh', 'en'] as const).map((lang) => (
                <CommitInput
                  key={lang}
                  value={text(f.description, lang)}
                  placeholder={`${t('description')} (${t(lang)})`}
                  aria-label={`${t('description')} (${t(lang)})`}
                  onCommit={(v) =>
                    save({
                      ...f,
                      description:
                        v === '' && text(f.description, lang === 'zh' ? 'en' : 'zh') === ''
                          ? undefined
                          : both(f.description, lang, v),
                    })
                  }
                />
              ))}
            </div>
            <div className="row">
              <CommitInput
                value={
                  f.default === undefined
                    ? ''
                    : typeof f.default === 'object'
                      ? JSON.stringify(f.default)
                      : String(f.default as string | number | boolean)
                }
                placeholder={t('fieldDefault')}
                aria-label={t('fieldDefault')}
                onCommit={(v) => save({ ...f, default: parseDefault(f.kind, v) })}
              />
              {(f.kind === 'number' || f.kind === 'integer') &&
                (['minimum', 'maximum'] as const).map((bound) => (
                  <CommitInput
                    key={bound}
                    type="number"
                    value={f[bound] === undefined ? '' : String(f[bound])}
                    placeholder={t(bound === 'minimum' ? 'fieldMin' : 'fieldMax')}
                    aria-label={t(bound === 'minimum' ? 'fieldMin' : 'fieldMax')}
                    onCommit={(v) =>
                      save({ ...f, [bound]: v.trim() === '' ? undefined : Number(v) })
                    }
                  />
                ))}
            </div>
          </details>
        </div>
      ))}
      <button onClick={add} data-testid="add-field">
        ＋ {t('addField')}
      </button>
    </div>
  );
}
