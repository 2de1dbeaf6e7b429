/**
 * Bulk import: a roster → love-meals cases, rows/s on PostgreSQL, each run into a fresh programme.
 * In process it goes through the store's bulk open (`openCases`, rows already parsed); over HTTP
 * (see http-bench.ts) the CSV body is posted to `POST /api/v1/programmes/{id}/cases/import`.
 */
import { readFileSync } from 'node:fs';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import type { ReliefStore } from '../../engine/src/store/index.js';
import { createBenchDatabase } from './bench-database.js';
import { BENCH_DISTRICT } from './bench-programme.js';
import { rosterRows } from './roster.js';

/** One import run. */
export interface ImportRun {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Over HTTP: the server's and PostgreSQL's CPU for the whole import, in ms. */
  serverCpuMs?: number;
  postgresCpuMs?: number;
}

/** Import `rows` rows `runs` times through `store.openCases`, in chunks of `chunk` rows. */
export async function benchImport(
  serverUrl: string,
  options: { templatePath: string; rows: number; chunk: number; runs: number },
): Promise<ImportRun[]> {
  const database = await createBenchDatabase(serverUrl);
  try {
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
    try {
      const store = createReliefStore(db);
      const caller = { actorId: 'bench' };
      const { record } = await store.saveTemplate(
        readFileSync(options.templatePath, 'utf8'),
        caller,
      );
      await store.publishTemplate(record.templateId, record.version, caller);
      const rows = rosterRows(options.rows).map((data) => ({ data: { ...data } }));
      const runs: ImportRun[] = [];
      for (let r = 0; r < options.runs; r++)
        runs.push(await importOnce(store, record.templateId, rows, options.chunk));
      return runs;
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}

async function importOnce(
  store: ReliefStore,
  templateId: string,
  rows: { data: Record<string, unknown> }[],
  chunk: number,
): Promise<ImportRun> {
  const caller = { actorId: 'bench' };
  const programme = await store.startProgramme(
    { template: templateId, district: BENCH_DISTRICT },
    caller,
  );
  const t0 = performance.now();
  let opened = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    for (const outcome of await store.openCases(programme.id, rows.slice(i, i + chunk), caller)) {
      if (!outcome.ok) throw outcome.error;
      opened++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rows: opened, seconds, rowsPerSec: opened / seconds };
}
