/**
 * A comparison laid out as the open template is: the layered layout (ELK, in its worker) of the two
 * versions' graph together, edge labels measured as drawn, routed clear of states and of each
 * other. Until it arrives (or if it cannot be had) the per-level layout made when the comparison
 * opened stands, with labels at their curves' middles, where they overlapped.
 */
import { useEffect } from 'react';
import { layeredLayout } from '../model/index.js';
import { useActions, useEditor } from '../state/editor-context.js';
import { layeredInput } from './layout-labels.js';
import { labelMeasurer } from './use-layered-layout.js';

/** Lay the comparison shown out with ELK once; a new comparison, language or direction again. */
export function useDiffLayout(): void {
  const { store } = useActions();
  const diff = useEditor((s) => s.diff);
  const lang = useEditor((s) => s.lang);
  const direction = useEditor((s) => s.direction);
  useEffect(() => {
    // Labels change length with the language: laid out again, as the open template is.
    const key = `${lang} ${direction}`;
    if (!diff || diff.routesFor === key) return;
    let current = true;
    const { template } = store.getState();
    const graph = diff.result.graph;
    const input = layeredInput(
      { graph, boxes: diff.boxes, template, lang, direction },
      labelMeasurer(),
    );
    import('./elk-runner.js')
      .then(({ runElk }) => layeredLayout(input, runElk))
      .then(({ boxes, routes }) => {
        const state = store.getState();
        if (!current || state.diff !== diff) return;
        state.set({
          diff: { ...diff, boxes, routes, routesFor: key },
          viewNonce: state.viewNonce + 1,
        });
      })
      .catch((error: unknown) => console.warn('layered layout of the comparison failed', error));
    return () => {
      current = false;
    };
  }, [diff, lang, direction, store]);
}
