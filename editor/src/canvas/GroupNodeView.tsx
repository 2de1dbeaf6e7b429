/** A compound or parallel state: a group holding its child states. */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { useT } from '../state/editor-context.js';
import type { StateNodeData } from './flow-elements.js';
import { InternalTransitions } from './InternalTransitions.js';
import { IssueMarker } from './IssueMarker.js';
import { NodeExtras } from './NodeExtras.js';
import { nodeClasses } from './StateNodeView.js';

/** The group component. */
export function GroupNodeView({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const t = useT();
  const parallel = data.state.kind === 'parallel';
  return (
    <div className={`group-node ${nodeClasses(data, selected)}`} data-state={data.state.id}>
      <Handle type="target" position={data.direction === 'TB' ? Position.Top : Position.Left} />
      <div className="head">
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
      <IssueMarker issues={data.issues} />
      <NodeExtras id={data.state.id} selected={selected} canLead />
      <Handle type="source" position={data.direction === 'TB' ? Position.Bottom : Position.Right} />
    </div>
  );
}
