/**
 * The line of a transition: the layered layout's route when there is one (an orthogonal polyline
 * with rounded bends), else a bezier, fanned out when several join the same states, or a loop.
 */
import { getBezierPath, Position } from '@xyflow/react';
import type { Point } from '../model/index.js';

/** An SVG path along `points`, each bend rounded with up to `radius` px. */
export function routePath(points: readonly Point[], radius = 8): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return '';
  const toward = (from: Point, to: Point, r: number): Point => {
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    return {
      x: from.x + ((to.x - from.x) * r) / length,
      y: from.y + ((to.y - from.y) * r) / length,
    };
  };
  const parts = [`M ${first.x} ${first.y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, cur, next] = [points[i - 1]!, points[i]!, points[i + 1]!];
    const r = Math.min(
      radius,
      Math.hypot(cur.x - prev.x, cur.y - prev.y) / 2,
      Math.hypot(next.x - cur.x, next.y - cur.y) / 2,
    );
    const a = toward(cur, prev, r);
    const b = toward(cur, next, r);
    parts.push(`L ${a.x} ${a.y}`, `Q ${cur.x} ${cur.y} ${b.x} ${b.y}`);
  }
  parts.push(`L ${last.x} ${last.y}`);
  return parts.join(' ');
}

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
