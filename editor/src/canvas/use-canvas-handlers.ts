/**
 * What the designer does on the canvas, turned into model operations: drop a palette item, drag a
 * state (into or out of a group, or just to keep its place), connect and reconnect.
 */
import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Connection, Edge, InternalNode, Node, XYPosition } from '@xyflow/react';
import { useActions } from '../state/editor-context.js';
import { translate } from '../i18n/messages.js';
import { addState, moveState, setPosition, setTransitionTarget } from '../model/index.js';

/** The kinds the palette offers. */
export type PaletteKind = 'atomic' | 'final' | 'group';

/** A pending connection waiting for the designer to pick its event. */
export interface PendingConnect {
  source: string;
  target: string;
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
    onNodeDragStop,
    onConnect,
    onReconnect,
    pending,
    setPending,
    screenToFlow: flow.screenToFlowPosition,
  };
}
