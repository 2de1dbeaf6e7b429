/**
 * Where a new state goes so that it lands clear of the others: the first place, stepping from a
 * wanted point, whose box (with a margin) overlaps no existing box.
 */

/** A box in one coordinate space (all boxes given must share it). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect, margin: number) =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

/**
 * The top-left of a `size` box at `want` or, if that is taken, the nearest free place found by
 * stepping along `step` (then along the other axis, row by row).
 */
export function freeSpot(
  want: { x: number; y: number },
  size: { width: number; height: number },
  taken: readonly Rect[],
  step: 'down' | 'right' = 'right',
  margin = 24,
): { x: number; y: number } {
  const dx = size.width + margin;
  const dy = size.height + margin;
  for (let ring = 0; ring < 40; ring++) {
    for (let i = 0; i <= ring; i++) {
      const along = step === 'right' ? { x: ring * dx, y: i * dy } : { x: i * dx, y: ring * dy };
      const at = { x: want.x + along.x, y: want.y + along.y };
      const box = { ...at, width: size.width, height: size.height };
      if (!taken.some((r) => overlaps(box, r, margin))) return at;
    }
  }
  return { x: want.x, y: want.y + 40 * dy };
}
