/**
 * HTTP load from `wrk` (its own process, written in C: about a tenth of a Node client's CPU per
 * request, so the ratio measures the server, not the client). One wrk thread sends
 * `POST /api/v1/cases/{id}/events` over the given case ids round robin from `connections`
 * connections (with a hundred cases per connection, no two requests in flight hit one case).
 * The load generator's own CPU comes from the shell's `times` after wrk exits.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What to send. */
export interface WrkLoadConfig {
  baseUrl: string;
  apiKey: string;
  caseIds: readonly string[];
  connections: number;
  durationSeconds: number;
  /** Folder for the Lua script. */
  scratch: string;
}

/** What one load saw. */
export interface WrkLoadResult {
  ok: number;
  /** Answers that were not 2xx. */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  errors: number;
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** wrk's user + system CPU for the whole load, in ms. */
  clientCpuMs: number;
}

/** Is wrk installed? */
export async function haveWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (error) {
    // `wrk --version` prints its banner and exits 1.
    return (error as { code?: unknown }).code === 1;
  }
}

function script(config: WrkLoadConfig): string {
  const ids = config.caseIds.map((id) => `"${id}"`).join(',\n');
  return `local ids = {
${ids}
}
local n = 0
local headers = { ["Authorization"] = "Bearer ${config.apiKey}", ["Content-Type"] = "application/json" }
local body = '{"type":"next","payload":{}}'
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/cases/" .. ids[(n % #ids) + 1] .. "/events", headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;
}

/** A load of `ms` milliseconds (whole seconds, at least one) with everything else fixed. */
export function wrkLoad(
  config: Omit<WrkLoadConfig, 'durationSeconds'>,
): (ms: number) => Promise<WrkLoadResult> {
  return (ms) => runWrk({ ...config, durationSeconds: Math.max(1, Math.round(ms / 1000)) });
}

/** Run wrk once for `durationSeconds`. */
export async function runWrk(config: WrkLoadConfig): Promise<WrkLoadResult> {
  const file = join(config.scratch, 'events.lua');
  writeFileSync(file, script(config));
  // `times` prints the shell's own CPU, then its children's (wrk's): user and system.
  const { stdout } = await run(
    'bash',
    [
      '-c',
      'wrk -t1 -c"$1" -d"$2"s --timeout 10s -s "$3" "$4"; times',
      'wrk-load',
      String(config.connections),
      String(config.durationSeconds),
      file,
      config.baseUrl,
    ],
    { maxBuffer: 1 << 20 },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout.slice(0, 2000)}`);
  const r = JSON.parse(line.slice('RESULT '.length)) as Record<string, number>;
  const times = stdout.trim().split('\n').slice(-1)[0]!;
  const seconds = (text: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(text);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [user, system] = times.split(/\s+/).map(seconds);
  const duration = r.durationUs! / 1e6;
  const non2xx = r.status!;
  const ok = r.requests! - non2xx;
  return {
    ok,
    non2xx,
    errors: r.connect! + r.read! + r.write! + r.timeout!,
    seconds: duration,
    opsPerSec: ok / duration,
    p50Ms: r.p50Us! / 1000,
    p99Ms: r.p99Us! / 1000,
    maxMs: r.maxUs! / 1000,
    clientCpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000,
  };
}
