/**
 * Long loops in a request (an import's 100,000 rows) run in the server's only thread; without a
 * break, every other request waits until they end. A time slicer lets the loop give the event loop
 * a turn once it has worked `sliceMs` since the last turn, so health checks, events and other
 * imports are answered between slices.
 */
import { letOthersIn } from './let-others-in.js';

/** Work this long between turns, in ms: short enough for 250 ms answers under load. */
export const DEFAULT_SLICE_MS = 20;

/** Returns a check to await once per loop iteration; it only yields when the slice is used up. */
export function createTimeSlicer(sliceMs = DEFAULT_SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await letOthersIn();
    sliceStart = performance.now();
  };
}
