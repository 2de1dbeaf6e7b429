/**
 * The engine over HTTP on the embedded database: a real `relief serve` on PGlite (a data folder on
 * disk, no `DATABASE_URL`), loaded by `wrk` exactly as the PostgreSQL line is (same connections,
 * cases and cycle), with group commit off and on. PGlite runs inside the server process, so the
 * server's CPU per event is the database's too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { startServer } from '../reliability/server-process.js';
import { provisionWorkerLoad } from './bench-programme.js';
import { processCpuMs } from './process-cpu.js';
import { haveWrk, wrkLoad } from './wrk-load.js';
import type { WrkLoadResult } from './wrk-load.js';

/** One measured load with the server's CPU (PGlite's included). */
export interface PgliteHttpRun extends WrkLoadResult {
  serverCpuMs: number;
}

/** A server configuration and its loads. */
export interface PgliteHttpVariant {
  id: string;
  name: string;
  env: Record<string, string>;
  events: PgliteHttpRun[];
}

/** One transaction per event, group commit with one batch in flight, then as shipped (group commit, 3 in flight). */
const VARIANTS: { id: string; name: string; env: Record<string, string> }[] = [
  {
    id: 'pglite-http-one-per-event',
    name: 'one transaction per event (RELIEF_GROUP_COMMIT=off)',
    env: { RELIEF_GROUP_COMMIT: 'off' },
  },
  {
    // PGlite has one connection: batches in flight only queue for it, so one larger batch at a time.
    id: 'pglite-http-group-commit-1',
    name: 'group commit, one batch at a time (RELIEF_GROUP_COMMIT=on, RELIEF_GROUP_COMMIT_IN_FLIGHT=1)',
    env: { RELIEF_GROUP_COMMIT: 'on', RELIEF_GROUP_COMMIT_IN_FLIGHT: '1' },
  },
  { id: 'pglite-http', name: 'as shipped (group commit)', env: {} },
];

/** Options: the same load as the PostgreSQL HTTP line. */
export interface PgliteHttpOptions {
  clients: number;
  casesPerClient: number;
  durationMs: number;
  warmupMs: number;
  runs: number;
  /** Run the server as shipped with `--cpu-prof`, its profile written here when it stops. */
  profileDir?: string | undefined;
}

/** Provision a data folder, then load a server on it per variant and run, alternating; the folder is removed. */
export async function benchHttpPglite(options: PgliteHttpOptions): Promise<PgliteHttpVariant[]> {
  if (!(await haveWrk())) throw new Error('the HTTP benchmark needs wrk (apt-get install -y wrk)');
  const scratch = mkdtempSync(join(tmpdir(), 'relief-bench-http-pglite-'));
  const dataDir = join(scratch, 'data');
  try {
    // Provisioned in this process first: one process at a time may open a data folder.
    const setup = await openDatabase({ dataDir });
    let caseIds: string[];
    let workerKey: string;
    try {
      const store = createReliefStore(setup);
      ({ caseIds, workerKey } = await provisionWorkerLoad(
        store,
        options.clients * options.casesPerClient,
      ));
    } finally {
      await setup.close();
    }
    // One process at a time may open the folder: each run starts its variant's server, and the
    // variants take turns run by run, so none always runs last on the fullest database.
    const variants: PgliteHttpVariant[] = VARIANTS.map((variant) => ({ ...variant, events: [] }));
    for (let r = 0; r < options.runs; r++)
      for (const variant of variants) {
        const shipped = variant.id === VARIANTS.at(-1)!.id;
        const server = await startServer({
          dataDir,
          env: variant.env,
          nodeArgs:
            shipped && options.profileDir && r === 0
              ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]
              : [],
        });
        try {
          const load = wrkLoad({
            baseUrl: server.baseUrl,
            apiKey: workerKey,
            caseIds,
            connections: options.clients,
            scratch,
          });
          await load(options.warmupMs);
          const cpu0 = processCpuMs(server.pid) ?? NaN;
          const result = await load(options.durationMs);
          variant.events.push({ ...result, serverCpuMs: (processCpuMs(server.pid) ?? NaN) - cpu0 });
        } finally {
          await server.stop();
        }
      }
    return variants;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
