/**
 * The engine in process: the durable runtime's apply-event path (`store.applyEvent`) on
 * PostgreSQL, no HTTP — the same clients, cases and 5-step cycle as the limit.
 */
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import postgres from 'postgres';
import { createBenchDatabase, settleDatabaseServer } from './bench-database.js';
import { provisionProgramme } from './bench-programme.js';
import { runClosedLoop } from './run-closed-loop.js';
import type { LoadRun } from './run-closed-loop.js';

/** How to load the engine. */
export interface EngineBenchOptions {
  clients: number;
  casesPerClient: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
}

/** Run the engine `runs` times on a fresh database (dropped afterwards). */
export async function benchEngine(
  serverUrl: string,
  options: EngineBenchOptions,
): Promise<LoadRun[]> {
  const database = await createBenchDatabase(serverUrl);
  try {
    const db = await openDatabase({ databaseUrl: database.url, poolSize: options.clients });
    try {
      const store = createReliefStore(db);
      const { caseIds } = await provisionProgramme(store, options.clients * options.casesPerClient);
      const sender = { actorId: 'bench-worker', roles: ['worker'] };
      const runs: LoadRun[] = [];
      const admin = postgres(database.url, { max: 1, onnotice: () => undefined });
      for (let r = 0; r < options.runs; r++) {
        await settleDatabaseServer(admin);
        runs.push(
          await runClosedLoop({
            clients: options.clients,
            durationMs: options.durationMs,
            warmupMs: options.warmupMs,
            op: (c, n) =>
              store.applyEvent(
                caseIds[c + options.clients * (n % options.casesPerClient)]!,
                { type: 'next' },
                sender,
              ),
          }),
        );
      }
      await admin.end({ timeout: 5 });
      return runs;
    } finally {
      await db.close();
    }
  } finally {
    await database.drop();
  }
}
