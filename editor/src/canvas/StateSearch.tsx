/**
 * Find a state by its Chinese or English title or its key, and jump to it: the match is selected
 * and the view moves to it (Enter goes to the next match). For large graphs, where fitting
 * everything leaves the text too small to read.
 */
import { useState } from 'react';
import { Panel, useReactFlow } from '@xyflow/react';
import { useActions, useEditor, useT } from '../state/editor-context.js';

/** The search box on the canvas. */
export function StateSearch() {
  const t = useT();
  const { store } = useActions();
  const nodes = useEditor((s) => s.graph.nodes);
  const flow = useReactFlow();
  const [text, setText] = useState('');
  const [at, setAt] = useState(0);
  const needle = text.trim().toLowerCase();
  const matches = needle
    ? nodes.filter((n) => {
        const title = n.title;
        const words =
          title === undefined ? [] : typeof title === 'string' ? [title] : [title.zh, title.en];
        return [n.id, ...words].some((w) => w?.toLowerCase().includes(needle));
      })
    : [];
  const jump = () => {
    const found = matches[at % Math.max(matches.length, 1)];
    if (!found) return;
    store.getState().select({ kind: 'state', id: found.id });
    // Two frames later: a state inside a folded group is drawn only once the group unfolds.
    requestAnimationFrame(() =>
      requestAnimationFrame(
        () =>
          void flow.fitView({
            nodes: [{ id: found.id }],
            maxZoom: 1.2,
            minZoom: 0.5,
            duration: 200,
          }),
      ),
    );
    setAt(at + 1);
  };
  return (
    <Panel position="top-right" className="state-search">
      <input
        type="search"
        value={text}
        placeholder={`⌕ ${t('searchState')}`}
        aria-label={t('searchState')}
        data-testid="state-search"
        onChange={(e) => {
          setText(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => e.key === 'Enter' && jump()}
      />
      {needle && (
        <span className={matches.length ? 'hint' : 'check-bad'}>
          {matches.length
            ? `${Math.min(at, matches.length) || 1}/${matches.length}`
            : t('searchNone')}
        </span>
      )}
    </Panel>
  );
}
