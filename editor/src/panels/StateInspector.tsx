/** A state: key (rename), labels, kind, initial, roles, entry/exit actions and its timers. */
import { useEffect, useRef } from 'react';
import { labelText } from '@relief/engine';
import type { Action, Label } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { ActionsEditor } from './ActionsEditor.js';
import { CommitInput } from './CommitInput.js';
import { IssueList } from './IssueList.js';
import { LabelFields } from './LabelFields.js';
import { RolesField } from './RolesField.js';
import {
  addTimer,
  deleteState,
  humanDuration,
  keyFromTitle,
  renameState,
  setInitial,
  setStateType,
  statePath,
} from '../model/index.js';
import type { StateNode } from '../model/index.js';

/** The inspector of one state. */
export function StateInspector({ node }: { node: StateNode }) {
  const t = useT();
  const { store } = useActions();
  const edges = useEditor((s) => s.graph.edges);
  const lang = useEditor((s) => s.lang);
  const states = useEditor((s) => s.graph.nodes);
  const markers = useEditor((s) => s.markers);
  const timers = edges.filter((e) => e.source === node.id && e.kind === 'timer');
  // The state's own transitions, in order: what a designer checks before adding another.
  const outgoing = edges.filter((e) => e.source === node.id && e.kind !== 'timer');
  const events = useEditor((s) => s.template.events);
  const issues = markers.get(node.id) ?? [];
  const keyInput = useRef<HTMLInputElement>(null);
  const path = statePath(node.id);
  const edit = store.getState().edit;
  useEffect(() => {
    const focus = () => keyInput.current?.select();
    window.addEventListener('relief:rename', focus);
    return () => window.removeEventListener('relief:rename', focus);
  }, []);
  const rename = (key: string) => {
    const id = edit((doc) => renameState(doc, node.id, key));
    if (id) store.getState().select({ kind: 'state', id });
  };
  const kind = node.kind === 'compound' ? 'atomic' : node.kind;
  return (
    <div data-testid="state-inspector">
      <h3>
        {t('state')} · <code>{node.id}</code>
      </h3>
      <IssueList issues={issues} />
      <label>{t('key')}</label>
      <CommitInput
        ref={keyInput}
        value={node.key}
        onCommit={rename}
        aria-label={t('key')}
        data-testid="state-key"
      />
      <LabelFields
        caption={t('title')}
        path={[...path, 'title']}
        label={node.title}
        testId="state-title"
        after={(doc, lang, value) => {
          // A key the editor made up (`state`, `state2`) follows the English title.
          if (lang !== 'en' || !/^state\d*$/.test(node.key)) return;
          const siblings = node.id.includes('.')
            ? states.filter((s) => s.parentId === node.parentId)
            : states.filter((s) => !s.parentId);
          const key = keyFromTitle(
            value,
            siblings.map((s) => s.key),
            node.key,
          );
          return key === node.key ? undefined : renameState(doc, node.id, key);
        }}
      />
      <LabelFields
        caption={t('description')}
        multiline
        path={[...path, 'description']}
        label={node.own.description as Label | undefined}
      />
      <label>{t('kind')}</label>
      <div className="row">
        <select
          value={kind}
          aria-label={t('kind')}
          onChange={(e) => edit((doc) => setStateType(doc, node.id, e.target.value as 'atomic'))}
        >
          <option value="atomic">
            {node.kind === 'compound' ? t('kindCompound') : t('kindAtomic')}
          </option>
          <option value="parallel">{t('kindParallel')}</option>
          <option value="final">{t('kindFinal')}</option>
        </select>
        <button
          className="fixed"
          disabled={node.initial || node.region}
          onClick={() => edit((doc) => setInitial(doc, node.id))}
        >
          ▶ {t('makeInitial')}
        </button>
      </div>
      <RolesField path={[...path, 'roles']} roles={node.own.roles as string[] | undefined} />
      {outgoing.length > 0 && (
        <>
          <h4>{t('outgoing')}</h4>
          <ul className="list" data-testid="state-outgoing">
            {outgoing.map((e) => (
              <li key={e.id}>
                <button onClick={() => store.getState().select({ kind: 'edge', id: e.id })}>
                  {labelText(events?.[e.event!]?.title, lang) ?? e.event} →{' '}
                  {e.target === undefined
                    ? t('stayInPlace')
                    : (labelText(states.find((n) => n.id === e.target)?.title, lang) ?? e.target)}
                </button>
                {e.guard && <code className="hint">[{e.guard}]</code>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('timers')}</h4>
      {timers.map((timer) => (
        <div className="card row" key={timer.id}>
          <span>
            ◷ {humanDuration(timer.delay, lang)} → {timer.targetText ?? t('stayInPlace')}
          </span>
          <button
            className="fixed"
            onClick={() => store.getState().select({ kind: 'edge', id: timer.id })}
          >
            …
          </button>
        </div>
      ))}
      <button
        onClick={() => {
          const id = edit((doc) => addTimer(doc, node.id, undefined));
          if (id) store.getState().select({ kind: 'edge', id });
        }}
        disabled={node.kind === 'final'}
      >
        ＋ {t('addTimer')}
      </button>
      <ActionsEditor
        caption={t('entryActions')}
        path={[...path, 'entry']}
        actions={node.own.entry as Action[] | undefined}
        event={undefined}
      />
      <ActionsEditor
        caption={t('exitActions')}
        path={[...path, 'exit']}
        actions={node.own.exit as Action[] | undefined}
        event={undefined}
      />
      <h4> </h4>
      <button
        className="danger"
        onClick={() => {
          edit((doc) => deleteState(doc, node.id));
          store.getState().select({ kind: 'template' });
        }}
      >
        {t('delete')}
      </button>
    </div>
  );
}
