/** The curve of a transition: a bezier, fanned out when several join the same states, or a loop to itself. */
import { getBezierPath, Position } from '@xyflow/react';

interface Ends {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/** Path and label point; `lane` is the edge's index among those joining the same two states. */
export function edgePath(ends: Ends, lane: number, self: boolean): [string, number, number] {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  if (self) {
    // A self-transition (re-enter) loops beside its state: above it left-to-right, right of it top-to-bottom.
    const lift = 46 + lane * 22;
    if (ends.sourcePosition === Position.Bottom) {
      const out = Math.max(sx, tx) + lift * 2.2;
      return [
        `M ${sx} ${sy} C ${out} ${sy + lift}, ${out} ${ty - lift}, ${tx} ${ty}`,
        out - lift * 0.4,
        (sy + ty) / 2,
      ];
    }
    const up = Math.min(sy, ty) - lift * 1.6;
    return [
      `M ${sx} ${sy} C ${sx + 60} ${up}, ${tx - 60} ${up}, ${tx} ${ty}`,
      (sx + tx) / 2,
      Math.min(sy, ty) - lift * 1.2,
    ];
  }
  if (lane === 0) {
    const [path, x, y] = getBezierPath(ends);
    return [path, x, y];
  }
  // Further transitions between the same two states bend away from the straight line, alternately
  // to either side, so each label stays readable.
  const bend = (lane % 2 === 1 ? 1 : -1) * Math.ceil(lane / 2) * 40;
  const length = Math.hypot(tx - sx, ty - sy) || 1;
  const nx = -(ty - sy) / length;
  const ny = (tx - sx) / length;
  const mx = (sx + tx) / 2 + nx * bend;
  const my = (sy + ty) / 2 + ny * bend;
  return [`M ${sx} ${sy} Q ${mx + nx * bend * 0.6} ${my + ny * bend * 0.6} ${tx} ${ty}`, mx, my];
}
