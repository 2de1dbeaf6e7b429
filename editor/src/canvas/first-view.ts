/**
 * A phone's first view of a graph: legible rather than whole. Fitted whole at 390 px, love-meals'
 * state titles were drawn at 5–7 px; the first view is at LEGIBLE_ZOOM from the start of the flow
 * instead, and the designer pans (the fit button still shows the whole graph).
 */

/** The least zoom of a phone's first view: state titles (13 px) and edge labels (12 px) at ≥ 11 px. */
export const LEGIBLE_ZOOM = 11 / 12;
/** Room left clear on a phone's first view: at the top for ⌕ 查找状态, elsewhere a margin. */
export const PHONE_MARGIN = { top: 64, side: 16 };

/**
 * Where the graph's range `lo..hi` (flow units) starts on a screen side of `screen` px at `zoom`:
 * centred when it fits, else with `centre` as near the middle as the range allows (no empty band
 * beyond either end past the margins `before` / `after`).
 */
export function placeAlong(
  centre: number,
  lo: number,
  hi: number,
  screen: number,
  zoom: number,
  before: number,
  after: number,
): number {
  const span = (hi - lo) * zoom;
  if (span + before + after <= screen)
    return before + (screen - before - after - span) / 2 - lo * zoom;
  const want = screen / 2 - centre * zoom;
  return Math.min(before - lo * zoom, Math.max(screen - after - hi * zoom, want));
}
