/**
 * Rows of a bulk import, parsed as the body streams in. CSV: UTF-8, a header row naming data
 * fields (plus optional `ref` and `district` columns), cells typed by the template's data schema, an
 * empty cell leaving the field to its default. NDJSON: one `{ "data": {…}, "ref": "…",
 * "district": "…" }` per line.
 */
import { CsvError, parse } from 'csv-parse';
import { ValidationFailedError } from '../errors/engine-error.js';
import type { FieldError } from '../errors/engine-error.js';
import type { ImportRow } from '../store/index.js';
import type { JsonSchemaObject } from '../template/template.js';
import { loadApiSchemas } from './openapi/api-schemas.js';
import { HttpProblem, badRequest } from './http-problem.js';
import { invalidUtf8, unstorableString } from './read-body.js';

function nulCharacter(): HttpProblem {
  return badRequest(
    'invalid-string',
    'the body holds a NUL character, which cannot be stored; remove it',
  );
}

/** The body's bytes decoded as UTF-8 (BOM dropped), refusing invalid bytes with a 400. */
async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.includes('\u0000')) throw nulCharacter();
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) throw invalidUtf8();
    throw error;
  }
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
  有: true,
  无: false,
};

/** A CSV cell as the value its field's schema expects; unconvertible text is left for ajv to report. */
export function toFieldValue(cell: string, schema: JsonSchemaObject | undefined): unknown {
  if (cell === '') return undefined;
  const types =
    schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null');
  const text = cell.trim();
  if (type === 'integer' || type === 'number')
    return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : cell;
  if (type === 'boolean') return BOOLEAN_WORDS[text.toLowerCase()] ?? cell;
  if (type === 'array' || type === 'object') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return cell;
    }
  }
  return cell;
}

/**
 * Columns that are not data fields: the case's `ref`, and its `district` unless the template's data
 * declares a field of that name (then the column is that field, as it always was).
 */
function caseColumns(fields: Record<string, JsonSchemaObject>): string[] {
  return 'district' in fields ? ['ref'] : ['ref', 'district'];
}

/** Check the header row: every column a data field, `ref` or `district`, none twice. */
function checkHeader(header: string[], fields: Record<string, JsonSchemaObject>): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const known = Object.keys(fields);
  const extra = caseColumns(fields);
  header.forEach((name, index) => {
    const path = `/header/${index}`;
    if (name === '') errors.push({ path, message: 'column has no name' });
    else if (seen.has(name)) errors.push({ path, message: `column '${name}' appears twice` });
    else if (!extra.includes(name) && !(name in fields))
      errors.push({
        path,
        message: `column '${name}' is not a data field (fields: ${known.join(', ')}; plus ${extra.map((c) => `'${c}'`).join(' and ')})`,
      });
    seen.add(name);
  });
  if (errors.length > 0)
    throw new HttpProblem(
      422,
      'import-header-invalid',
      `the CSV header does not match the programme's data fields: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
}

/** Rows of a CSV body. */
export async function* readCsvRows(
  chunks: AsyncIterable<Uint8Array>,
  dataSchema: JsonSchemaObject | undefined,
): AsyncGenerator<ImportRow> {
  const fields = dataSchema?.properties ?? {};
  // `relax_quotes`: a quote inside an unquoted cell (`Wa"ng`, `=HYPERLINK("…")`) is text, as a
  // person typing a roster means it; quoted cells still follow RFC 4180. Cells are never evaluated:
  // a formula-looking cell is stored as the text it is (see `toSafeCell` for exports).
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  const pump = (async () => {
    for await (const text of decodeUtf8(chunks)) {
      // The reader may stop early (a bad header): then the parser closes and pumping ends.
      if (parser.destroyed) return;
      if (!parser.write(text))
        await new Promise<void>((resolve) => {
          const go = () => {
            parser.off('drain', go);
            parser.off('close', go);
            resolve();
          };
          parser.on('drain', go);
          parser.on('close', go);
        });
    }
    parser.end();
  })().catch((error: unknown) => parser.destroy(error as Error));
  let header: string[] | undefined;
  const notData = caseColumns(fields);
  /** Where the `ref` and `district` columns are (-1: absent, or `district` is a data field). */
  let refAt = -1;
  let districtAt = -1;
  /** Per column of the header: its data field's schema, or null for `ref`/`district`. */
  let columnSchemas: (JsonSchemaObject | undefined | null)[] = [];
  const cell = (record: string[], at: number) => (at >= 0 && record[at]?.trim()) || null;
  let row = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        checkHeader(header, fields);
        refAt = notData.includes('ref') ? header.indexOf('ref') : -1;
        districtAt = notData.includes('district') ? header.indexOf('district') : -1;
        columnSchemas = header.map((name) => (notData.includes(name) ? null : fields[name]));
        continue;
      }
      row += 1;
      const line = info.lines;
      const ref = cell(record, refAt);
      const district = cell(record, districtAt);
      if (record.length !== header.length) {
        yield {
          row,
          line,
          ref,
          error: {
            code: 'csv-columns',
            message: `the row has ${record.length} values but the header has ${header.length} columns`,
          },
        };
        continue;
      }
      const data: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) {
        const schema = columnSchemas[i];
        if (schema === null) continue;
        const value = toFieldValue(record[i]!, schema);
        if (value !== undefined) data[header[i]!] = value;
      }
      yield { row, line, ref, district, data };
    }
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    const e = error as { code?: string; message?: string; lines?: number };
    if (error instanceof CsvError || (typeof e.code === 'string' && e.code.startsWith('CSV_')))
      throw badRequest(
        'malformed-csv',
        `the CSV does not parse${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`,
      );
    throw error;
  }
  await pump;
  if (!header)
    throw new HttpProblem(
      422,
      'import-empty',
      'the CSV is empty; the first row must name the data fields',
    );
}

/** Rows of an NDJSON body: each line `{ "data": {…}, "ref": "…", "district": "…" }`; blank lines are skipped. */
export async function* readNdjsonRows(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<ImportRow> {
  const schemas = loadApiSchemas();
  let pending = '';
  let line = 0;
  let row = 0;
  function toRow(text: string): ImportRow | undefined {
    line += 1;
    if (text.trim() === '') return undefined;
    row += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return {
        row,
        line,
        ref: null,
        error: {
          code: 'malformed-json',
          message: `the line is not valid JSON: ${(error as Error).message}`,
        },
      };
    }
    const bad = unstorableString(value);
    if (bad !== undefined)
      return {
        row,
        line,
        ref: null,
        error: {
          code: 'invalid-string',
          message: `the text at ${bad || '/'} holds a NUL character or a lone surrogate, which cannot be stored`,
        },
      };
    try {
      const input = schemas.check<{
        data: Record<string, unknown>;
        ref?: string;
        district?: string;
      }>('case-create', `line ${line}`, value);
      return {
        row,
        line,
        ref: input.ref ?? null,
        district: input.district ?? null,
        data: input.data,
      };
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      const ref =
        typeof (value as { ref?: unknown })?.ref === 'string'
          ? (value as { ref: string }).ref
          : null;
      return {
        row,
        line,
        ref,
        error: {
          code: 'validation-failed',
          message: error.message,
          errors: [...error.fieldErrors],
        },
      };
    }
  }
  for await (const text of decodeUtf8(chunks)) {
    const lines = (pending + text).split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      const result = toRow(text.replace(/\r$/, ''));
      if (result) yield result;
    }
  }
  const last = toRow(pending.replace(/\r$/, ''));
  if (last) yield last;
}
