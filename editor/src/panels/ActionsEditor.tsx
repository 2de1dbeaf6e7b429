/** An action list (transition actions, entry, exit): one card per action, by kind. */
import type { Action, ActionKey } from '@relief/engine';
import type { Document } from 'yaml';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { ACTION_LABEL, ActionCard } from './ActionCard.js';
import { setActions } from '../model/index.js';
import type { DocPath } from '../model/index.js';

/** A new action of each kind, as added from the menu; every action key must have one. */
const BLANK = {
  set: { set: { field: 'data.field' } },
  ledger: { ledger: { name: -1 } },
  notify: { notify: { role: 'role', message: { zh: '', en: '' } } },
  emit: { emit: 'something.happened' },
  assign: { assign: 'event.worker' },
  schedule: { schedule: { event: 'event', delay: 'P1D' } },
} satisfies Record<ActionKey, Action>;

const ACTION_KEYS = Object.keys(BLANK) as ActionKey[];

/** The list editor. */
export function ActionsEditor({
  caption,
  path,
  actions,
  event,
  prepare,
}: {
  caption: string;
  path: DocPath;
  actions: Action[] | undefined;
  event: string | undefined;
  prepare?: (doc: Document) => void;
}) {
  const t = useT();
  const { store } = useActions();
  const template = useEditor((s) => s.template);
  const list = Array.isArray(actions) ? actions : [];
  const write = (next: Action[]) =>
    store.getState().edit((doc) => {
      prepare?.(doc);
      setActions(doc, path, next);
    });
  const add = (kind: ActionKey) => {
    const blank: Action = structuredClone(BLANK[kind]);
    const dataFields = Object.keys(template.data?.properties ?? {});
    const formFields = Object.keys((event && template.events?.[event]?.form?.properties) || {});
    // Storing what the event's form asked for is the usual reason to set a field.
    const same = dataFields.find((f) => formFields.includes(f));
    const firstField = dataFields[0];
    if ('set' in blank && same) blank.set = { [same]: `event.${same}` };
    else if ('set' in blank && firstField) blank.set = { [firstField]: `data.${firstField}` };
    const firstRole = Object.keys(template.roles ?? {})[0];
    if ('notify' in blank && firstRole) blank.notify.role = firstRole;
    const firstLedger = Object.keys(template.ledgers ?? {})[0];
    if ('ledger' in blank && firstLedger) blank.ledger = { [firstLedger]: -1 };
    const firstEvent = Object.keys(template.events ?? {})[0];
    if ('schedule' in blank && firstEvent) blank.schedule.event = firstEvent;
    write([...list, blank]);
  };
  return (
    <>
      <h4>{caption}</h4>
      {list.map((action, i) => (
        <ActionCard
          key={i}
          action={action}
          event={event}
          onChange={(next) => write(list.map((a, j) => (j === i ? next : a)))}
          onRemove={() => write(list.filter((_a, j) => j !== i))}
        />
      ))}
      <select
        value=""
        aria-label={t('addAction')}
        onChange={(e) => e.target.value && add(e.target.value as ActionKey)}
      >
        <option value="">＋ {t('addAction')}…</option>
        {ACTION_KEYS.map((key) => (
          <option key={key} value={key}>
            {t(ACTION_LABEL[key])}
          </option>
        ))}
      </select>
    </>
  );
}
