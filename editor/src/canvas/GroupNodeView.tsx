/** A compound or parallel state: a group holding its child states. */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { useActions, useT } from '../state/editor-context.js';
import type { StateNodeData } from './flow-elements.js';
import { InternalTransitions } from './InternalTransitions.js';
import { IssueMarker } from './IssueMarker.js';
import { NodeExtras } from './NodeExtras.js';
import { DiffMark, nodeClasses } from './StateNodeView.js';

/** The group component. */
export function GroupNodeView({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const t = useT();
  const { store } = useActions();
  const parallel = data.state.kind === 'parallel';
  const folded = data.hidden !== undefined;
  return (
    <div
      className={`group-node ${folded ? 'folded' : ''} ${nodeClasses(data, selected)}`}
      data-state={data.state.id}
    >
      <Handle type="target" position={data.direction === 'TB' ? Position.Top : Position.Left} />
      <div className="head">
        <button
          className="fold nodrag"
          data-testid="toggle-group"
          aria-expanded={!folded}
          aria-label={t(folded ? 'expandGroup' : 'collapseGroup', { name: data.title })}
          title={t(folded ? 'expandGroup' : 'collapseGroup', { name: data.title })}
          onClick={(event) => {
            event.stopPropagation();
            store.getState().toggleCollapsed(data.state.id);
          }}
        >
          {folded ? '▸' : '▾'}
        </button>
        <span className="title">{data.title}</span>
        <span className="badge">
          {parallel
            ? `‖ ${t('kindParallel')}`
            : data.state.region
              ? t('region')
              : t('kindCompound')}
        </span>
        <span className="key">{data.state.key}</span>
        <InternalTransitions items={data.internal} max={3} inline />
      </div>
      {folded && <div className="hidden-count">{t('hiddenStates', { n: data.hidden ?? 0 })}</div>}
      <IssueMarker issues={data.issues} />
      <DiffMark status={data.diff} />
      <NodeExtras id={data.state.id} selected={selected} canLead />
      <Handle type="source" position={data.direction === 'TB' ? Position.Bottom : Position.Right} />
    </div>
  );
}
