/**
 * Bulk import of cases into a programme: every row validated against the template's data schema
 * as the rows arrive, refs deduplicated within the file and against the programme, then the valid
 * rows opened set-based (`openCases`: a thousand rows per transaction, on PGlite chunks of about
 * 40 ms with other requests served between them, a refusal reported for its row and its neighbours
 * kept), or, on a dry run, only counted. Nothing is written until the last
 * row has been read, so a source that fails half way leaves the database untouched. Where the rows
 * come from (an HTTP body, a file) is the caller's business.
 */
import {
  DuplicateCaseRefError,
  ImportTooLargeError,
  ProgrammeNotActiveError,
  ValidationFailedError,
} from '../errors/engine-error.js';
import type { FieldError } from '../errors/engine-error.js';
import { validateCaseData } from '../runtime/validate-case-input.js';
import type { Template } from '../template/template.js';
import { existingCaseRefs } from './case-ref-repository.js';
import { caseListCursorAt } from './case-repository.js';
import { createTimeSlicer } from './create-time-slicer.js';
import { caseDistrict } from './district-scope.js';
import { openValidatedCases } from './open-cases.js';
import { getProgramme } from './programme-repository.js';
import type { Caller, StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';

/** One row of an import: its case input, or why it could not be read. */
export type ImportRow =
  | {
      row: number;
      line: number;
      ref: string | null;
      /** The case's district (below the programme's), or null for the programme's own. */
      district: string | null;
      data: Record<string, unknown>;
    }
  | {
      row: number;
      line: number;
      ref: string | null;
      error: { code: string; message: string; errors?: FieldError[] };
    };

/** How to import. */
export interface ImportOptions {
  dryRun: boolean;
  /** Skip rows whose ref already exists (in the programme or earlier in the file). */
  dedupe: boolean;
}

/** A row that was refused, and why. */
export interface ImportRowError {
  row: number;
  line: number;
  ref: string | null;
  code: string;
  message: string;
  errors?: FieldError[];
}

/** A row that opened a case (`id`), would open one (dry run: `id` null), or was skipped. */
export interface ImportRowCase {
  row: number;
  line: number;
  id: string | null;
  ref: string | null;
  skipped: boolean;
}

/** What an import did: counts of every row, the first rows listed. */
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  skipped: number;
  failed: number;
  /** The first `MAX_LISTED_IMPORT_CASES` rows that opened (or would open) a case or were skipped, in row order. */
  cases: ImportRowCase[];
  casesTruncated: boolean;
  /**
   * When `cases` is cut short before cases that were opened: the case list's cursor at the first
   * of them, so `GET /programmes/{id}/cases?cursor=` goes on with them in file order.
   */
  casesCursor: string | null;
  /** The first `MAX_LISTED_IMPORT_ERRORS` refusals, in row order. */
  errors: ImportRowError[];
  errorsTruncated: boolean;
}

/** Refusals listed in a result; `failed` counts them all. */
export const MAX_LISTED_IMPORT_ERRORS = 1000;
/**
 * Cases listed in a result; the counts cover them all. 100,000 listed cases made a 10 MB answer
 * that took the server's thread a third of a second to write while every other request waited.
 */
export const MAX_LISTED_IMPORT_CASES = 1000;
/** Rows are held in memory until the source has been read whole; this bounds that memory. */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * Import rows into programme `programmeId` (in the caller's scope, active). `readRows` is called
 * once the programme is known, with its template's data fields (a CSV reader types cells by them).
 */
export async function importCases(
  ctx: StoreContext,
  programmeId: string,
  readRows: (fields: Template['data']) => AsyncIterable<ImportRow>,
  options: ImportOptions,
  caller: Caller,
): Promise<ImportResult> {
  const programme = await getProgramme(ctx, programmeId, caller.scope);
  if (programme.status !== 'active')
    throw new ProgrammeNotActiveError(programme.id, programme.status);
  const compiled = await compiledTemplate(ctx, programme.templateId, programme.templateVersion);
  const rows = readRows(compiled.template.data);

  const errors: ImportRowError[] = [];
  const cases: ImportRowCase[] = [];
  const valid: {
    row: number;
    line: number;
    ref: string | null;
    district: string | null;
    data: Record<string, unknown>;
  }[] = [];
  const firstRowOfRef = new Map<string, number>();
  let count = 0;
  const fail = (e: ImportRowError) => errors.push(e);
  // Checking 100,000 rows takes seconds; other requests are served every few milliseconds meanwhile.
  const slice = createTimeSlicer();

  for await (const row of rows) {
    await slice();
    count += 1;
    if (count > MAX_IMPORT_ROWS) throw new ImportTooLargeError(MAX_IMPORT_ROWS);
    if ('error' in row) {
      fail({ row: row.row, line: row.line, ref: row.ref, ...row.error });
      continue;
    }
    let data: Record<string, unknown>;
    try {
      // Kept (defaults filled) and handed to the bulk open, which then need not check it again.
      data = validateCaseData(compiled, row.data);
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
    valid.push({ ...row, data });
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
    const existing = await existingCaseRefs(ctx, programme.id, [...firstRowOfRef.keys()]);
    for (const row of valid) {
      if (row.ref !== null && existing.has(row.ref)) duplicate(row);
      else {
        created += 1;
        cases.push({ row: row.row, line: row.line, id: null, ref: row.ref, skipped: false });
      }
    }
  } else {
    // Set-based, a chunk per transaction; refs already taken are refused by the insert itself.
    const outcomes = await openValidatedCases(
      ctx,
      programme.id,
      valid.map((row) => ({ data: row.data, ref: row.ref, district: row.district })),
      caller,
      compiled,
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
  const listed = cases.slice(0, MAX_LISTED_IMPORT_CASES);
  const casesTruncated = cases.length > listed.length;
  const firstUnlisted = cases.slice(listed.length).find((x) => x.id !== null);
  return {
    dryRun: options.dryRun,
    rows: count,
    created,
    skipped: cases.filter((x) => x.skipped).length,
    failed: errors.length,
    cases: listed,
    casesTruncated,
    casesCursor: firstUnlisted ? await caseListCursorAt(ctx, firstUnlisted.id!) : null,
    errors: errors.slice(0, MAX_LISTED_IMPORT_ERRORS),
    errorsTruncated: errors.length > MAX_LISTED_IMPORT_ERRORS,
  };
}
