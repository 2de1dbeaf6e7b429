/** A transition or timer: a curve with its event (or ◷ delay) and a short guard. */
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import { useActions } from '../state/editor-context.js';
import { edgePath } from './edge-path.js';
import type { TransitionEdgeData } from './flow-elements.js';

const COLORS = {
  error: '#c5221f',
  path: '#7b1fa2',
  selected: '#1967d2',
  added: '#1e8e3e',
  removed: '#c5221f',
  changed: '#b06000',
  plain: '#7d8a97',
};

/** The edge component. */
export function TransitionEdgeView(props: EdgeProps<Edge<TransitionEdgeData>>) {
  const { id, source, target, data, selected, markerEnd } = props;
  const { store } = useActions();
  const lane = data?.lane ?? 0;
  const [path, labelX, labelY] = edgePath(props, lane, source === target);
  const error = (data?.issues.length ?? 0) > 0;
  const status = data?.diff && data.diff !== 'same' ? data.diff : undefined;
  const stroke = status
    ? COLORS[status]
    : error
      ? COLORS.error
      : data?.onPath
        ? COLORS.path
        : selected
          ? COLORS.selected
          : COLORS.plain;
  const classes = [
    'edge-label',
    selected && 'selected',
    error && 'error',
    data?.onPath && 'on-path',
    data?.timer && 'timer',
    status && `diff-${status}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{
          stroke,
          strokeWidth: data?.onPath || selected ? 2.6 : 1.6,
          strokeDasharray: data?.timer ? '6 4' : undefined,
        }}
      />
      <EdgeLabelRenderer>
        <div
          className={`${classes} nodrag nopan`}
          data-edge={id}
          onClick={() => store.getState().select({ kind: 'edge', id })}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={data?.issues.map((i) => i.message).join('\n')}
        >
          {data?.onPath ? <b>{data.onPath}. </b> : null}
          {data?.timer ? '◷ ' : ''}
          {data?.label}
          {data?.guard && <span className="guard"> [{data.guard}]</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
