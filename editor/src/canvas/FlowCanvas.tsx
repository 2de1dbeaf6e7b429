/** The canvas: React Flow only; every change goes to the store as a model operation. */
import {
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import type { Node, NodeChange } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { DragEvent } from 'react';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { ConnectDialog } from './ConnectDialog.js';
import type { StateNodeData } from './flow-elements.js';
import { GroupNodeView } from './GroupNodeView.js';
import { StateNodeView } from './StateNodeView.js';
import { TransitionEdgeView } from './TransitionEdgeView.js';
import { useCanvasHandlers } from './use-canvas-handlers.js';
import type { PaletteKind } from './use-canvas-handlers.js';
import { useFlowElements } from './use-flow-elements.js';

const nodeTypes = { state: StateNodeView, compound: GroupNodeView };
const edgeTypes = { transition: TransitionEdgeView };
const defaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  interactionWidth: 12,
};

/** The graph editor. */
export function FlowCanvas() {
  const t = useT();
  const { store } = useActions();
  const { nodes, edges } = useFlowElements();
  const diff = useEditor((s) => s.diff);
  const handlers = useCanvasHandlers();
  const readOnly = diff !== undefined;
  // Dragging moves nodes locally; the store hears about it once, when the drag stops.
  const [shown, setShown] = useState<Node<StateNodeData>[]>(nodes);
  useEffect(() => setShown(nodes), [nodes]);
  const viewNonce = useEditor((s) => s.viewNonce);
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(
      () => void fitView({ padding: 0.12, duration: 0, maxZoom: 1 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [viewNonce, fitView]);
  const onNodesChange = (changes: NodeChange<Node<StateNodeData>>[]) =>
    setShown((current) => applyNodeChanges(changes, current));

  const onDrop = (event: DragEvent) => {
    const kind = event.dataTransfer.getData('application/x-relief-state') as PaletteKind;
    if (!kind || readOnly) return;
    event.preventDefault();
    handlers.addAt(kind, handlers.screenToFlow({ x: event.clientX, y: event.clientY }));
  };

  return (
    <>
      {diff && (
        <div className="diff-banner" data-testid="diff-banner">
          <b>{t('diffOf', { a: diff.from, b: diff.to })}</b>
          <span className="legend-added">
            ■ {t('added')} {diff.result.counts.added}
          </span>
          <span className="legend-removed">
            ■ {t('removed')} {diff.result.counts.removed}
          </span>
          <span className="legend-changed">
            ■ {t('changed')} {diff.result.counts.changed}
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
      <ReactFlow
        nodes={shown}
        edges={edges}
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
        minZoom={0.2}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="minimap" style={{ width: 140, height: 90 }} />
      </ReactFlow>
      {handlers.pending && (
        <ConnectDialog pending={handlers.pending} onClose={() => handlers.setPending(undefined)} />
      )}
    </>
  );
}
