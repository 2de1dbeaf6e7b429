/**
 * The peer: bpmn-engine (the npm BPMN 2.0 engine) running an equivalent 5-step process in memory —
 * five user tasks in a row, each completed by a signal. One signal is one event. The definition is
 * parsed once and shared by every instance (as our engine caches a compiled template). It runs on
 * one thread in memory, so concurrency adds nothing: 1 and 32 instances in flight measured the same
 * signals/s here; the latency of one step is clearest with `instances: 1`.
 */
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { LoadRun } from './run-closed-loop.js';
import { LatencyRecorder } from './latency-stats.js';

const STEPS = ['t1', 't2', 't3', 't4', 't5'];

/** The 5-step BPMN process. */
export function peerProcessXml(): string {
  const nodes = ['start', ...STEPS, 'end'];
  const flows = nodes
    .slice(1)
    .map((to, i) => `<sequenceFlow id="f${i}" sourceRef="${nodes[i]}" targetRef="${to}" />`)
    .join('');
  const tasks = STEPS.map((id) => `<userTask id="${id}" />`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench">
  <process id="cycle" isExecutable="true"><startEvent id="start" />${tasks}<endEvent id="end" />${flows}</process>
</definitions>`;
}

/** How to run the peer. */
export interface PeerBenchOptions {
  /** Process instances in flight at once. */
  instances: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
}

/** Run the peer `runs` times; ops are signals, latency is from a task's wait to its signal's next wait. */
export async function benchPeer(options: PeerBenchOptions): Promise<LoadRun[]> {
  const source = peerProcessXml();
  // The parsed, serialised definition; `_serializeSource` is what `Engine({ source })` runs per engine.
  const parser = new Engine({ source }) as unknown as {
    _serializeSource(s: string): Promise<unknown>;
  };
  const sourceContext = await parser._serializeSource(source);
  const runs: LoadRun[] = [];
  for (let r = 0; r < options.runs; r++) runs.push(await onePeerRun(sourceContext, options));
  return runs;
}

async function onePeerRun(sourceContext: unknown, options: PeerBenchOptions): Promise<LoadRun> {
  const latencies = new LatencyRecorder();
  const measureFrom = performance.now() + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let signals = 0;
  const instance = async (): Promise<void> => {
    const listener = new EventEmitter();
    let last = performance.now();
    listener.on('wait', (api: { signal(): void }) => {
      const now = performance.now();
      if (now >= measureFrom && now <= stopAt) {
        signals++;
        latencies.add(now - last);
      }
      last = now;
      api.signal();
    });
    const engine = new Engine({ sourceContext } as ConstructorParameters<typeof Engine>[0]);
    const ended = engine.waitFor('end');
    await engine.execute({ listener });
    await ended;
  };
  await Promise.all(
    Array.from({ length: options.instances }, async () => {
      while (performance.now() < stopAt) await instance();
    }),
  );
  const seconds = options.durationMs / 1000;
  const { p50, p99 } = latencies.summary();
  return { ops: signals, errors: 0, seconds, opsPerSec: signals / seconds, p50Ms: p50, p99Ms: p99 };
}
