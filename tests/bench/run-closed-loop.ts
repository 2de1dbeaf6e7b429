/**
 * A closed-loop load: `clients` concurrent loops, each sending its next operation as soon as the
 * previous one finished, for a fixed time after a short warm-up that is not counted.
 */
import { LatencyRecorder } from './latency-stats.js';

/** One measured run of a closed-loop load. */
export interface LoadRun {
  /** Operations that completed inside the measured window. */
  ops: number;
  /** Operations that threw inside the measured window (not counted in `ops`). */
  errors: number;
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** The first error's message, if any. */
  firstError?: string | undefined;
}

/** How to load. `op(client, n)` runs the client's n-th operation. */
export interface ClosedLoopOptions {
  clients: number;
  durationMs: number;
  warmupMs: number;
  op: (client: number, n: number) => Promise<unknown>;
}

/** Run the load and measure throughput and latency of the measured window. */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoadRun> {
  const latencies = new LatencyRecorder();
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let ops = 0;
  let errors = 0;
  let firstError: string | undefined;
  const loop = async (client: number): Promise<void> => {
    for (let n = 0; ; n++) {
      const t0 = performance.now();
      if (t0 >= stopAt) return;
      let failed = false;
      try {
        await options.op(client, n);
      } catch (error) {
        failed = true;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const t1 = performance.now();
      // Completions inside the window count, wherever the operation started.
      if (t1 >= measureFrom && t1 <= stopAt) {
        if (failed) errors++;
        else {
          ops++;
          latencies.add(t1 - t0);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => loop(c)));
  const seconds = options.durationMs / 1000;
  const { p50, p99 } = latencies.summary();
  return { ops, errors, seconds, opsPerSec: ops / seconds, p50Ms: p50, p99Ms: p99, firstError };
}
