/**
 * Runs the layered layout whenever the store asks for one (`layoutNonce`: open, auto layout,
 * direction, language): edge labels measured as the canvas draws them, ELK in a worker, the
 * answer handed back to the store. Says whether a layout is on its way (the canvas marks it).
 */
import { useEffect, useState } from 'react';
import { labelText } from '@relief/engine';
import { layeredLayout, visibleGraph } from '../model/index.js';
import { useActions, useEditor } from '../state/editor-context.js';
import { edgeLabelText, edgeMark, toFlowElements } from './flow-elements.js';
import type { TransitionEdgeData } from './flow-elements.js';

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

/** Keep the canvas laid out by the layered engine; true while a layout is being computed. */
export function useLayeredLayout(): boolean {
  const { store } = useActions();
  const nonce = useEditor((s) => s.layoutNonce);
  // The last request answered (laid out, failed or not needed): pending until it is this one.
  const [done, setDone] = useState(0);
  useEffect(() => {
    const state = store.getState();
    if (state.diff || state.graph.nodes.length === 0) {
      state.layeredFailed();
      setDone(nonce);
      return;
    }
    let current = true;
    performance.mark('relief:layout-start');
    const { lang, direction } = state;
    const graph = visibleGraph(state.graph, state.collapsed);
    const { edges } = toFlowElements({
      graph,
      boxes: state.boxes,
      template: state.template,
      markers: new Map(),
      lang,
      selection: { kind: 'template' },
      active: new Set(),
      path: [],
      diff: undefined,
      direction,
      routes: new Map(),
    });
    const data = new Map(edges.map((e) => [e.id, e.data!]));
    const measure = labelMeasurer();
    const titles = new Map(graph.nodes.map((n) => [n.id, labelText(n.title, lang) ?? n.key]));
    performance.mark('relief:layout-prepared');
    let warm: (() => void) | undefined;
    import('./elk-runner.js')
      .then(({ runElk, warmElk }) => {
        warm = warmElk;
        return layeredLayout(
          {
            graph,
            direction,
            nodeLabel: (id) => titles.get(id) ?? id,
            edgeLabel: (id) => {
              const d = data.get(id);
              return d ? edgeLabelText(d) : '';
            },
            measure: (id) => measure(data.get(id)!),
          },
          runElk,
        );
      })
      .then((layout) => {
        performance.mark('relief:layout-answered');
        if (current) store.getState().applyLayered(layout, graph);
        // The first template is on screen: get ELK ready for a larger one.
        warm?.();
      })
      .catch((error: unknown) => {
        // The per-level layout stands in; say why in the console for a developer.
        console.warn('layered layout failed', error);
        if (current) store.getState().layeredFailed();
      })
      .finally(() => {
        if (current) setDone(nonce);
      });
    return () => {
      current = false;
    };
  }, [nonce, store]);
  return done !== nonce;
}
