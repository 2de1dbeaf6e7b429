/**
 * ELK in a web worker: the engine (1.6 MB of compiled Java) is fetched only when the Design area
 * first lays a graph out, and runs off the main thread so typing and panning never wait for it.
 */
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkRun } from '../model/index.js';

let elk: InstanceType<typeof ELK> | undefined;

/** Lay `graph` out with ELK (one worker for the page, started on first use). */
export const runElk: ElkRun = (graph) => {
  elk ??= new ELK({ workerUrl });
  performance.mark('relief:elk-sent');
  return elk.layout(graph as never).then((laid) => {
    performance.mark('relief:elk-received');
    return laid;
  }) as never;
};
