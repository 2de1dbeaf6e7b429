/**
 * What the designer does on the canvas, turned into model operations: drop a palette item, drag a
 * state (into or out of a group, or just to keep its place), connect and reconnect.
 */
import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Connection, Edge, InternalNode, Node, XYPosition } from '@xyflow/react';
import { useActions } from '../state/editor-context.js';
import { translate } from '../i18n/messages.js';
import {
  LAYOUT,
  addState,
  freeSpot,
  moveState,
  setPosition,
  setTransitionTarget,
  setValue,
  statePath,
} from '../model/index.js';
import type { Rect } from '../model/index.js';

/** The kinds the palette offers. */
export type PaletteKind = 'atomic' | 'final' | 'group';

/** A pending connection waiting for the designer to pick its event. */
export interface PendingConnect {
  source: string;
  target: string;
  /** Select the target state once connected (the `+` flow: name the new step next). */
  selectTarget?: boolean;
}

/** Canvas handlers and the pending connection. */
export function useCanvasHandlers() {
  const { store } = useActions();
  const flow = useReactFlow();
  const [pending, setPending] = useState<PendingConnect | undefined>();

  /** The innermost group under a point (flow coordinates), not `except` or inside it. */
  const groupAt = useCallback(
    (point: XYPosition, except?: string): InternalNode | undefined => {
      const groups = flow
        .getNodes()
        .filter(
          (n) =>
            n.type === 'compound' && n.id !== except && !(except && n.id.startsWith(`${except}.`)),
        );
      let best: InternalNode | undefined;
      for (const g of groups) {
        const node = flow.getInternalNode(g.id);
        if (!node) continue;
        const { x, y } = node.internals.positionAbsolute;
        const w = node.measured.width ?? node.width ?? 0;
        const h = node.measured.height ?? node.height ?? 0;
        const inside = point.x >= x && point.x <= x + w && point.y >= y && point.y <= y + h;
        if (inside && (!best || w * h < (best.measured.width ?? 0) * (best.measured.height ?? 0)))
          best = node;
      }
      return best;
    },
    [flow],
  );

  const addAt = useCallback(
    (kind: PaletteKind, point: XYPosition) => {
      const state = store.getState();
      const group = groupAt(point);
      const parentId = group?.id;
      const origin = group?.internals.positionAbsolute ?? { x: 0, y: 0 };
      const position = { x: point.x - origin.x, y: point.y - origin.y };
      const titleKey =
        kind === 'final' ? 'paletteFinal' : kind === 'group' ? 'paletteGroup' : 'newState';
      const title = { zh: translate('zh', titleKey), en: translate('en', titleKey) };
      const key = kind === 'final' ? 'end' : kind === 'group' ? 'stage' : 'state';
      const id = state.edit((doc) => {
        const created = addState(doc, {
          parentId,
          key,
          title,
          kind: kind === 'final' ? 'final' : 'atomic',
          position,
          uniqueKey: true,
        });
        if (kind === 'group')
          addState(doc, {
            parentId: created,
            key: 'step',
            title: { zh: translate('zh', 'newState'), en: translate('en', 'newState') },
            position: { x: 24, y: 50 },
          });
        return created;
      });
      if (id) store.getState().select({ kind: 'state', id });
    },
    [store, groupAt],
  );

  /**
   * The `+` on a selected state: a new sibling state and the transition to it (the event is asked
   * for, as for a drawn connection). Where every sibling is placed by the layout, so is the new one
   * (it lands on the next rank); otherwise it goes in the first free place past the state.
   */
  const addNext = useCallback(
    (sourceId: string) => {
      const state = store.getState();
      const source = state.graph.nodes.find((n) => n.id === sourceId);
      const box = state.boxes.get(sourceId);
      if (!source || !box) return;
      const siblings = state.graph.nodes.filter((n) => n.parentId === source.parentId);
      const placed = siblings.some((n) => n.position);
      const down = state.direction === 'TB';
      const size = { width: LAYOUT.minWidth, height: LAYOUT.nodeHeight };
      const taken = siblings.flatMap((n): Rect[] => {
        const b = state.boxes.get(n.id);
        return b ? [b] : [];
      });
      const position = placed
        ? freeSpot(
            down
              ? { x: box.x, y: box.y + box.height + LAYOUT.rankGap / 2 }
              : { x: box.x + box.width + LAYOUT.rankGap / 2, y: box.y },
            size,
            taken,
            down ? 'right' : 'down',
          )
        : undefined;
      const title = { zh: translate('zh', 'newState'), en: translate('en', 'newState') };
      const roles = source.own.roles;
      const id = state.edit((doc) => {
        const created = addState(doc, {
          parentId: source.parentId,
          key: 'state',
          title,
          ...(position && { position }),
          uniqueKey: true,
        });
        // The next step is usually worked by the same people (the worklist roles follow).
        if (Array.isArray(roles) && roles.length > 0)
          setValue(doc, [...statePath(created), 'roles'], roles);
        return created;
      });
      if (!id) return;
      store.getState().select({ kind: 'state', id });
      setPending({ source: sourceId, target: id, selectTarget: true });
      // Keep the new step in view (zooming out only as far as needed, never in).
      requestAnimationFrame(() =>
        requestAnimationFrame(
          () =>
            void flow.fitView({
              nodes: [{ id: sourceId }, { id }],
              maxZoom: flow.getZoom(),
              minZoom: 0.02,
              padding: 0.3,
              duration: 150,
            }),
        ),
      );
    },
    [store, flow],
  );

  /** A palette click: the middle of the view, or the nearest place there that no state covers. */
  const addInView = useCallback(
    (kind: PaletteKind, pane: DOMRect | undefined) => {
      const want = pane
        ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2 - 64, y: pane.top + 80 })
        : { x: 0, y: 0 };
      const taken = flow.getNodes().flatMap((n): Rect[] => {
        const node = flow.getInternalNode(n.id);
        if (!node || n.type === 'compound') return [];
        const { x, y } = node.internals.positionAbsolute;
        return [{ x, y, width: node.measured.width ?? 0, height: node.measured.height ?? 0 }];
      });
      addAt(kind, freeSpot(want, { width: LAYOUT.minWidth, height: LAYOUT.nodeHeight }, taken));
    },
    [flow, addAt],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, node: Node) => {
      const internal = flow.getInternalNode(node.id);
      if (!internal) return;
      const abs = internal.internals.positionAbsolute;
      const center = {
        x: abs.x + (internal.measured.width ?? 0) / 2,
        y: abs.y + (internal.measured.height ?? 0) / 2,
      };
      const group = groupAt(center, node.id);
      const currentParent = node.parentId;
      const { edit, select } = store.getState();
      if ((group?.id ?? undefined) !== currentParent) {
        const origin = group?.internals.positionAbsolute ?? { x: 0, y: 0 };
        const id = edit((doc) => {
          const moved = moveState(doc, node.id, group?.id);
          setPosition(doc, moved, { x: abs.x - origin.x, y: abs.y - origin.y });
          return moved;
        });
        if (id) select({ kind: 'state', id });
      } else {
        edit((doc) => setPosition(doc, node.id, node.position));
      }
    },
    [flow, store, groupAt],
  );

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) setPending({ source: c.source, target: c.target });
  }, []);

  const onReconnect = useCallback(
    (old: Edge, c: Connection) => {
      const state = store.getState();
      const edge = state.graph.edges.find((e) => e.id === old.id);
      if (!edge || c.source !== old.source || !c.target) return;
      state.edit((doc) => setTransitionTarget(doc, edge, c.target));
    },
    [store],
  );

  return {
    addAt,
    addNext,
    addInView,
    onNodeDragStop,
    onConnect,
    onReconnect,
    pending,
    setPending,
    screenToFlow: flow.screenToFlowPosition,
  };
}
