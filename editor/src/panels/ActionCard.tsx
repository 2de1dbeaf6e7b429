/** One action, edited by kind: set fields, ledger amounts, notify a role, emit, assign. */
import type { ReactElement } from 'react';
import { actionKeyOf, labelText } from '@relief/engine';
import type { Action, ActionKey, ActionOf, Label } from '@relief/engine';
import type { MessageKey } from '../i18n/messages.js';
import { useEditor, useT } from '../state/editor-context.js';
import { CommitInput } from './CommitInput.js';
import { DurationField } from './DurationField.js';
import { ExpressionField } from './ExpressionField.js';

interface Props {
  action: Action;
  event: string | undefined;
  onChange: (action: Action) => void;
  onRemove: () => void;
}

/** Each kind's name in the menu and on its card. */
export const ACTION_LABEL = {
  set: 'actionSet',
  ledger: 'actionLedger',
  notify: 'actionNotify',
  emit: 'actionEmit',
  assign: 'actionAssign',
  schedule: 'actionSchedule',
} as const satisfies Record<ActionKey, MessageKey>;

/** A card with the action's fields and a remove button. */
export function ActionCard({ action, event, onChange, onRemove }: Props) {
  const t = useT();
  const template = useEditor((s) => s.template);
  const lang = useEditor((s) => s.lang);
  const head = (title: string) => (
    <div className="row">
      <b>{title}</b>
      <button
        className="fixed danger"
        onClick={onRemove}
        aria-label={t('removeAction', { action: title })}
        title={t('removeAction', { action: title })}
      >
        ✕
      </button>
    </div>
  );
  const amounts = (action: ActionOf<'set'> | ActionOf<'ledger'>) => {
    const kind = 'set' in action ? 'set' : 'ledger';
    const entries = Object.entries('set' in action ? action.set : action.ledger);
    const names =
      kind === 'set'
        ? Object.keys(template.data?.properties ?? {})
        : Object.keys(template.ledgers ?? {});
    const update = (i: number, name: string, value: string | number | boolean) => {
      const next = Object.fromEntries(
        entries.map(([n, v], j) => (j === i ? [name, value] : [n, v])),
      );
      onChange(kind === 'set' ? { set: next } : { ledger: next });
    };
    return (
      <div className="card">
        {head(kind === 'set' ? t('actionSet') : t('actionLedger'))}
        {entries.map(([name, value], i) => (
          <div key={i}>
            <select
              value={name}
              aria-label={t('field')}
              onChange={(e) => update(i, e.target.value, value)}
            >
              {[...new Set([name, ...names])].map((n) => (
                <option key={n} value={n}>
                  {kind === 'set'
                    ? `${labelText(template.data?.properties?.[n]?.title, lang) ?? n} · ${n}`
                    : `${labelText(template.ledgers?.[n]?.title, lang) ?? n} · ${n}`}
                </option>
              ))}
            </select>
            <ExpressionField
              value={String(value)}
              event={event}
              expect={kind === 'set' ? 'any' : 'number'}
              onCommit={(v) => update(i, name, v)}
            />
          </div>
        ))}
        <button
          onClick={() =>
            update(
              entries.length,
              names.find((n) => !entries.some(([e]) => e === n)) ?? 'field',
              kind === 'set' ? "''" : 0,
            )
          }
        >
          ＋ {t('field')}
        </button>
      </div>
    );
  };
  // One form per action kind: a new kind without a form is a compile error here.
  const forms: { [K in ActionKey]: (action: ActionOf<K>) => ReactElement } = {
    set: amounts,
    ledger: amounts,
    notify: (action) => notifyForm(action),
    emit: (action) => (
      <div className="card">
        {head(t('actionEmit'))}
        <CommitInput
          value={action.emit}
          onCommit={(v) => onChange({ emit: v })}
          aria-label={t('actionEmit')}
        />
      </div>
    ),
    schedule: (action) => (
      <div className="card">
        {head(t('actionSchedule'))}
        <select
          value={action.schedule.event}
          aria-label={t('event')}
          onChange={(e) => onChange({ schedule: { ...action.schedule, event: e.target.value } })}
        >
          {[...new Set([action.schedule.event, ...Object.keys(template.events ?? {})])].map(
            (name) => (
              <option key={name} value={name}>
                {labelText(template.events?.[name]?.title, lang) ?? name}
              </option>
            ),
          )}
        </select>
        <DurationField
          value={action.schedule.delay}
          onCommit={(v) => onChange({ schedule: { ...action.schedule, delay: v } })}
        />
      </div>
    ),
    assign: (action) => (
      <div className="card">
        {head(t('actionAssign'))}
        <ExpressionField
          value={action.assign}
          event={event}
          expect="any"
          onCommit={(v) => onChange({ assign: v })}
        />
      </div>
    ),
  };
  const notifyForm = (action: ActionOf<'notify'>) => {
    const message: Label = action.notify.message;
    const text = (l: 'zh' | 'en') => (typeof message === 'string' ? message : message[l]);
    return (
      <div className="card">
        {head(t('actionNotify'))}
        <select
          value={action.notify.role}
          aria-label={t('roles')}
          onChange={(e) => onChange({ notify: { ...action.notify, role: e.target.value } })}
        >
          {[...new Set([action.notify.role, ...Object.keys(template.roles ?? {})])].map((r) => (
            <option key={r} value={r}>
              {labelText(template.roles?.[r], lang) ?? r}
            </option>
          ))}
        </select>
        {(['zh', 'en'] as const).map((l) => (
          <CommitInput
            key={l}
            value={text(l)}
            placeholder={`${t('message')} (${t(l)})`}
            onCommit={(v) =>
              onChange({
                notify: {
                  ...action.notify,
                  message: { zh: l === 'zh' ? v : text('zh'), en: l === 'en' ? v : text('en') },
                },
              })
            }
          />
        ))}
      </div>
    );
  };
  const key = actionKeyOf(action);
  return (forms[key] as (action: Action) => ReactElement)(action);
}
