/**
 * Bulk import of cases. The body is parsed and every row validated as it streams in; nothing is
 * written until the whole body has arrived and parsed, so a body that turns out too large, not
 * UTF-8 or not CSV leaves the database untouched. Valid rows are then opened set-based by the store
 * (`openCases`: a thousand rows per transaction, a refusal reported for its row and its neighbours
 * kept).
 */
import type { Context } from 'hono';
import {
  DuplicateCaseRefError,
  ProgrammeNotActiveError,
  ValidationFailedError,
} from '../../errors/engine-error.js';
import { validateCaseData } from '../../runtime/validate-case-input.js';
import { existingCaseRefs } from '../../store/case-ref-repository.js';
import { caseDistrict } from '../../store/district-scope.js';
import { openCases } from '../../store/open-cases.js';
import { getProgramme } from '../../store/programme-repository.js';
import type { ApiContext, ApiEnv } from '../api-context.js';
import { toStoreCaller } from '../caller.js';
import { HttpProblem } from '../http-problem.js';
import { readCsvRows, readNdjsonRows } from '../read-import-rows.js';
import type { ImportRow } from '../read-import-rows.js';
import { checkMediaType, readBodyChunks } from '../read-body.js';

/** How to import. */
export interface ImportOptions {
  dryRun: boolean;
  /** Skip rows whose ref already exists (in the programme or earlier in the file). */
  dedupe: boolean;
}

interface RowError {
  row: number;
  line: number;
  ref: string | null;
  code: string;
  message: string;
  errors?: { path: string; message: string }[];
}

interface RowCase {
  row: number;
  line: number;
  id: string | null;
  ref: string | null;
  skipped: boolean;
}

const MAX_LISTED_ERRORS = 1000;
/** Rows are held in memory until the body has been read whole; this bounds that memory. */
const MAX_ROWS = 100_000;

/** Import the request body into programme `programmeId`. */
export async function importCases(
  ctx: ApiContext,
  c: Context<ApiEnv>,
  programmeId: string,
  options: ImportOptions,
) {
  const caller = toStoreCaller(c.var.caller);
  const programme = await getProgramme(ctx.store, programmeId, caller.scope);
  if (programme.status !== 'active')
    throw new ProgrammeNotActiveError(programme.id, programme.status);
  const type = checkMediaType(c, ['text/csv', 'application/x-ndjson', 'application/ndjson']);
  const compiled = await ctx.store.templates.compiled(
    programme.templateId,
    programme.templateVersion,
    ctx.store.sql,
  );
  const chunks = readBodyChunks(c, ctx.limits.importBytes);
  const rows: AsyncIterable<ImportRow> =
    type === 'text/csv' ? readCsvRows(chunks, compiled.template.data) : readNdjsonRows(chunks);

  const errors: RowError[] = [];
  const cases: RowCase[] = [];
  const valid: {
    row: number;
    line: number;
    ref: string | null;
    district: string | null;
    data: Record<string, unknown>;
  }[] = [];
  const firstRowOfRef = new Map<string, number>();
  let count = 0;
  const fail = (e: RowError) => errors.push(e);

  for await (const row of rows) {
    count += 1;
    if (count > MAX_ROWS)
      throw new HttpProblem(
        422,
        'import-too-many-rows',
        `an import takes at most ${MAX_ROWS} rows; nothing was imported: split the file and send the parts one after another`,
      );
    if ('error' in row) {
      fail({ row: row.row, line: row.line, ref: row.ref, ...row.error });
      continue;
    }
    try {
      validateCaseData(compiled, row.data);
      caseDistrict(programme.district, row.district);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      fail({
        row: row.row,
        line: row.line,
        ref: row.ref,
        code: error.code,
        message: error.message,
        errors: [...error.fieldErrors],
      });
      continue;
    }
    if (row.ref !== null) {
      const first = firstRowOfRef.get(row.ref);
      if (first !== undefined) {
        if (options.dedupe)
          cases.push({ row: row.row, line: row.line, id: null, ref: row.ref, skipped: true });
        else
          fail({
            row: row.row,
            line: row.line,
            ref: row.ref,
            code: 'duplicate-ref',
            message: `ref '${row.ref}' already appears in row ${first}`,
          });
        continue;
      }
      firstRowOfRef.set(row.ref, row.row);
    }
    valid.push(row);
  }

  const duplicate = (row: { row: number; line: number; ref: string | null }) => {
    if (options.dedupe)
      cases.push({ row: row.row, line: row.line, id: null, ref: row.ref, skipped: true });
    else
      fail({
        row: row.row,
        line: row.line,
        ref: row.ref,
        code: 'duplicate-ref',
        message: `programme '${programme.id}' already has a case with ref '${row.ref}'`,
      });
  };

  let created = 0;
  if (options.dryRun) {
    // Nothing is written, so refs already taken are looked up rather than left to the insert.
    const existing = await existingCaseRefs(ctx.store, programme.id, [...firstRowOfRef.keys()]);
    for (const row of valid) {
      if (row.ref !== null && existing.has(row.ref)) duplicate(row);
      else {
        created += 1;
        cases.push({ row: row.row, line: row.line, id: null, ref: row.ref, skipped: false });
      }
    }
  } else {
    // Set-based, a chunk per transaction; refs already taken are refused by the insert itself.
    const outcomes = await openCases(
      ctx.store,
      programme.id,
      valid.map((row) => ({ data: row.data, ref: row.ref, district: row.district })),
      caller,
    );
    outcomes.forEach((outcome, i) => {
      const row = valid[i]!;
      if (outcome.ok) {
        created += 1;
        cases.push({
          row: row.row,
          line: row.line,
          id: outcome.case.id,
          ref: row.ref,
          skipped: false,
        });
      } else if (outcome.error instanceof DuplicateCaseRefError) duplicate(row);
      else
        fail({
          row: row.row,
          line: row.line,
          ref: row.ref,
          code: outcome.error.code,
          message: outcome.error.message,
        });
    });
  }
  cases.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  ctx.log.info('cases imported', {
    requestId: c.var.requestId,
    programmeId: programme.id,
    dryRun: options.dryRun,
    rows: count,
    created,
    failed: errors.length,
  });
  return {
    dryRun: options.dryRun,
    rows: count,
    created,
    skipped: cases.filter((x) => x.skipped).length,
    failed: errors.length,
    cases,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorsTruncated: errors.length > MAX_LISTED_ERRORS,
  };
}
