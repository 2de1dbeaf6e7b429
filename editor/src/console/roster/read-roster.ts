/**
 * Read a roster file into a header and rows of text: CSV (Papa Parse) or XLSX (SheetJS, the
 * first sheet). Both libraries load only when a file is read.
 */
import { dropBlankRows } from './roster-rows.js';

/** The table in a file. */
export interface RosterTable {
  header: string[];
  rows: string[][];
}

/** Read `file` (by its name: .xlsx/.xls/.ods as a workbook, anything else as CSV). */
export async function readRoster(file: File): Promise<RosterTable> {
  const all = /\.(xlsx|xlsm|xls|ods)$/i.test(file.name)
    ? await readWorkbook(await file.arrayBuffer())
    : await readCsv(await file.text());
  const [header = [], ...rows] = all;
  return { header: header.map((h) => String(h).trim()), rows: dropBlankRows(rows) };
}

async function readWorkbook(data: ArrayBuffer): Promise<string[][]> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.read(data, { type: 'array', cellDates: false });
  const first = book.SheetNames[0];
  const sheet = first ? book.Sheets[first] : undefined;
  if (!sheet) return [];
  return XLSX.utils.sheet_to_json<string[]>(sheet, {
    header: 1,
    raw: false,
    defval: '',
    blankrows: false,
  });
}

async function readCsv(text: string): Promise<string[][]> {
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data;
}
