/** A transition or timer: event, target, guard (live-checked), delay, order among its event's list, actions. */
import { labelText } from '@relief/engine';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { ActionsEditor } from './ActionsEditor.js';
import { DurationField } from './DurationField.js';
import { ConditionBuilder } from './ConditionBuilder.js';
import { IssueList } from './IssueList.js';
import { LabelFields } from './LabelFields.js';
import {
  deleteTransition,
  edgePath,
  moveTransition,
  setTransitionEvent,
  setTransitionField,
  setTransitionTarget,
  transitionMap,
} from '../model/index.js';
import type { TransitionEdge } from '../model/index.js';

/** The inspector of one edge. */
export function TransitionInspector({ edge }: { edge: TransitionEdge }) {
  const t = useT();
  const { store } = useActions();
  const lang = useEditor((s) => s.lang);
  const states = useEditor((s) => s.graph.nodes);
  const events = useEditor((s) => s.template.events) ?? {};
  const markers = useEditor((s) => s.markers);
  const issues = [
    ...(markers.get(edge.id) ?? []),
    ...(edge.target === undefined
      ? (markers.get(edge.source) ?? []).filter((i) => i.pointer.startsWith(edge.pointer))
      : []),
  ];
  const asMap = (doc: Parameters<typeof transitionMap>[0]) => void transitionMap(doc, edge);
  const edit = store.getState().edit;
  const select = (id: string | undefined) => id && store.getState().select({ kind: 'edge', id });
  const timer = edge.kind === 'timer';
  const path = edgePath(edge);
  return (
    <div data-testid="transition-inspector">
      <h3>
        {timer ? `◷ ${t('timer')}` : t('transition')} · <code>{edge.source}</code>
      </h3>
      <IssueList issues={issues} />
      {timer ? (
        <>
          <label>{t('delay')}</label>
          <DurationField
            value={edge.delay ?? ''}
            testId="timer-delay"
            onCommit={(v) => edit((doc) => setTransitionField(doc, edge, 'delay', v))}
          />
        </>
      ) : (
        <>
          <label>{t('event')}</label>
          <select
            value={edge.event}
            aria-label={t('event')}
            onChange={(e) => select(edit((doc) => setTransitionEvent(doc, edge, e.target.value)))}
          >
            {[...new Set([edge.event!, ...Object.keys(events)])].map((name) => (
              <option key={name} value={name}>
                {labelText(events[name]?.title, lang) ?? name} ({name})
              </option>
            ))}
          </select>
          <button
            style={{ marginTop: 4 }}
            onClick={() => store.getState().select({ kind: 'event', id: edge.event! })}
          >
            {t('event')}: {edge.event} …
          </button>
        </>
      )}
      <label>{t('target')}</label>
      <select
        value={edge.target ?? (edge.targetText ? `?${edge.targetText}` : '')}
        aria-label={t('target')}
        onChange={(e) =>
          edit((doc) =>
            setTransitionTarget(doc, edge, e.target.value === '' ? undefined : e.target.value),
          )
        }
      >
        <option value="">{t('stayInPlace')}</option>
        {edge.target === undefined && edge.targetText && (
          <option value={`?${edge.targetText}`}>✗ {edge.targetText}</option>
        )}
        {states.map((s) => (
          <option key={s.id} value={s.id}>
            {labelText(s.title, lang) ?? s.key} ({s.id})
          </option>
        ))}
      </select>
      <label>{t('guard')}</label>
      <ConditionBuilder
        key={edge.id}
        value={edge.guard ?? ''}
        event={edge.event}
        onCommit={(v) => edit((doc) => setTransitionField(doc, edge, 'guard', v))}
      />
      {edge.shape === 'list' && (
        <div className="row" style={{ marginTop: 6 }}>
          <span className="hint">#{edge.index + 1}</span>
          <button onClick={() => select(edit((doc) => moveTransition(doc, edge, -1)))}>
            ↑ {t('moveUp')}
          </button>
          <button onClick={() => select(edit((doc) => moveTransition(doc, edge, 1)))}>
            ↓ {t('moveDown')}
          </button>
        </div>
      )}
      <LabelFields
        caption={t('description')}
        multiline
        path={[...path, 'description']}
        label={edge.transition.description}
        prepare={asMap}
      />
      <ActionsEditor
        caption={t('actions')}
        path={[...path, 'actions']}
        actions={edge.transition.actions}
        event={edge.event}
        prepare={asMap}
      />
      <h4> </h4>
      <button
        className="danger"
        onClick={() => {
          edit((doc) => deleteTransition(doc, edge));
          store.getState().select({ kind: 'state', id: edge.source });
        }}
      >
        {t('delete')}
      </button>
    </div>
  );
}
