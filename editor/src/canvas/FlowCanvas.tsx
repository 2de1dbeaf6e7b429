/** The canvas: React Flow only; every change goes to the store as a model operation. */
import {
  applyNodeChanges,
  Background,
  ControlButton,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type {
  FinalConnectionState,
  Node,
  NodeChange,
  NodeProps,
  ReactFlowState,
} from '@xyflow/react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { translate } from '../i18n/messages.js';
import { isPhone } from '../shell/use-phone.js';
import type { MessageKey } from '../i18n/messages.js';
import { CanvasActionsContext } from './canvas-actions.js';
import { ConnectDialog } from './ConnectDialog.js';
import { DiffList } from './DiffList.js';
import { firstView } from './first-view.js';
import { graphBounds } from './graph-bounds.js';
import type { StateNodeData } from './flow-elements.js';
import { GroupNodeView } from './GroupNodeView.js';
import { StateNodeView } from './StateNodeView.js';
import { StateSearch } from './StateSearch.js';
import { TransitionEdgeView } from './TransitionEdgeView.js';
import { useCanvasHandlers } from './use-canvas-handlers.js';
import type { PaletteKind } from './use-canvas-handlers.js';
import { useFlowElements } from './use-flow-elements.js';
import { useDiffLayout } from './use-diff-layout.js';
import { useLayeredLayout } from './use-layered-layout.js';

/**
 * A state's view draws from its data and selection only: React Flow renders it again whenever its
 * internals change (measured, handles found), which redrew all 100 states once more after an open.
 */
const sameState = (a: NodeProps<Node<StateNodeData>>, b: NodeProps<Node<StateNodeData>>) =>
  a.data === b.data && a.selected === b.selected;
const nodeTypes = {
  state: memo(StateNodeView, sameState),
  compound: memo(GroupNodeView, sameState),
};
const edgeTypes = { transition: TransitionEdgeView };
/** Nothing drawn while a template just opened waits for its layered layout. */
const NO_NODES: Node<StateNodeData>[] = [];
const NO_EDGES: ReturnType<typeof useFlowElements>['edges'] = [];
/** Every state drawn has had its handles measured (its edges can be drawn). */
const handlesFound = (s: ReactFlowState) => {
  for (const node of s.nodeLookup.values()) if (!node.internals.handleBounds) return false;
  return s.nodeLookup.size > 0;
};
const fitViewOptions = { padding: 0.15, maxZoom: 1, minZoom: 0.02 };
const proOptions = { hideAttribution: true };
const ignore = () => undefined;
const onDragOver = (e: DragEvent) => {
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
};
const defaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  interactionWidth: 12,
};

/** The graph editor. */
export function FlowCanvas() {
  const t = useT();
  // The zoom, in steps of 5 %, for the CSS that keeps hit targets a finger's size (canvas.css).
  const zoomStep = useStore((s) => Math.round(s.transform[2] * 20) / 20);
  const { store } = useActions();
  const { nodes, edges } = useFlowElements();
  const diff = useEditor((s) => s.diff);
  const handlers = useCanvasHandlers();
  const layoutPending = useLayeredLayout();
  useDiffLayout();
  const placeholder = useEditor((s) => s.placeholder);
  const readOnly = diff !== undefined;
  // The YAML does not parse right now: the graph shown is the last one that did.
  const stale = useEditor((s) => s.validation.parsed.issues.length > 0 && s.graph.nodes.length > 0);
  // Dragging moves nodes locally; the store hears about it once, when the drag stops. New nodes
  // from the store replace them in the same render (not in an effect after it: a layout arriving
  // would be drawn twice, first where the placeholder had the states, then in place).
  const [shown, setShown] = useState<Node<StateNodeData>[]>(nodes);
  const [shownFrom, setShownFrom] = useState(nodes);
  if (shownFrom !== nodes) {
    setShownFrom(nodes);
    setShown(nodes);
  }
  // The laid-out graph is drawn and measured: say so (the YAML panel waits for it on an open).
  // Measured means handles found: the nodes carry their sizes (so React Flow counts them as
  // initialized at once), but edges are drawn only once React Flow has found their handles.
  const measured = useStore(handlesFound);
  useEffect(() => {
    if (measured && !placeholder && !store.getState().drawn) store.getState().set({ drawn: true });
  }, [measured, placeholder, store]);
  const viewNonce = useEditor((s) => s.viewNonce);
  // The dotted grid only where it can be seen: fitted out to 100 states, a 16 px grid is a dot
  // every pixel or two, hundreds of thousands of them painted on every frame.
  const dotted = useStore((s) => s.transform[2] >= 0.4);
  const { fitBounds, getNodes, getNodesBounds, getZoom, setViewport, zoomTo } = useReactFlow();
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  // Fit the whole drawing, labels beside the outer states included (React Flow fits nodes only).
  const fitGraph = useCallback(() => {
    const nodes = getNodes();
    if (nodes.length === 0) return;
    const bounds = graphBounds(getNodesBounds(nodes), store.getState().routes);
    void fitBounds(bounds, { padding: 0.08, duration: 0 }).then(() => {
      if (getZoom() > 1) void zoomTo(1);
    });
  }, [fitBounds, getNodes, getNodesBounds, getZoom, zoomTo, store]);
  // The view after an open, a layout, a turn, a language or a fold (`firstView`: the whole graph,
  // or on a phone the start of the flow when the whole is too small to read), set in the commit
  // that brings the new layout, from the boxes the nodes are given and the routes drawn: set two
  // frames later, the graph was painted at the old view and then again. A canvas without a size
  // (a phone's other tab) gets its view once it has one.
  const viewFor = useRef(-1);
  useLayoutEffect(() => {
    if (viewFor.current === viewNonce || placeholder || nodes.length === 0) return;
    if (paneWidth === 0 || paneHeight === 0) return;
    viewFor.current = viewNonce;
    void setViewport(
      firstView(nodes, edges, paneWidth, paneHeight, {
        phone: isPhone(),
        lr: store.getState().direction === 'LR',
      }),
    );
  }, [viewNonce, placeholder, nodes, edges, paneWidth, paneHeight, setViewport, store]);
  const lang = useEditor((s) => s.lang);
  // React Flow's own controls, help texts and live messages in the interface's language.
  const ariaLabelConfig = useMemo(() => {
    const tr = (key: MessageKey) => translate(lang, key);
    return {
      'node.a11yDescription.default': tr('rf.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': tr('rf.nodeHelp'),
      'node.a11yDescription.ariaLiveMessage': () => '',
      'edge.a11yDescription.default': tr('rf.edgeHelp'),
      'controls.ariaLabel': tr('rf.controls'),
      'controls.zoomIn.ariaLabel': tr('rf.zoomIn'),
      'controls.zoomOut.ariaLabel': tr('rf.zoomOut'),
      'controls.fitView.ariaLabel': tr('rf.fitView'),
      'controls.interactive.ariaLabel': tr('rf.interactive'),
      'minimap.ariaLabel': tr('rf.minimap'),
      'handle.ariaLabel': tr('rf.handle'),
    };
  }, [lang]);
  // React Flow's layer for edge labels, found once: its own `EdgeLabelRenderer` looks it up with a
  // `querySelector` in a store selector, for every edge on every store update (188 edges here).
  const domNode = useStore((s) => s.domNode);
  const labelLayer = useMemo(
    () => domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    [domNode],
  );
  const canvasActions = useMemo(
    () => ({ addNext: handlers.addNext, labelLayer }),
    [handlers.addNext, labelLayer],
  );
  // Every handler and option given to React Flow keeps its identity from one render to the next:
  // a new function (an inline arrow) or object broke React Flow's memoised renderers, and each of
  // this component's dozen renders during an open drew every state and edge again.
  const onNodesChange = useCallback(
    (changes: NodeChange<Node<StateNodeData>>[]) =>
      setShown((current) => applyNodeChanges(changes, current)),
    [],
  );
  const onNodeClick = useCallback(
    (_e: unknown, node: Node) => store.getState().select({ kind: 'state', id: node.id }),
    [store],
  );
  const onEdgeClick = useCallback(
    (_e: unknown, edge: { id: string }) => store.getState().select({ kind: 'edge', id: edge.id }),
    [store],
  );
  const onPaneClick = useCallback(() => store.getState().select({ kind: 'template' }), [store]);
  const { setPending, addAt, screenToFlow } = handlers;
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      // A drop anywhere on a state connects to it, not only within a few pixels of its handle.
      if (readOnly || connection.isValid || !connection.fromNode) return;
      const at = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!at) return;
      const target = document
        .elementFromPoint(at.clientX, at.clientY)
        ?.closest('.react-flow__node')
        ?.getAttribute('data-id');
      if (target && target !== connection.fromNode.id)
        setPending({ source: connection.fromNode.id, target });
    },
    [readOnly, setPending],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData('application/x-relief-state') as PaletteKind;
      if (!kind || readOnly) return;
      event.preventDefault();
      addAt(kind, screenToFlow({ x: event.clientX, y: event.clientY }));
    },
    [readOnly, addAt, screenToFlow],
  );

  return (
    <CanvasActionsContext.Provider value={canvasActions}>
      <div className={stale ? 'canvas-stack stale' : 'canvas-stack'}>
        {stale && (
          <div className="stale-banner" role="status" data-testid="graph-stale">
            {t('graphStale')}
          </div>
        )}
        {diff && (
          <div className="diff-banner" data-testid="diff-banner">
            <b>{diff.title ?? t('diffOf', { a: diff.from, b: diff.to })}</b>
            <span className="legend-added">
              ■ + {t('added')} {diff.result.counts.added}
            </span>
            <span className="legend-removed">
              ■ − {t('removed')} {diff.result.counts.removed}
            </span>
            <span className="legend-changed">
              ■ ~ {t('changed')} {diff.result.counts.changed}
            </span>
            <button
              onClick={() =>
                store.getState().set({ diff: undefined, viewNonce: store.getState().viewNonce + 1 })
              }
            >
              {t('endDiff')}
            </button>
          </div>
        )}
        <div className={diff ? 'canvas-row comparing' : 'canvas-row'}>
          <div className="flow-box" style={{ ['--zoom' as string]: zoomStep }}>
            <ReactFlow
              data-layout={layoutPending ? 'pending' : 'done'}
              className={placeholder ? 'placeholder' : undefined}
              // A placeholder layout is not drawn at all: drawing and measuring 100 hidden states
              // took as long as drawing them laid out, and held up the layout's start.
              nodes={placeholder ? NO_NODES : shown}
              edges={placeholder ? NO_EDGES : edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              defaultEdgeOptions={defaultEdgeOptions}
              onNodesChange={onNodesChange}
              onEdgesChange={ignore}
              onNodeClick={onNodeClick}
              onEdgeClick={onEdgeClick}
              onPaneClick={onPaneClick}
              onNodeDragStop={readOnly ? undefined : handlers.onNodeDragStop}
              onConnect={handlers.onConnect}
              onConnectEnd={onConnectEnd}
              onReconnect={handlers.onReconnect}
              onDrop={onDrop}
              onDragOver={onDragOver}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              edgesReconnectable={!readOnly}
              zIndexMode="manual"
              deleteKeyCode={null}
              selectionKeyCode={null}
              multiSelectionKeyCode={null}
              // Low enough to fit 100 states; search and collapse help read them.
              minZoom={0.02}
              ariaLabelConfig={ariaLabelConfig}
              fitView
              fitViewOptions={fitViewOptions}
              proOptions={proOptions}
            >
              {dotted && <Background gap={16} size={1} />}
              <StateSearch />
              <Controls showInteractive={false} showFitView={false}>
                <ControlButton
                  className="react-flow__controls-fitview"
                  onClick={fitGraph}
                  title={t('rf.fitView')}
                  aria-label={t('rf.fitView')}
                >
                  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
                    <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
                  </svg>
                </ControlButton>
              </Controls>
              <MiniMap
                pannable
                zoomable
                ariaLabel={t('rf.minimap')}
                style={{ width: 140, height: 90 }}
              />
            </ReactFlow>
          </div>
          {diff && <DiffList />}
        </div>
        {handlers.pending && (
          <ConnectDialog
            pending={handlers.pending}
            onClose={() => handlers.setPending(undefined)}
          />
        )}
      </div>
    </CanvasActionsContext.Provider>
  );
}
