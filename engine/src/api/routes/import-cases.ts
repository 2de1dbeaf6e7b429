/**
 * Bulk import of cases over HTTP: the media type and the body, streamed and parsed as it arrives
 * (CSV typed by the template's data fields, or NDJSON). Validation, dedupe, the dry run and the
 * writes are the store's (`importCases`); nothing is written until the whole body has arrived and
 * parsed, so a body that turns out too large, not UTF-8 or not CSV leaves the database untouched.
 */
import type { Context } from 'hono';
import type { ImportOptions, ImportResult } from '../../store/index.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import { toStoreCaller } from '../caller.js';
import { checkMediaType, readBodyChunks } from '../read-body.js';
import { readCsvRows, readNdjsonRows } from '../read-import-rows.js';

/** Import the request body into programme `programmeId`. */
export async function importCases(
  ctx: ApiContext,
  c: Context<ApiEnv>,
  programmeId: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const result = await ctx.store.importCases(
    programmeId,
    (fields) => {
      // Checked once the programme is known, so an unknown programme answers 404 first.
      const type = checkMediaType(c, ['text/csv', 'application/x-ndjson', 'application/ndjson']);
      const chunks = readBodyChunks(c, ctx.limits.importBytes);
      return type === 'text/csv' ? readCsvRows(chunks, fields) : readNdjsonRows(chunks);
    },
    options,
    toStoreCaller(c.var.caller),
  );
  ctx.log.info('cases imported', {
    requestId: c.var.requestId,
    programmeId,
    dryRun: options.dryRun,
    rows: result.rows,
    created: result.created,
    failed: result.failed,
  });
  return result;
}
