/**
 * The engine over HTTP: a real `relief serve` on PostgreSQL, loaded by autocannon from a separate
 * process with `POST /api/v1/cases/{id}/events` (same clients, cases and cycle as the limit); the
 * server's RSS idle and after the load; and bulk import of a CSV roster over HTTP.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { REPO_ROOT, startServer } from '../reliability/server-process.js';
import { createBenchDatabase } from './bench-database.js';
import { BENCH_DISTRICT, provisionProgramme } from './bench-programme.js';
import type { HttpLoadConfig, HttpLoadResult } from './http-load-child.js';
import type { ImportRun } from './import-bench.js';
import { rosterRows, toRosterCsv } from './roster.js';

const run = promisify(execFile);

/** Everything the HTTP benchmark measured. */
export interface HttpBenchResult {
  events: HttpLoadResult[];
  rssIdleMb: number;
  rssAfterLoadMb: number;
  imports: ImportRun[];
}

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
}

/** Provision, start the server, load it `runs` times, import, stop; the database is dropped. */
export async function benchHttp(
  serverUrl: string,
  options: HttpBenchOptions,
): Promise<HttpBenchResult> {
  const database = await createBenchDatabase(serverUrl);
  const scratch = mkdtempSync(join(tmpdir(), 'relief-bench-http-'));
  try {
    const setup = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
    let caseIds: string[];
    let workerKey: string;
    let adminKey: string;
    let importTemplate: string;
    try {
      const store = createReliefStore(setup);
      ({ caseIds } = await provisionProgramme(store, options.clients * options.casesPerClient));
      workerKey = (
        await store.createApiKey({
          roles: ['worker'],
          district: BENCH_DISTRICT,
          label: 'bench worker',
        })
      ).key;
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

    const server = await startServer({ databaseUrl: database.url, dataDir: join(scratch, 'data') });
    try {
      await new Promise((r) => setTimeout(r, 2000));
      const rssIdleMb = server.rssMb();
      const configFile = join(scratch, 'load.json');
      const config: HttpLoadConfig = {
        baseUrl: server.baseUrl,
        apiKey: workerKey,
        caseIds,
        connections: options.clients,
        durationSeconds: Math.max(1, Math.round(options.durationMs / 1000)),
        warmupSeconds: Math.max(1, Math.round(options.warmupMs / 1000)),
      };
      writeFileSync(configFile, JSON.stringify(config));
      const events: HttpLoadResult[] = [];
      for (let r = 0; r < options.runs; r++) {
        const child = join(REPO_ROOT, 'tests/bench/http-load-child.ts');
        const { stdout } = await run(process.execPath, ['--import', 'tsx', child, configFile], {
          cwd: REPO_ROOT,
          maxBuffer: 1 << 20,
        });
        events.push(JSON.parse(stdout) as HttpLoadResult);
      }
      const rssAfterLoadMb = server.rssMb();
      const imports: ImportRun[] = [];
      const csv = toRosterCsv(rosterRows(options.importRows));
      for (let r = 0; r < options.runs; r++)
        imports.push(
          await importOverHttp(server.baseUrl, adminKey, importTemplate, csv, options.importRows),
        );
      return { events, rssIdleMb, rssAfterLoadMb, imports };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await database.drop();
  }
}

async function importOverHttp(
  baseUrl: string,
  key: string,
  template: string,
  csv: string,
  rows: number,
): Promise<ImportRun> {
  const headers = { authorization: `Bearer ${key}` };
  const started = await fetch(`${baseUrl}/api/v1/programmes`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ template, district: BENCH_DISTRICT, params: {} }),
  });
  if (started.status !== 201)
    throw new Error(`start programme: ${started.status} ${await started.text()}`);
  const programme = (await started.json()) as { id: string };
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/programmes/${programme.id}/cases/import`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
  const seconds = (performance.now() - t0) / 1000;
  const body = (await response.json()) as { created?: number; errors?: unknown[] };
  if (response.status !== 200)
    throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  const created = body.created ?? rows - (body.errors?.length ?? 0);
  return { rows: created, seconds, rowsPerSec: created / seconds };
}
