/**
 * Beside the canvas while two versions are compared: every change of the engine's semantic diff
 * in words (a click selects its node or edge), and for the selected node or edge what changed in
 * it, property by property, with the old and the new value.
 */
import type { TemplateChange } from '@relief/engine';
import type { MessageKey } from '../i18n/messages.js';
import { changeSubject, propertyChanges } from '../i18n/template-change-text.js';
import { useActions, useEditor, useT } from '../state/editor-context.js';

const isEdge = (id: string) => id.startsWith('on:') || id.startsWith('after:');

/** The list and the detail (nothing when the diff has no semantic part). */
export function DiffList() {
  const t = useT();
  const { store } = useActions();
  const lang = useEditor((s) => s.lang);
  const semantic = useEditor((s) => s.diff?.semantic);
  const selection = useEditor((s) => s.selection);
  if (!semantic) return null;
  const { changes, marks, older, newer } = semantic;
  const selectedId =
    selection.kind === 'state' || selection.kind === 'edge' ? selection.id : undefined;
  const selected = selectedId ? (marks.byElement.get(selectedId) ?? []) : [];
  const kind = (c: TemplateChange) => t(`changeKind.${c.kind}` as MessageKey);
  const pick = (i: number) => {
    const id = marks.elementsOf[i]?.[0];
    if (id) store.getState().select({ kind: isEdge(id) ? 'edge' : 'state', id });
  };
  return (
    <aside className="diff-side" data-testid="diff-list" aria-label={t('diffListTitle')}>
      <h4>
        {t('diffListTitle')} · {changes.length}
      </h4>
      {changes.length === 0 && <p className="hint">{t('diffNothing')}</p>}
      <ul className="diff-items">
        {changes.map((c, i) => (
          <li key={i}>
            <button
              className={`diff-item diff-${c.change}${
                selectedId && marks.elementsOf[i]?.includes(selectedId) ? ' picked' : ''
              }`}
              onClick={() => pick(i)}
              disabled={!marks.elementsOf[i]?.length}
              data-kind={c.kind}
              data-key={c.key}
            >
              <span className={`change-tag ${c.change}`}>{t(c.change)}</span>
              <span className="hint">{kind(c)}</span> {changeSubject(c, older, newer, lang)}
            </button>
          </li>
        ))}
      </ul>
      <section className="diff-detail" data-testid="diff-detail">
        <h4>{t('diffFieldDetail')}</h4>
        {selected.length === 0 && <p className="hint">{t('diffNoDetail')}</p>}
        {selected.map((c, i) => {
          const rows = propertyChanges(c, older, newer, lang);
          return (
            <div key={i} className="diff-detail-item">
              <p>
                <span className={`change-tag ${c.change}`}>{t(c.change)}</span> {kind(c)}{' '}
                <b>{changeSubject(c, older, newer, lang)}</b>
              </p>
              {rows.length > 0 && (
                <table className="diff-values">
                  <thead>
                    <tr>
                      <th />
                      <th>{t('diffOld')}</th>
                      <th>{t('diffNew')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.path} data-path={r.path}>
                        <th>{r.name}</th>
                        <td className="old">{r.before}</td>
                        <td className="new">{r.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </section>
    </aside>
  );
}
