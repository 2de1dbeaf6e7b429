/**
 * Runs the layered layout whenever the store asks for one (`layoutNonce`: open, auto layout,
 * direction, language): edge labels measured as the canvas draws them, ELK in a worker, the
 * answer handed back to the store. Says whether a layout is on its way (the canvas marks it).
 */
import { useEffect, useState } from 'react';
import { layeredLayout, visibleGraph } from '../model/index.js';
import { useActions, useEditor } from '../state/editor-context.js';
import { edgeMark } from './flow-elements.js';
import { layeredInput } from './layout-labels.js';
import type { TransitionEdgeData } from './flow-elements.js';
import type * as ElkRunner from './elk-runner.js';

/** Label padding and border (see `.edge-label` in canvas.css), and its fixed height. */
const LABEL_PAD = 16;
const LABEL_HEIGHT = 20;

/** Measures label text with the canvas's own fonts. */
export function labelMeasurer(): (data: TransitionEdgeData) => { width: number; height: number } {
  const ctx = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  return (data) => {
    const main = `${edgeMark(data)}${data.label}`;
    let width = main.length * 8;
    if (ctx) {
      ctx.font = `12px ${family}`;
      width = ctx.measureText(main).width;
      if (data.guard) {
        ctx.font = '11px ui-monospace, monospace';
        width += ctx.measureText(` [${data.guard}]`).width;
      }
    }
    return { width: Math.ceil(width + LABEL_PAD), height: LABEL_HEIGHT };
  };
}

/** The ELK runner's module, once loaded (it is its own chunk, fetched on the first layout). */
let runner: typeof ElkRunner | undefined;

/**
 * Keep the canvas laid out by the layered engine; true while a layout is being computed. A layout
 * is asked for from the store's own notification of the change (`layoutNonce`), inside the
 * `load()` or edit that made it, not from an effect after React has drawn the change: ELK starts
 * in its worker while the page renders the rest of the new template.
 */
export function useLayeredLayout(): boolean {
  const { store } = useActions();
  const nonce = useEditor((s) => s.layoutNonce);
  // The last request answered (laid out, failed or not needed): pending until it is this one.
  const [done, setDone] = useState(0);
  useEffect(() => {
    let alive = true;
    // The last request started: an answer to an earlier one is not applied.
    let asked = 0;
    const start = () => {
      const state = store.getState();
      const nonce = state.layoutNonce;
      if (nonce === asked) return;
      asked = nonce;
      const latest = () => alive && asked === nonce;
      if (state.diff || state.graph.nodes.length === 0) {
        state.layeredFailed();
        setDone(nonce);
        return;
      }
      performance.mark('relief:layout-start');
      const { lang, direction } = state;
      const graph = visibleGraph(state.graph, state.collapsed);
      const input = layeredInput(
        { graph, boxes: state.boxes, template: state.template, lang, direction },
        labelMeasurer(),
      );
      performance.mark('relief:layout-prepared');
      const lay = ({ runElk, warmElk }: NonNullable<typeof runner>) =>
        layeredLayout(input, runElk).then((layout) => {
          performance.mark('relief:layout-answered');
          if (latest()) store.getState().applyLayered(layout, graph);
          // The first template is on screen: get ELK ready for a larger one.
          warmElk();
        });
      // Once the runner is loaded, the graph goes to the worker before this returns.
      (runner ? lay(runner) : import('./elk-runner.js').then((m) => lay((runner = m))))
        .catch((error: unknown) => {
          // The per-level layout stands in; say why in the console for a developer.
          console.warn('layered layout failed', error);
          if (latest()) store.getState().layeredFailed();
        })
        .finally(() => {
          if (latest()) setDone(nonce);
        });
    };
    start();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.layoutNonce !== previous.layoutNonce) start();
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [store]);
  return done !== nonce;
}
