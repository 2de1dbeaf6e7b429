/** An atomic or final state on the canvas. */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { StateNodeData } from './flow-elements.js';
import { InternalTransitions } from './InternalTransitions.js';
import { IssueMarker } from './IssueMarker.js';
import { NodeExtras } from './NodeExtras.js';
import { useIssueText } from '../panels/use-issue-text.js';

/** Classes shared by state and group nodes. */
export function nodeClasses(data: StateNodeData, selected: boolean): string {
  const { state } = data;
  return [
    state.kind === 'final' && 'final',
    state.initial && 'initial',
    state.region && 'region',
    selected && 'selected',
    data.active && 'active',
    data.issues.some((i) => i.severity === 'error') && 'has-error',
    data.diff && data.diff !== 'same' && `diff-${data.diff}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The node component. */
export function StateNodeView({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const issueText = useIssueText();
  return (
    <div
      className={`state-node ${nodeClasses(data, selected)}`}
      data-state={data.state.id}
      title={data.issues.map(issueText).join('\n') || data.state.id}
    >
      <Handle type="target" position={data.direction === 'TB' ? Position.Top : Position.Left} />
      <div className="title">{data.title}</div>
      <div className="key">{data.state.key}</div>
      <InternalTransitions items={data.internal} />
      <IssueMarker issues={data.issues} />
      <NodeExtras id={data.state.id} selected={selected} canLead={data.state.kind !== 'final'} />
      {data.state.kind !== 'final' && (
        <Handle
          type="source"
          position={data.direction === 'TB' ? Position.Bottom : Position.Right}
        />
      )}
    </div>
  );
}
