/** The canvas: React Flow only; every change goes to the store as a model operation. */
import {
  applyNodeChanges,
  Background,
  ControlButton,
  Controls,
  getViewportForBounds,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import type { Node, NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { translate } from '../i18n/messages.js';
import { isPhone } from '../shell/use-phone.js';
import type { MessageKey } from '../i18n/messages.js';
import { CanvasActionsContext } from './canvas-actions.js';
import { ConnectDialog } from './ConnectDialog.js';
import { DiffList } from './DiffList.js';
import { LEGIBLE_ZOOM, PHONE_MARGIN, placeAlong } from './first-view.js';
import { graphBounds } from './graph-bounds.js';
import type { StateNodeData } from './flow-elements.js';
import { GroupNodeView } from './GroupNodeView.js';
import { StateNodeView } from './StateNodeView.js';
import { StateSearch } from './StateSearch.js';
import { TransitionEdgeView } from './TransitionEdgeView.js';
import { useCanvasHandlers } from './use-canvas-handlers.js';
import type { PaletteKind } from './use-canvas-handlers.js';
import { useFlowElements } from './use-flow-elements.js';
import { useLayeredLayout } from './use-layered-layout.js';

const nodeTypes = { state: StateNodeView, compound: GroupNodeView };
const edgeTypes = { transition: TransitionEdgeView };
/** Nothing drawn while a template just opened waits for its layered layout. */
const NO_NODES: Node<StateNodeData>[] = [];
const NO_EDGES: ReturnType<typeof useFlowElements>['edges'] = [];
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
  const measured = useNodesInitialized();
  useEffect(() => {
    if (measured && !placeholder && !store.getState().drawn) store.getState().set({ drawn: true });
  }, [measured, placeholder, store]);
  const viewNonce = useEditor((s) => s.viewNonce);
  // The dotted grid only where it can be seen: fitted out to 100 states, a 16 px grid is a dot
  // every pixel or two, hundreds of thousands of them painted on every frame.
  const dotted = useStore((s) => s.transform[2] >= 0.4);
  const { fitBounds, getInternalNode, getNodes, getNodesBounds, getZoom, setViewport, zoomTo } =
    useReactFlow<Node<StateNodeData>>();
  const flowStore = useStoreApi<Node<StateNodeData>>();
  // Fit the whole drawing, labels beside the outer states included (React Flow fits nodes only).
  const fitGraph = useCallback(() => {
    const nodes = getNodes();
    if (nodes.length === 0) return;
    const bounds = graphBounds(getNodesBounds(nodes), store.getState().routes);
    void fitBounds(bounds, { padding: 0.08, duration: 0 }).then(() => {
      if (getZoom() > 1) void zoomTo(1);
    });
  }, [fitBounds, getNodes, getNodesBounds, getZoom, zoomTo, store]);
  // The view after an open, a layout, a turn, a language or a fold: the whole graph; on a phone,
  // when the whole is too small to read, the start of the flow at LEGIBLE_ZOOM.
  const fitPending = useRef(false);
  const fitFirstView = useCallback(() => {
    const nodes = getNodes();
    const { width, height } = flowStore.getState();
    // Hidden (a phone's other tab): fitted when the canvas is shown again.
    fitPending.current = nodes.length > 0 && (width === 0 || height === 0);
    if (nodes.length === 0 || fitPending.current) return;
    const bounds = graphBounds(getNodesBounds(nodes), store.getState().routes);
    const whole = getViewportForBounds(bounds, width, height, 0.02, 1, 0.08);
    if (!isPhone() || whole.zoom >= LEGIBLE_ZOOM) return fitGraph();
    const zoom = LEGIBLE_ZOOM;
    // Comparing: the first change (a state added, removed or changed), else the initial state.
    const change = nodes.find(
      (n) => n.type === 'state' && n.data.diff !== undefined && n.data.diff !== 'same',
    );
    const first = change ?? nodes.find((n) => !n.parentId && n.data.state.initial) ?? nodes[0]!;
    const at = getInternalNode(first.id);
    const p = at?.internals.positionAbsolute ?? first.position;
    const cx = p.x + (at?.measured.width ?? 0) / 2;
    const cy = p.y + (at?.measured.height ?? 0) / 2;
    const { top, side } = PHONE_MARGIN;
    const [x0, x1, y0, y1] = [
      bounds.x,
      bounds.x + bounds.width,
      bounds.y,
      bounds.y + bounds.height,
    ];
    // Top to bottom: the graph's top under the search box, the initial state across the middle;
    // left to right: the graph's left edge, the initial state halfway down; a change in the middle.
    const lr = store.getState().direction === 'LR';
    void setViewport(
      {
        x: placeAlong(lr && !change ? x0 : cx, x0, x1, width, zoom, side, side),
        y: placeAlong(!lr && !change ? y0 : cy, y0, y1, height, zoom, top, side),
        zoom,
      },
      { duration: 0 },
    );
  }, [fitGraph, flowStore, getInternalNode, getNodes, getNodesBounds, setViewport, store]);
  useEffect(() => {
    // Two frames: the new positions reach React Flow's nodes (`shown`) in the first.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(fitFirstView);
    });
    return () => cancelAnimationFrame(frame);
  }, [viewNonce, fitFirstView]);
  // A fit asked while the canvas was hidden happens once it has a size again.
  const shownSize = useStore((s) => s.width > 0 && s.height > 0);
  useEffect(() => {
    if (shownSize && fitPending.current) fitFirstView();
  }, [shownSize, fitFirstView]);
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
  const canvasActions = useMemo(() => ({ addNext: handlers.addNext }), [handlers.addNext]);
  const onNodesChange = (changes: NodeChange<Node<StateNodeData>>[]) =>
    setShown((current) => applyNodeChanges(changes, current));

  const onDrop = (event: DragEvent) => {
    const kind = event.dataTransfer.getData('application/x-relief-state') as PaletteKind;
    if (!kind || readOnly) return;
    event.preventDefault();
    handlers.addAt(kind, handlers.screenToFlow({ x: event.clientX, y: event.clientY }));
  };

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
              onEdgesChange={() => undefined}
              onNodeClick={(_e, node) => store.getState().select({ kind: 'state', id: node.id })}
              onEdgeClick={(_e, edge) => store.getState().select({ kind: 'edge', id: edge.id })}
              onPaneClick={() => store.getState().select({ kind: 'template' })}
              onNodeDragStop={readOnly ? undefined : handlers.onNodeDragStop}
              onConnect={handlers.onConnect}
              onConnectEnd={(event, connection) => {
                // A drop anywhere on a state connects to it, not only within a few pixels of its handle.
                if (readOnly || connection.isValid || !connection.fromNode) return;
                const at = 'changedTouches' in event ? event.changedTouches[0] : event;
                if (!at) return;
                const target = document
                  .elementFromPoint(at.clientX, at.clientY)
                  ?.closest('.react-flow__node')
                  ?.getAttribute('data-id');
                if (target && target !== connection.fromNode.id)
                  handlers.setPending({ source: connection.fromNode.id, target });
              }}
              onReconnect={handlers.onReconnect}
              onDrop={onDrop}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
              }}
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
              fitViewOptions={{ padding: 0.15, maxZoom: 1, minZoom: 0.02 }}
              proOptions={{ hideAttribution: true }}
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
