/** The store's view as memoised React Flow elements. */
import { useMemo } from 'react';
import { useEditor } from '../state/editor-context.js';
import { toFlowElements } from './flow-elements.js';
import { activeStates, visibleGraph } from '../model/index.js';

const NO_ROUTES = new Map<string, never>();

/** Nodes and edges for the canvas: the diff when one is shown, else the open template. */
export function useFlowElements() {
  const boxes = useEditor((s) => s.boxes);
  const template = useEditor((s) => s.template);
  const markers = useEditor((s) => s.markers);
  const lang = useEditor((s) => s.lang);
  const selection = useEditor((s) => s.selection);
  const sim = useEditor((s) => s.sim);
  const diff = useEditor((s) => s.diff);
  const direction = useEditor((s) => s.direction);
  const routes = useEditor((s) => s.routes);
  const collapsed = useEditor((s) => s.collapsed);
  const full = useEditor((s) => s.graph);
  const graph = useMemo(() => visibleGraph(full, collapsed), [full, collapsed]);
  return useMemo(() => {
    const active = new Set(sim ? activeStates(sim) : []);
    if (diff) {
      return toFlowElements({
        graph: diff.result.graph,
        boxes: diff.boxes,
        template,
        markers: new Map(),
        lang,
        selection,
        active,
        path: [],
        diff: diff.result.status,
        direction,
        routes: diff.routes ?? NO_ROUTES,
      });
    }
    return toFlowElements({
      graph,
      boxes,
      template,
      markers,
      lang,
      selection,
      active,
      path: sim?.path ?? [],
      diff: undefined,
      direction,
      routes,
      collapsed,
      fullGraph: full,
    });
  }, [
    graph,
    full,
    boxes,
    template,
    markers,
    lang,
    selection,
    sim,
    diff,
    direction,
    routes,
    collapsed,
  ]);
}
