/**
 * The HTTP load generator, in its own process so it does not share a CPU thread with the server:
 * autocannon sending `POST /api/v1/cases/{id}/events` over the case ids given, round robin (with
 * as many cases as there are connections times a hundred, no two requests in flight hit one case).
 * Argument: a JSON file of `HttpLoadConfig`. Prints the result as JSON.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** What to send. */
export interface HttpLoadConfig {
  baseUrl: string;
  apiKey: string;
  caseIds: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** What one measured load saw. */
export interface HttpLoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as HttpLoadConfig;
let next = 0;

function load(durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: config.baseUrl,
    connections: config.connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${config.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'next', payload: {} }),
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/cases/${config.caseIds[next++ % config.caseIds.length]}/events`,
        }),
      },
    ],
  });
}

if (config.warmupSeconds > 0) await load(config.warmupSeconds);
const result = await load(config.durationSeconds);
const ok = result['2xx'];
const output: HttpLoadResult = {
  ok,
  non2xx: result.non2xx,
  errors: result.errors,
  seconds: result.duration,
  opsPerSec: ok / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  statusCodes: Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  ),
};
process.stdout.write(JSON.stringify(output));
