/**
 * ELK in a web worker: the engine (1.6 MB of compiled Java) is fetched only when the Design area
 * first lays a graph out, and runs off the main thread so typing and panning never wait for it.
 */
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { rememberRuns, warmUpGraph } from '../model/index.js';
import type { ElkRun } from '../model/index.js';

let elk: InstanceType<typeof ELK> | undefined;
/** Layouts asked for and not answered yet (a warm-up round waits for none to be). */
let inFlight = 0;
let warming = false;

/**
 * Lay `graph` out with ELK (one worker for the page, started on first use); a graph laid out a
 * moment ago is answered from memory (`rememberRuns`).
 */
export const runElk: ElkRun = rememberRuns((graph) => {
  elk ??= new ELK({ workerUrl });
  inFlight++;
  performance.mark('relief:elk-sent');
  return elk
    .layout(graph as never)
    .then((laid) => {
      performance.mark('relief:elk-received');
      return laid;
    })
    .finally(() => inFlight--) as never;
});

/**
 * Warm ELK up, once a page, while the designer looks around: a few layouts of a small made-up
 * graph, each when the page is idle and no real layout is waiting (the worker answers in order,
 * so a real layout waits at most for one round). V8 runs ELK's compiled Java several times
 * slower on its first graphs; warmed, a large template the designer opens next lays out sooner.
 */
export function warmElk(rounds = 4): void {
  if (warming) return;
  warming = true;
  const later = (fn: () => void) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(fn, { timeout: 2000 })
      : setTimeout(fn, 200);
  let left = rounds;
  const round = () => {
    if (left <= 0) return;
    if (inFlight > 0) {
      later(round);
      return;
    }
    left--;
    elk ??= new ELK({ workerUrl });
    // Six groups of eight (49 states): rounds of three groups of six left a page's first
    // 100-state layout 110–140 ms slower than later ones (bench, load ~2); these about half that.
    elk.layout(warmUpGraph(6, 8) as never).then(
      () => later(round),
      () => undefined,
    );
  };
  later(round);
}
