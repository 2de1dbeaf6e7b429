/**
 * Loaded into the benchmark's server (`node --import …/server-gc-probe.ts`): every garbage
 * collection's kind and pause, and the event loop's busy share each second, appended as JSON lines
 * to `RELIEF_BENCH_GC_FILE`. A `gc` observer costs one callback per collection (a dozen a second
 * under load) and `eventLoopUtilization` reads two counters: the server measured is the one shipped.
 *
 * Why: on a 2-core machine the young-generation pauses (scavenges) of the server's one thread were
 * the tail of the event latency (docs/performance.md, "Garbage collection").
 */
import { appendFileSync } from 'node:fs';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import type { NodeGCPerformanceDetail } from 'node:perf_hooks';

const file = process.env.RELIEF_BENCH_GC_FILE;

/** One second of the server, as the probe writes it. */
export interface GcProbeSecond {
  /** End of the second (epoch ms). */
  at: number;
  /** Scavenge pauses (ms). */
  minor: number[];
  /** Pauses of the other kinds: mark-compact, incremental marking steps, weak callbacks (ms). */
  major: number[];
  /** Share of the second the event loop was busy (0–1). */
  busy: number;
}

if (file) {
  let minor: number[] = [];
  let major: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: NodeGCPerformanceDetail }).detail?.kind;
      (kind === constants.NODE_PERFORMANCE_GC_MINOR ? minor : major).push(entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  let last = performance.eventLoopUtilization();
  setInterval(() => {
    const now = performance.eventLoopUtilization();
    const second: GcProbeSecond = {
      at: Date.now(),
      minor,
      major,
      busy: performance.eventLoopUtilization(now, last).utilization,
    };
    last = now;
    minor = [];
    major = [];
    appendFileSync(file, JSON.stringify(second) + '\n');
  }, 1000).unref();
}
