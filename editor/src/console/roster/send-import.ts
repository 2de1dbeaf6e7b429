/**
 * Send import records to `POST /programmes/{id}/cases/import` as NDJSON, a chunk at a time, with
 * `dedupe=ref` (so sending the same file again imports nothing twice). Row numbers in the answer
 * are made file-wide. A chunk that fails stops the import: what earlier chunks created stays and
 * is reported, nothing else was written.
 */
import type { ApiClient } from '../../api/api-client.js';
import type { ImportResult } from '@relief/engine/contract';
import type { RosterRecord } from './roster-rows.js';

/** Rows per request: a progress step every 500 rows, well under the body limit. */
export const CHUNK_ROWS = 500;

/** Totals so far, and every row error with its data-row number (1 = first row under the header). */
export interface ImportProgress {
  done: number;
  total: number;
  created: number;
  skipped: number;
  failed: number;
  errors: ImportResult['errors'];
}

/** Send every record; `onProgress` after each chunk. Throws the chunk's failure (with `progress`). */
export async function sendImport(
  api: ApiClient,
  programmeId: string,
  records: RosterRecord[],
  options: { dryRun: boolean; onProgress: (p: ImportProgress) => void; signal?: AbortSignal },
): Promise<ImportProgress> {
  const progress: ImportProgress = {
    done: 0,
    total: records.length,
    created: 0,
    skipped: 0,
    failed: 0,
    errors: [],
  };
  for (let start = 0; start < records.length; start += CHUNK_ROWS) {
    const chunk = records.slice(start, start + CHUNK_ROWS);
    const body = chunk
      .map((r) => JSON.stringify(r.ref ? { data: r.data, ref: r.ref } : { data: r.data }))
      .join('\n');
    let result: ImportResult;
    try {
      result = await api.call('importCases', {
        path: { id: programmeId },
        body: `${body}\n`,
        contentType: 'application/x-ndjson',
        query: { dedupe: 'ref', ...(options.dryRun && { dryRun: true }) },
        ...(options.signal && { signal: options.signal }),
      });
    } catch (error) {
      // The caller reports what earlier chunks created along with the failure.
      if (error instanceof Error) Object.assign(error, { progress });
      throw error;
    }
    progress.done += chunk.length;
    progress.created += result.created;
    progress.skipped += result.skipped;
    progress.failed += result.failed;
    progress.errors.push(...result.errors.map((e) => ({ ...e, row: e.row + start })));
    options.onProgress({ ...progress, errors: [...progress.errors] });
  }
  return progress;
}
