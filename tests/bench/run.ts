/**
 * `pnpm bench [--quick] [--only limit,engine,…] [--seconds n] [--runs n] [--clients n]`: the
 * benchmarks side by side in one run on the local PostgreSQL (or `BENCH_DATABASE_URL` /
 * `DATABASE_URL`), each measurement repeated and reported as the median; prints the table and
 * writes `bench-results/<time>.json`. See docs/performance.md for what each line means.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../reliability/server-process.js';
import { benchServerUrl } from './bench-database.js';
import { formatTable, writeReport } from './bench-report.js';
import type { BenchReport, BenchRow } from './bench-report.js';
import { parseBenchArgs } from './bench-settings.js';
import type { BenchId, BenchSettings } from './bench-settings.js';
import { benchCompile } from './compile-bench.js';
import { benchEngine } from './engine-bench.js';
import { benchHttp } from './http-bench.js';
import type { HttpBenchResult } from './http-bench.js';
import { benchHttpPglite } from './http-pglite-bench.js';
import { benchImport } from './import-bench.js';
import type { ImportRun } from './import-bench.js';
import { median } from './latency-stats.js';
import { benchLimit } from './limit-bench.js';
import type { LimitRun } from './limit-bench.js';
import { readMachineInfo } from './machine-info.js';
import { benchPeer } from './peer-bench.js';
import { benchPglite } from './pglite-bench.js';
import type { GcSummary } from './summarize-gc-probe.js';
import type { LoadRun } from './run-closed-loop.js';
import { benchTimers } from './timer-bench.js';

const settings = parseBenchArgs(process.argv.slice(2));
const serverUrl = benchServerUrl();
const loveMeals = join(REPO_ROOT, 'templates/love-meals.yaml');
const report: BenchReport = {
  startedAt: new Date().toISOString(),
  quick: settings.quick,
  command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
  machine: await readMachineInfo(serverUrl),
  settings: { ...settings },
  rows: [],
  skipped: [],
  raw: {},
};
const m = report.machine;
log(
  `machine: ${m.cores} cores, ${m.cpuModel}, ${m.ramGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres ?? 'unreachable'}`,
);
log(
  `load average at start: ${m.loadAverage.join(' ')}${m.loadAverage[0] >= 0.5 ? '  (machine busy: numbers will be low)' : ''}`,
);

/** A load's runs as one row: medians of throughput, p50 and p99. */
function loadRow(id: string, name: string, runs: readonly LoadRun[], unit = 'events/s'): BenchRow {
  return {
    id,
    name,
    value: median(runs.map((r) => r.opsPerSec)),
    unit,
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    runs: runs.map((r) => r.opsPerSec),
    note: runs.some((r) => r.errors > 0)
      ? `errors: ${runs.map((r) => r.errors).join('/')}; ${runs.find((r) => r.firstError)?.firstError ?? ''}`
      : undefined,
  };
}

const load = (s: BenchSettings) => ({
  clients: s.clients,
  casesPerClient: s.casesPerClient,
  durationMs: s.durationMs,
  warmupMs: s.warmupMs,
  runs: s.runs,
});

/**
 * With both `limit` and `http` (and more than one run), their runs alternate — limit, HTTP, limit,
 * HTTP, … — so each pair shares its minutes, and the ratio is the median of the pairs' ratios: on
 * a shared machine the load drifts between two blocks of runs more than within a pair.
 */
const paired =
  settings.only.includes('limit') && settings.only.includes('http') && settings.runs > 1;
let pairedHttp: HttpBenchResult | undefined;

const httpOptions = (runs: number) => ({
  ...load(settings),
  runs,
  importRows: settings.importRows,
  importTemplatePath: loveMeals,
  steps: settings.steps,
  profileDir: settings.profileDir,
  serverEnv: settings.serverEnv,
  serverNodeArgs: settings.serverNodeArgs,
});

const benches: Record<BenchId, () => Promise<void>> = {
  async limit() {
    let tx: LimitRun[] = [];
    if (paired) {
      const https: HttpBenchResult[] = [];
      for (let r = 1; r <= settings.runs; r++) {
        log(`pair ${r}/${settings.runs}: limit …`);
        tx.push(
          ...(await benchLimit(serverUrl, { ...load(settings), runs: 1, variant: 'transaction' })),
        );
        log(`pair ${r}/${settings.runs}: http …`);
        https.push(await benchHttp(serverUrl, httpOptions(1)));
      }
      pairedHttp = mergeHttpResults(https);
    } else tx = await benchLimit(serverUrl, { ...load(settings), variant: 'transaction' });
    const one = await benchLimit(serverUrl, { ...load(settings), variant: 'statement' });
    report.raw.limit = { transaction: tx, statement: one };
    report.rows.push(
      {
        ...loadRow('limit', `limit: raw postgres, ${settings.clients} clients, 1 tx/event`, tx),
        note: cpuNote(
          tx.map((r) => ({ ops: r.ops, client: r.clientCpuMs, postgres: r.postgresCpuMs })),
        ),
      },
      {
        ...loadRow('limit-statement', 'limit, same writes as 1 statement', one),
        note: 'upper bound for batching; not the reference',
      },
    );
  },
  async engine() {
    const runs = await benchEngine(serverUrl, load(settings));
    report.raw.engine = runs;
    report.rows.push(
      loadRow('engine', `engine in-process (applyEvent), ${settings.clients} clients`, runs),
    );
  },
  async http() {
    const result = pairedHttp ?? (await benchHttp(serverUrl, httpOptions(settings.runs)));
    report.raw.http = result;
    const rows = result.variants.map((variant) => {
      const runs = variant.events.map((e) => ({ ...e, ops: e.ok, errors: e.errors + e.non2xx }));
      const row = loadRow(
        variant.id,
        `engine over HTTP (wrk), ${settings.clients} connections${variant.id === 'http' ? serverEnvLabel(settings.serverEnv, settings.serverNodeArgs) : `: ${variant.name}`}`,
        runs,
      );
      const failures = variant.events.some((e) => e.non2xx > 0 || e.errors > 0)
        ? `; non-2xx ${variant.events.map((e) => e.non2xx).join('/')}, errors ${variant.events.map((e) => e.errors).join('/')}`
        : '';
      const perTransaction = median(variant.events.map((e) => e.eventsPerTransaction));
      row.note =
        `${perTransaction.toFixed(1)} events/transaction; ` +
        cpuNote(
          variant.events.map((e) => ({
            ops: e.ok,
            client: e.clientCpuMs,
            server: e.serverCpuMs,
            postgres: e.postgresCpuMs,
          })),
        ) +
        gcNote(variant.events.map((e) => e.gc)) +
        failures;
      return row;
    });
    report.rows.push(
      ...rows,
      {
        id: 'rss-idle',
        name: 'server RSS idle',
        value: result.rssIdleMb,
        unit: 'MB',
        runs: [result.rssIdleMb],
        target: '≤ 300 MB',
        met: result.rssIdleMb <= 300,
      },
      {
        id: 'rss-load',
        name: 'server RSS after the HTTP runs',
        value: result.rssAfterLoadMb,
        unit: 'MB',
        runs: [result.rssAfterLoadMb],
        target: '≤ 300 MB',
        met: result.rssAfterLoadMb <= 300,
      },
      importRow(
        'import-http',
        `bulk import over HTTP (CSV, ${settings.importRows} rows)`,
        result.imports,
      ),
    );
  },
  async 'http-pglite'() {
    const variants = await benchHttpPglite({
      ...load(settings),
      profileDir: settings.profileDir,
    });
    report.raw.httpPglite = variants;
    for (const variant of variants) {
      const runs = variant.events.map((e) => ({ ...e, ops: e.ok, errors: e.errors + e.non2xx }));
      const row = loadRow(
        variant.id,
        `engine over HTTP on PGlite (wrk), ${settings.clients} connections: ${variant.name}`,
        runs,
      );
      row.note = `CPU ms/event: client ${median(variant.events.map((e) => e.clientCpuMs / e.ok)).toFixed(3)}, server with PGlite ${median(variant.events.map((e) => e.serverCpuMs / e.ok)).toFixed(3)}${variant.events.some((e) => e.non2xx > 0 || e.errors > 0) ? `; non-2xx ${variant.events.map((e) => e.non2xx).join('/')}, errors ${variant.events.map((e) => e.errors).join('/')}` : ''}`;
      report.rows.push(row);
    }
  },
  async peer() {
    const runs = await benchPeer({
      instances: 1,
      durationMs: settings.durationMs,
      warmupMs: settings.warmupMs,
      runs: settings.runs,
    });
    report.raw.peer = runs;
    report.rows.push(
      loadRow('peer', 'peer: bpmn-engine in memory, 5 user tasks', runs, 'signals/s'),
    );
  },
  async import() {
    const runs = await benchImport(serverUrl, {
      templatePath: loveMeals,
      rows: settings.importRows,
      chunk: 500,
      runs: settings.runs,
    });
    report.raw.import = runs;
    report.rows.push(
      importRow(
        'import',
        `bulk import in-process (store.openCases, ${settings.importRows} rows)`,
        runs,
      ),
    );
  },
  async timers() {
    const runs = await benchTimers(serverUrl, {
      count: settings.timerCount,
      processes: 2,
      runs: settings.runs,
      timeoutMs: 300_000,
    });
    report.raw.timers = runs;
    const seconds = median(runs.map((r) => r.seconds));
    const doubles = Math.max(...runs.map((r) => r.doubleFires));
    const allFired = runs.every((r) => r.fired === r.timers);
    report.rows.push(
      {
        id: 'timers',
        name: `timers: ${settings.timerCount} due at once, 2 scheduler processes`,
        value: seconds,
        unit: 's',
        runs: runs.map((r) => r.seconds),
        target: settings.timerCount === 10_000 ? '≤ 10 s' : undefined,
        met: settings.timerCount === 10_000 ? seconds <= 10 : undefined,
        note: `${Math.round(median(runs.map((r) => r.firedPerSec)))} fired/s; split ${runs.map((r) => r.byProcess.join('+')).join(', ')}${allFired ? '' : '; NOT ALL FIRED'}`,
      },
      {
        id: 'timer-doubles',
        name: 'timers fired twice',
        value: doubles,
        unit: 'count',
        runs: runs.map((r) => r.doubleFires),
        target: '0',
        met: doubles === 0 && allFired,
      },
    );
  },
  async compile() {
    const timings = await benchCompile({
      repoRoot: REPO_ROOT,
      templatesDir: join(REPO_ROOT, 'templates'),
      generatedStates: settings.generatedStates,
      runs: settings.runs,
      warmIterations: settings.warmIterations,
    });
    report.raw.compile = timings;
    for (const t of timings) {
      const big = t.states >= 100;
      report.rows.push(
        {
          id: `compile-warm:${t.template}`,
          name: `validate+compile warm: ${t.template}`,
          value: t.warmMs,
          unit: 'ms',
          runs: t.warmRuns,
          target: big ? '≤ 20 ms' : undefined,
          met: big ? t.warmMs <= 20 : undefined,
          note: `validate ${t.warmValidateMs.toFixed(1)} + compile ${t.warmCompileMs.toFixed(1)} ms; ${t.states} states`,
        },
        {
          id: `compile-cold:${t.template}`,
          name: `validate+compile cold: ${t.template}`,
          value: t.coldMs,
          unit: 'ms',
          runs: t.coldRuns,
        },
      );
    }
  },
  async pglite() {
    const runs = await benchPglite({
      caseCount: 100,
      durationMs: settings.pgliteDurationMs,
      warmupMs: settings.warmupMs,
      runs: settings.runs,
    });
    report.raw.pglite = runs;
    report.rows.push(loadRow('pglite', 'PGlite (embedded, on disk), sequential', runs));
  },
};

function importRow(id: string, name: string, runs: readonly ImportRun[]): BenchRow {
  const value = median(runs.map((r) => r.rowsPerSec));
  const cpu = (pick: (r: ImportRun) => number | undefined) =>
    Math.round(median(runs.map((r) => ((pick(r) ?? NaN) * 1000) / r.rows)));
  return {
    note: runs.some((r) => r.serverCpuMs !== undefined)
      ? `CPU µs/row: server ${cpu((r) => r.serverCpuMs)}, PostgreSQL ${cpu((r) => r.postgresCpuMs)}`
      : undefined,
    id,
    name,
    value,
    unit: 'rows/s',
    runs: runs.map((r) => r.rowsPerSec),
    target: '≥ 10,000 rows/s',
    met: value >= 10_000,
  };
}

for (const id of settings.only) {
  const t0 = performance.now();
  log(`${id} …`);
  try {
    await benches[id]();
    log(`${id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    report.skipped.push({ id, reason });
    log(`${id} FAILED: ${reason}`);
  }
}
addRatios(report.rows);
report.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
log(`load average at end: ${report.loadAverageAtEnd.join(' ')}`);
const file = writeReport(REPO_ROOT, report);
process.stdout.write(`\n${formatTable(report.rows)}\n`);
for (const s of report.skipped) process.stdout.write(`not measured: ${s.id}: ${s.reason}\n`);
process.stdout.write(`\nwritten: ${file}\n`);
process.exitCode = report.skipped.length > 0 ? 1 : 0;

/** One result of several one-run HTTP benchmarks: their runs in order, the largest RSS. */
function mergeHttpResults(results: readonly HttpBenchResult[]): HttpBenchResult {
  const first = results[0]!;
  return {
    events: results.flatMap((r) => r.events),
    variants: first.variants.map((variant, i) => ({
      ...variant,
      events: results.flatMap((r) => r.variants[i]!.events),
    })),
    rssIdleMb: Math.max(...results.map((r) => r.rssIdleMb)),
    rssAfterLoadMb: Math.max(...results.map((r) => r.rssAfterLoadMb)),
    imports: results.flatMap((r) => r.imports),
  };
}

/** engine/limit and engine/peer, for each engine line that was measured. */
function addRatios(rows: BenchRow[]): void {
  const find = (id: string) => rows.find((r) => r.id === id);
  const limit = find('limit');
  const oneStatement = find('limit-statement');
  const peer = find('peer');
  const ratio = (
    id: string,
    name: string,
    value: number,
    target?: string,
    met?: boolean,
  ): BenchRow => ({
    id,
    name,
    value,
    unit: '×',
    runs: [value],
    target,
    met,
  });
  for (const step of rows.filter((r) => r.id.startsWith('http-')))
    if (limit)
      rows.push(
        ratio(
          `${step.id}/limit`,
          `ratio ${step.name.replace(/^engine over HTTP \(wrk\), \d+ connections: /, 'HTTP, ')} / limit`,
          step.value / limit.value,
        ),
      );
  for (const [id, label] of [
    ['engine', 'engine in-process'],
    ['http', 'engine over HTTP'],
  ] as const) {
    const engine = find(id);
    if (!engine) continue;
    const http = id === 'http';
    if (limit && http && paired) {
      // Alternating runs: each pair's ratio, and their median.
      const pairs = engine.runs.map((ops, i) => ops / limit.runs[i]!);
      const value = median(pairs);
      rows.push({
        ...ratio(
          `${id}/limit`,
          `ratio ${label} / limit (median of ${pairs.length} alternating pairs)`,
          value,
          '≥ 1.2× and p99 ≤ 20 ms',
          value >= 1.2 && (engine.p99Ms ?? Infinity) <= 20,
        ),
        runs: pairs.map((r) => Math.round(r * 100) / 100),
      });
    } else if (limit)
      rows.push(
        ratio(
          `${id}/limit`,
          `ratio ${label} / limit`,
          engine.value / limit.value,
          http ? '≥ 1.2× and p99 ≤ 20 ms' : undefined,
          http ? engine.value >= 1.2 * limit.value && (engine.p99Ms ?? Infinity) <= 20 : undefined,
        ),
      );
    if (oneStatement && http)
      rows.push(
        ratio(
          `${id}/limit-statement`,
          `ratio ${label} / limit as 1 statement`,
          engine.value / oneStatement.value,
        ),
      );
    if (peer)
      rows.push(
        ratio(
          `${id}/peer`,
          `ratio ${label} / peer`,
          engine.value / peer.value,
          http ? '≥ 5×' : undefined,
          http ? engine.value >= 5 * peer.value : undefined,
        ),
      );
  }
}

/** Median CPU per operation of the runs, as `CPU/event ms: client …, server …, PostgreSQL …`. */
function cpuNote(
  runs: readonly { ops: number; client?: number; server?: number; postgres?: number }[],
): string {
  const per = (pick: (r: (typeof runs)[number]) => number | undefined) =>
    median(runs.map((r) => (pick(r) ?? NaN) / r.ops)).toFixed(3);
  const parts = [`client ${per((r) => r.client)}`];
  if (runs.some((r) => r.server !== undefined)) parts.push(`server ${per((r) => r.server)}`);
  parts.push(`PostgreSQL ${per((r) => r.postgres)}`);
  return `CPU ms/event: ${parts.join(', ')}`;
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** ` (K=V, …)` when the server as shipped ran with `--server-env` or `--server-node-args`. */
function serverEnvLabel(env: Record<string, string>, nodeArgs: readonly string[]): string {
  const pairs = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...nodeArgs];
  return pairs.length === 0 ? '' : ` (${pairs.join(', ')})`;
}

/** `; server GC …` (medians over the runs): how often its one thread stopped, how long, how busy. */
function gcNote(runs: readonly (GcSummary | undefined)[]): string {
  const known = runs.filter((r): r is GcSummary => r !== undefined);
  if (known.length === 0) return '';
  const m = (pick: (r: GcSummary) => number) => median(known.map(pick));
  return (
    `; server GC: ${m((r) => r.scavengesPerS).toFixed(1)} scavenges/s, ` +
    `pause mean ${m((r) => r.scavengeMeanMs).toFixed(1)} ms, max ${m((r) => r.scavengeMaxMs).toFixed(1)} ms, ` +
    `other GC ${m((r) => r.majorMsPerS).toFixed(0)} ms/s; event loop busy ${(100 * m((r) => r.busy)).toFixed(0)} %`
  );
}
