/** An atomic or final state on the canvas. */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { StateNodeData } from './flow-elements.js';
import { InternalTransitions } from './InternalTransitions.js';
import { IssueMarker } from './IssueMarker.js';
import { NodeExtras } from './NodeExtras.js';
import { useIssueText } from '../panels/use-issue-text.js';
import { useT } from '../state/editor-context.js';

/** The text mark of a state's change in a comparison, beside its colour. */
export const DIFF_MARKS = { added: '+', removed: '−', changed: '~' } as const;

/**
 * A state added, removed or changed in a comparison: + − ~ on its corner, named in the tooltip
 * and to a screen reader. It is text, so an exported SVG or PNG keeps it.
 */
export function DiffMark({ status }: { status: StateNodeData['diff'] }) {
  const t = useT();
  if (!status || status === 'same') return null;
  const name = t(`diffState.${status}`);
  return (
    <span
      className={`diff-mark ${status}`}
      role="img"
      aria-label={name}
      title={name}
      data-testid="diff-mark"
      data-diff={status}
    >
      {DIFF_MARKS[status]}
    </span>
  );
}

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
  const t = useT();
  const change = data.diff && data.diff !== 'same' ? [t(`diffState.${data.diff}`)] : [];
  return (
    <div
      className={`state-node ${nodeClasses(data, selected)}`}
      data-state={data.state.id}
      title={[...change, ...data.issues.map(issueText)].join('\n') || data.state.id}
    >
      <Handle type="target" position={data.direction === 'TB' ? Position.Top : Position.Left} />
      <div className="title">{data.title}</div>
      <div className="key">{data.state.key}</div>
      <InternalTransitions items={data.internal} />
      <IssueMarker issues={data.issues} />
      <DiffMark status={data.diff} />
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
