/**
 * `relief import <programme-id> <file.csv|file.ndjson> [--dry-run] [--dedupe]`: a roster straight
 * into the database of `DATABASE_URL` or `DATA_DIR`, by the same store operation as
 * `POST /programmes/{id}/cases/import` (the same row checks, dedupe and dry run).
 */
import { createReadStream } from 'node:fs';
import { HttpProblem } from '../api/http-problem.js';
import { readCsvRows, readNdjsonRows } from '../api/read-import-rows.js';
import { EngineError } from '../errors/engine-error.js';
import { serverHoldingDataDir } from '../server/data-folder-files.js';
import { createReliefStore, openDatabase } from '../store/index.js';

/** Usage of `relief import`. */
export const IMPORT_USAGE = `relief import <programme-id> <file.csv|file.ndjson> [--dry-run] [--dedupe]
  --dry-run  check every row and report, write nothing
  --dedupe   skip rows whose ref is already taken instead of refusing them`;

/** Run `relief import …`; returns the exit code (1 when a row was refused). */
export async function importCommand(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const [programmeId, file, ...extra] = args.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--dedupe');
  if (!programmeId || !file || extra.length > 0 || unknown.length > 0) {
    out(IMPORT_USAGE);
    return 2;
  }
  const dataDir = env.DATA_DIR || './data';
  const databaseUrl = env.DATABASE_URL || undefined;
  const holder = databaseUrl ? undefined : serverHoldingDataDir(dataDir);
  if (holder !== undefined) {
    out(
      `the server (process ${holder}) has ${dataDir} open: import over the API (POST /api/v1/programmes/${programmeId}/cases/import), or stop it`,
    );
    return 1;
  }
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    const store = createReliefStore(database);
    const result = await store.importCases(
      programmeId,
      (fields) => {
        const chunks = createReadStream(file);
        return file.endsWith('.csv') ? readCsvRows(chunks, fields) : readNdjsonRows(chunks);
      },
      { dryRun: flags.has('--dry-run'), dedupe: flags.has('--dedupe') },
      { actorId: 'cli' },
    );
    for (const e of result.errors) out(`${file}:${e.line}: row ${e.row}: ${e.message} [${e.code}]`);
    out(
      `${result.rows} rows: ${result.created} ${result.dryRun ? 'would be opened' : 'opened'}, ${result.skipped} skipped, ${result.failed} refused`,
    );
    return result.failed > 0 ? 1 : 0;
  } catch (error) {
    // A refused file (not UTF-8, not CSV) or a refused import (unknown or paused programme).
    if (!(error instanceof EngineError || error instanceof HttpProblem)) throw error;
    out(error.message);
    return 1;
  } finally {
    await database.close();
  }
}
