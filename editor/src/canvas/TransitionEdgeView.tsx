/**
 * A transition or timer: a curve with its event (◷ a delay, ⚙ an event the schedule sends) and a
 * short guard; a badge marks an error or a change, beside the colour.
 */
import { createPortal } from 'react-dom';
import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import { useActions, useT } from '../state/editor-context.js';
import { useIssueText } from '../panels/use-issue-text.js';
import { useCanvasActions } from './canvas-actions.js';
import { edgePath, routePath } from './edge-path.js';
import { edgeMark } from './flow-elements.js';
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

/** A badge on the label's corner, so an error or a change reads without its colour. */
const BADGES = { error: '!', added: '+', removed: '−', changed: '~' } as const;

/** The edge component. */
export function TransitionEdgeView(props: EdgeProps<Edge<TransitionEdgeData>>) {
  const issueText = useIssueText();
  const t = useT();
  const { id, source, target, data, selected, markerEnd } = props;
  const { store } = useActions();
  // Labels go to React Flow's label layer (what its `EdgeLabelRenderer` does, without a lookup).
  const { labelLayer } = useCanvasActions();
  const lane = data?.lane ?? 0;
  const from = useInternalNode(source)?.internals.positionAbsolute;
  const to = useInternalNode(target)?.internals.positionAbsolute;
  const route = data?.route;
  // The layout's route while both ends are where it was made for (or moved together: it moves
  // along); once a designer drags one end away, a plain curve between the handles.
  const dx = from && route?.ends ? from.x - route.ends[0].x : NaN;
  const dy = from && route?.ends ? from.y - route.ends[0].y : NaN;
  const routed =
    route?.ends !== undefined &&
    to !== undefined &&
    Math.abs(to.x - route.ends[1].x - dx) < 0.5 &&
    Math.abs(to.y - route.ends[1].y - dy) < 0.5;
  const mid = route?.points[Math.floor(route.points.length / 2)] ?? { x: 0, y: 0 };
  const [path, labelX, labelY] = routed
    ? [
        routePath(route.points.map((p) => ({ x: p.x + dx, y: p.y + dy }))),
        (route.label ? route.label.x + route.label.width / 2 : mid.x) + dx,
        (route.label ? route.label.y + route.label.height / 2 : mid.y) + dy,
      ]
    : edgePath(props, lane, source === target);
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
    data?.auto && 'auto',
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
      {labelLayer &&
        createPortal(
          <div
            className={`${classes} nodrag nopan`}
            data-edge={id}
            onClick={() => store.getState().select({ kind: 'edge', id })}
            data-routed={routed ? '' : undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={[
              status && t(`diffEdge.${status}`),
              data?.sentBy,
              ...(data?.issues.map(issueText) ?? []),
            ]
              .filter(Boolean)
              .join('\n')}
          >
            {data?.onPath ? <b>{data.onPath}. </b> : null}
            {data && edgeMark(data)}
            {data?.label}
            {data?.guard && <span className="guard"> [{data.guard}]</span>}
            {(status || error) && (
              <span className={`edge-badge ${status ?? 'error'}`} aria-hidden="true">
                {BADGES[status ?? 'error']}
              </span>
            )}
          </div>,
          labelLayer,
        )}
    </>
  );
}
