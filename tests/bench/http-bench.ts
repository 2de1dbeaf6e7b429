/**
 * The engine over HTTP: a real `relief serve` on PostgreSQL, loaded by `wrk` from its own process
 * with `POST /api/v1/cases/{id}/events` (same clients, cases and cycle as the limit), with the CPU
 * per event of the load generator, the server and PostgreSQL's backends for the database; the
 * server's RSS idle and after the load; and bulk import of a CSV roster over HTTP. With `steps`,
 * the same load first against servers with this changes switched off one by one (by
 * their environment switches), so each change's gain is measured on its own in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { startServer } from '../reliability/server-process.js';
import type { ServerProcess } from '../reliability/server-process.js';
import { createBenchDatabase, settleDatabaseServer } from './bench-database.js';
import { BENCH_DISTRICT, provisionWorkerLoad } from './bench-programme.js';
import type { ImportRun } from './import-bench.js';
import { databaseBackendPids, processCpuMs, processesCpuMs } from './process-cpu.js';
import { summarizeGcProbe } from './summarize-gc-probe.js';
import type { GcSummary } from './summarize-gc-probe.js';
import { rosterRows, toRosterCsv } from './roster.js';
import { haveWrk, wrkLoad } from './wrk-load.js';
import type { WrkLoadResult } from './wrk-load.js';

/** One measured load, with the CPU of the server and of PostgreSQL over it. */
export interface HttpLoadRun extends WrkLoadResult {
  serverCpuMs: number;
  postgresCpuMs: number;
  /** The server's garbage collections and event-loop use during the run (`server-gc-probe.ts`). */
  gc: GcSummary | undefined;
  /** Events written per transaction (history rows over their distinct `xmin`): group commit's batch size. */
  eventsPerTransaction: number;
}

/** A server configuration and its loads. */
export interface HttpVariantResult {
  id: string;
  name: string;
  env: Record<string, string>;
  events: HttpLoadRun[];
}

/** Everything the HTTP benchmark measured. */
export interface HttpBenchResult {
  /** The default configuration's loads (the last variant). */
  events: HttpLoadRun[];
  variants: HttpVariantResult[];
  rssIdleMb: number;
  rssAfterLoadMb: number;
  imports: ImportRun[];
}

/** Loaded into every server the benchmark starts: its collections and event-loop use. */
const GC_PROBE = fileURLToPath(new URL('./server-gc-probe.ts', import.meta.url));

/** The server as shipped. */
const DEFAULT_VARIANT = { id: 'http', name: 'as shipped', env: {} };

/** This changes switched off, then back on one at a time (each with those before it). */
export const HTTP_STEPS: { id: string; name: string; env: Record<string, string> }[] = [
  {
    id: 'http-before',
    name: 'one transaction per event, key query per request, log line written per request',
    env: { RELIEF_GROUP_COMMIT: 'off', RELIEF_KEY_CACHE: 'off', RELIEF_LOG_FLUSH_MS: '0' },
  },
  {
    id: 'http-keys',
    name: '+ cached API keys',
    env: { RELIEF_GROUP_COMMIT: 'off', RELIEF_LOG_FLUSH_MS: '0' },
  },
  { id: 'http-log', name: '+ batched request log', env: { RELIEF_GROUP_COMMIT: 'off' } },
];

/** Options of the HTTP benchmark. */
export interface HttpBenchOptions {
  clients: number;
  casesPerClient: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
  importRows: number;
  /** Template of the imported roster (love-meals). */
  importTemplatePath: string;
  /** Also measure `HTTP_STEPS` before the server as shipped. */
  steps?: boolean | undefined;
  /** Run the server as shipped with `--cpu-prof`, its profile written here when it stops. */
  profileDir?: string | undefined;
  /** Extra environment of the server as shipped. */
  serverEnv?: Record<string, string> | undefined;
  /** Extra options for node running the server as shipped (`--max-semi-space-size=64`, …). */
  serverNodeArgs?: readonly string[] | undefined;
}

/** Provision, start the server, load it `runs` times, import, stop; the database is dropped. */
export async function benchHttp(
  serverUrl: string,
  options: HttpBenchOptions,
): Promise<HttpBenchResult> {
  const database = await createBenchDatabase(serverUrl);
  const scratch = mkdtempSync(join(tmpdir(), 'relief-bench-http-'));
  const gcFile = (variantId: string) => join(scratch, `gc-${variantId}.jsonl`);
  try {
    const setup = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
    let caseIds: string[];
    let workerKey: string;
    let adminKey: string;
    let importTemplate: string;
    try {
      const store = createReliefStore(setup);
      ({ caseIds, workerKey } = await provisionWorkerLoad(
        store,
        options.clients * options.casesPerClient,
      ));
      adminKey = (
        await store.createApiKey({
          roles: ['admin'],
          district: BENCH_DISTRICT,
          label: 'bench admin',
        })
      ).key;
      const { record } = await store.saveTemplate(
        readFileSync(options.importTemplatePath, 'utf8'),
        { actorId: 'bench' },
      );
      if (record.status !== 'published')
        await store.publishTemplate(record.templateId, record.version, { actorId: 'bench' });
      importTemplate = record.templateId;
    } finally {
      await setup.close();
    }

    if (!(await haveWrk()))
      throw new Error('the HTTP benchmark needs wrk (apt-get install -y wrk)');
    const admin = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      const variants: HttpVariantResult[] = [];
      const shippedVariant = { ...DEFAULT_VARIANT, env: { ...options.serverEnv } };
      const configs = [...(options.steps ? HTTP_STEPS : []), shippedVariant];
      let rssIdleMb = NaN;
      let rssAfterLoadMb = NaN;
      let imports: ImportRun[] = [];
      for (const config of configs) {
        const gcPath = gcFile(config.id);
        const server = await startServer({
          databaseUrl: database.url,
          dataDir: join(scratch, `data-${config.id}`),
          nodeArgs:
            config === shippedVariant
              ? [
                  ...(options.profileDir
                    ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]
                    : []),
                  ...(options.serverNodeArgs ?? []),
                ]
              : [],
          preload: [GC_PROBE],
          env: { ...config.env, RELIEF_BENCH_GC_FILE: gcPath },
        });
        try {
          await new Promise((r) => setTimeout(r, 2000));
          const shipped = config === shippedVariant;
          if (shipped) rssIdleMb = server.rssMb();
          const load = wrkLoad({
            baseUrl: server.baseUrl,
            apiKey: workerKey,
            caseIds,
            connections: options.clients,
            scratch,
          });
          await load(options.warmupMs);
          const events: HttpLoadRun[] = [];
          for (let r = 0; r < options.runs; r++)
            events.push(
              await measured(server, admin, database.name, gcPath, () => load(options.durationMs)),
            );
          variants.push({ ...config, events });
          if (shipped) rssAfterLoadMb = server.rssMb();
          // A profile shows the event load only: no import in it.
          if (shipped && !options.profileDir) {
            const csv = toRosterCsv(rosterRows(options.importRows));
            imports = [];
            for (let r = 0; r < options.runs; r++)
              imports.push(
                await importOverHttp(
                  server,
                  admin,
                  database.name,
                  adminKey,
                  importTemplate,
                  csv,
                  options.importRows,
                ),
              );
          }
        } finally {
          await server.stop();
        }
      }
      return { events: variants.at(-1)!.events, variants, rssIdleMb, rssAfterLoadMb, imports };
    } finally {
      await admin.end({ timeout: 5 });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await database.drop();
  }
}

/** One load with the server's and PostgreSQL's CPU over it. */
async function measured(
  server: ServerProcess,
  admin: postgres.Sql,
  databaseName: string,
  gcFile: string,
  load: () => Promise<WrkLoadResult>,
): Promise<HttpLoadRun> {
  await settleDatabaseServer(admin);
  const backends = await databaseBackendPids(admin, databaseName);
  const started = new Date();
  const server0 = processCpuMs(server.pid) ?? NaN;
  const postgres0 = processesCpuMs(backends);
  const result = await load();
  const ended = Date.now();
  const serverCpuMs = (processCpuMs(server.pid) ?? NaN) - server0;
  const postgresCpuMs = processesCpuMs(backends) - postgres0;
  // Every row carries the id of the transaction that wrote it.
  const [written] = await admin<{ events: number; transactions: number }[]>`
    select count(*)::int as events, count(distinct xmin::text)::int as transactions
    from case_history where at >= ${started}`;
  return {
    ...result,
    serverCpuMs,
    postgresCpuMs,
    gc: summarizeGcProbe(gcFile, started.getTime(), ended),
    eventsPerTransaction: written!.transactions > 0 ? written!.events / written!.transactions : NaN,
  };
}

/** One import, with the CPU it cost the server and PostgreSQL (robust on a busy machine). */
async function importOverHttp(
  server: ServerProcess,
  admin: postgres.Sql,
  databaseName: string,
  key: string,
  template: string,
  csv: string,
  rows: number,
): Promise<ImportRun> {
  const { baseUrl } = server;
  const headers = { authorization: `Bearer ${key}` };
  const started = await fetch(`${baseUrl}/api/v1/programmes`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ template, district: BENCH_DISTRICT, params: {} }),
  });
  if (started.status !== 201)
    throw new Error(`start programme: ${started.status} ${await started.text()}`);
  const programme = (await started.json()) as { id: string };
  await settleDatabaseServer(admin);
  const backends = await databaseBackendPids(admin, databaseName);
  const server0 = processCpuMs(server.pid) ?? NaN;
  const postgres0 = processesCpuMs(backends);
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/programmes/${programme.id}/cases/import`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
  const seconds = (performance.now() - t0) / 1000;
  const serverCpuMs = (processCpuMs(server.pid) ?? NaN) - server0;
  // Connections the import opened meanwhile count too.
  const postgresCpuMs = processesCpuMs(await databaseBackendPids(admin, databaseName)) - postgres0;
  const body = (await response.json()) as { created?: number; errors?: unknown[] };
  if (response.status !== 200)
    throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  const created = body.created ?? rows - (body.errors?.length ?? 0);
  return { rows: created, seconds, rowsPerSec: created / seconds, serverCpuMs, postgresCpuMs };
}
