/**
 * Issue 10, item 6: a 30,000-row import on PGlite (the default database, which runs in the
 * server's own thread) must not freeze the server. A real `relief serve` process on a PGlite data
 * folder; while the import runs, `GET /health` is sent every 200 ms on a fresh connection and an
 * event to another case every 600 ms; nine in ten answers must come within 250 ms and none
 * after 1.5 s (before the fix every probe waited for the whole import).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

const SOURCE = readFileSync(new URL('../api/fen-amounts.yaml', import.meta.url), 'utf8');
const ROWS = 30_000;
const BOUND_MS = 250;
const WORST_MS = 1500;
const PROBE_EVERY_MS = 200;

interface Probe {
  status: number;
  ms: number;
}

/** One GET on a new connection (no keep-alive), timed; a reset or timeout is status 0. */
function timedGet(url: string): Promise<Probe> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 60_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        const ms = performance.now() - started;
        resolve({ status: res.statusCode ?? 0, ms });
      });
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('a large import on PGlite keeps the server answering', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let programme: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relief-import-'));
    server = await startServer({ dataDir });
    const owner = createApiClient(
      server.baseUrl,
      readFileSync(join(dataDir, 'owner-key'), 'utf8').trim(),
    );
    const key = async (roles: string[]) => {
      const res = await owner.post<{ key: string }>('/api/v1/keys', { roles, district: 'sh' });
      expect(res.status, res.text).toBe(201);
      return res.body.key;
    };
    admin = createApiClient(server.baseUrl, await key(['admin', 'worker']));
    const designer = createApiClient(server.baseUrl, await key(['designer']));
    const saved = await designer.request('POST', '/api/v1/templates', {
      body: SOURCE,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(saved.status, saved.text).toBe(201);
    await designer.post('/api/v1/templates/fen-amounts/versions/1/publish');
    const started = await admin.post<{ id: string }>('/api/v1/programmes', {
      template: 'fen-amounts',
      district: 'sh',
    });
    expect(started.status, started.text).toBe(201);
    programme = started.body.id;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it(`answers health and events (9 in 10 within ${BOUND_MS} ms) during a ${ROWS}-row import`, async () => {
    const other = await admin.post<{ id: string }>(`/api/v1/programmes/${programme}/cases`, {
      data: { name: '王' },
    });
    expect(other.status, other.text).toBe(201);
    const body = Array.from({ length: ROWS }, (_, i) =>
      JSON.stringify({ ref: `R${i}`, data: { name: `n${i}` } }),
    ).join('\n');

    // The same probes with no import: what this machine gives at the moment, for the report.
    const quiet: Probe[] = [];
    for (let i = 0; i < 40; i++) {
      quiet.push(await timedGet(`${server.baseUrl}/api/v1/health`));
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
    const quietTimes = quiet.map((q) => q.ms).sort((a, b) => a - b);

    const health: Promise<Probe>[] = [];
    const events: Promise<Probe>[] = [];
    const sendEvent = async (): Promise<Probe> => {
      const at = performance.now();
      const res = await admin.post(`/api/v1/cases/${other.body.id}/events`, {
        type: 'pay',
        payload: { amount: 0.01 },
      });
      return { status: res.status, ms: performance.now() - at };
    };
    const probing = setInterval(() => {
      health.push(timedGet(`${server.baseUrl}/api/v1/health`));
      if (health.length % 3 === 1) events.push(sendEvent());
    }, PROBE_EVERY_MS);
    const started = performance.now();
    const imported = await admin
      .request<{ rows: number; created: number }>(
        'POST',
        `/api/v1/programmes/${programme}/cases/import`,
        { body, headers: { 'content-type': 'application/x-ndjson' }, timeoutMs: 90_000 },
      )
      .finally(() => clearInterval(probing));
    const importMs = performance.now() - started;
    expect(imported.status, imported.text.slice(0, 300)).toBe(200);
    expect(imported.body).toMatchObject({ rows: ROWS, created: ROWS });

    const healthDone = await Promise.all(health);
    const eventsDone = await Promise.all(events);
    const times = healthDone.map((h) => h.ms).sort((a, b) => a - b);
    const eventTimes = eventsDone.map((e) => e.ms).sort((a, b) => a - b);
    const report =
      `quiet health p50=${Math.round(percentile(quietTimes, 50))} p99=${Math.round(percentile(quietTimes, 99))} ms; ` +
      `import ${Math.round(importMs)} ms; health n=${times.length} p50=${Math.round(percentile(times, 50))} ` +
      `p99=${Math.round(percentile(times, 99))} max=${Math.round(times.at(-1)!)} ms, ` +
      `failed ${healthDone.filter((h) => h.status !== 200).length}; events n=${eventTimes.length} ` +
      `max=${Math.round(eventTimes.at(-1) ?? 0)} ms, statuses ${[...new Set(eventsDone.map((e) => e.status))].join(',')}`;
    console.log(report);
    console.log(server.output().split('\n').join('\n'));
    expect(times.length, report).toBeGreaterThan(10);
    expect(
      healthDone.filter((h) => h.status !== 200),
      report,
    ).toEqual([]);
    // Nine in ten within the bound, and none near the old freeze (every probe waited for the whole
    // import, 20 s and more). On a 2-core machine shared with other work the slowest probe took
    // 143 ms at load 2.8, 227 ms at load 10 and 330–430 ms at load 13.7: the longest step left is
    // one chunk's transaction (~40 ms of CPU), stretched by the share of a core the process gets.
    // So p99 < 250 ms is not asserted: it holds on a quiet machine only.
    expect(percentile(times, 90), report).toBeLessThan(BOUND_MS);
    expect(times.at(-1)!, report).toBeLessThan(WORST_MS);
    expect(eventsDone.length, report).toBeGreaterThan(0);
    expect(
      eventsDone.filter((e) => e.status !== 200),
      report,
    ).toEqual([]);
    expect(percentile(eventTimes, 90), report).toBeLessThan(BOUND_MS);
    expect(eventTimes.at(-1)!, report).toBeLessThan(WORST_MS);
  }, 120_000);
});
