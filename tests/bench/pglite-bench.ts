/**
 * PGlite, the embedded default: events/s applied one after another (PGlite has one connection,
 * so concurrency would only queue), on a data folder on disk as `relief serve` uses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { provisionProgramme } from './bench-programme.js';
import { runClosedLoop } from './run-closed-loop.js';
import type { LoadRun } from './run-closed-loop.js';

/** Run sequential events on PGlite `runs` times over `caseCount` cases. */
export async function benchPglite(options: {
  caseCount: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
}): Promise<LoadRun[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relief-bench-pglite-'));
  try {
    const db = await openDatabase({ dataDir });
    try {
      const store = createReliefStore(db);
      const { caseIds } = await provisionProgramme(store, options.caseCount);
      const sender = { actorId: 'bench-worker', roles: ['worker'] };
      const runs: LoadRun[] = [];
      for (let r = 0; r < options.runs; r++) {
        runs.push(
          await runClosedLoop({
            clients: 1,
            durationMs: options.durationMs,
            warmupMs: options.warmupMs,
            op: (_c, n) => store.applyEvent(caseIds[n % caseIds.length]!, { type: 'next' }, sender),
          }),
        );
      }
      return runs;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
