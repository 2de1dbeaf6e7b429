/**
 * Keyboard shortcuts, as designers know them from Camunda Modeler and Stately Studio. Ignored while
 * typing in an input or the YAML editor, which have their own undo and copy.
 */
import { useEffect } from 'react';
import { useActions } from './editor-context.js';
import { addState, deleteState, deleteTransition, pasteState, statePath } from '../model/index.js';
import { translate } from '../i18n/messages.js';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null;

/** Install the shortcuts for the app's lifetime. */
export function useShortcuts(): void {
  const { store, remote } = useActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        void remote.saveDraft();
        return;
      }
      if (typing(e.target) || s.diff) return;
      const sel = s.selection;
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) s.redo();
      else if ((e.key === 'Delete' || e.key === 'Backspace') && sel.kind === 'state') {
        s.edit((doc) => deleteState(doc, sel.id));
        s.select({ kind: 'template' });
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && sel.kind === 'edge') {
        const edge = s.graph.edges.find((x) => x.id === sel.id);
        if (edge) s.edit((doc) => deleteTransition(doc, edge));
        s.select({ kind: 'template' });
      } else if (mod && key === 'c' && sel.kind === 'state') {
        s.set({
          clipboard: {
            key: sel.id.split('.').at(-1)!,
            value: valueAt(s.template, statePath(sel.id)),
          },
        });
      } else if (mod && key === 'v' && s.clipboard) {
        const clip = s.clipboard;
        const parent =
          sel.kind === 'state' ? s.graph.nodes.find((n) => n.id === sel.id)?.parentId : undefined;
        const box = sel.kind === 'state' ? s.boxes.get(sel.id) : undefined;
        const id = s.edit((doc) =>
          pasteState(
            doc,
            parent,
            clip.key,
            clip.value,
            box ? { x: box.x + 30, y: box.y + 30 } : undefined,
          ),
        );
        if (id) s.select({ kind: 'state', id });
      } else if (!mod && key === 'n') {
        const id = s.edit((doc) =>
          addState(doc, {
            key: 'state',
            uniqueKey: true,
            title: { zh: translate('zh', 'newState'), en: translate('en', 'newState') },
          }),
        );
        if (id) s.select({ kind: 'state', id });
      } else if (e.key === 'F2' && sel.kind === 'state') {
        e.preventDefault();
        window.dispatchEvent(new Event('relief:rename'));
      } else if (e.key === 'Escape') s.select({ kind: 'template' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, remote]);
}

/** The state's value as plain data (what copy keeps). */
function valueAt(value: unknown, path: (string | number)[]): unknown {
  return structuredClone(
    path.reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      value,
    ),
  );
}
