/**
 * Tables out to CSV and XLSX (pure parts and the download). A cell that a spreadsheet would run as
 * a formula (`=`, `+`, `-`, `@`, tab, CR first) is written as text: in CSV with a leading `'`, in
 * XLSX as a string cell (never a formula cell).
 */

/** A table cell. */
export type Cell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** The text a CSV cell carries (formula-looking text made inert). */
export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = FORMULA.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM (so Excel reads Chinese), CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Offer a file to the browser. */
export function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The table as an XLSX workbook (the spreadsheet library loads only now). */
export async function toXlsx(
  sheet: string,
  header: string[],
  rows: Cell[][],
): Promise<ArrayBuffer> {
  const XLSX = await import('@e965/xlsx');
  const cells = [header, ...rows].map((r) =>
    r.map((c) =>
      c === null || c === undefined
        ? { t: 's', v: '' }
        : typeof c === 'number'
          ? { t: 'n', v: c }
          : typeof c === 'boolean'
            ? { t: 'b', v: c }
            : { t: 's', v: c },
    ),
  );
  const ws = XLSX.utils.aoa_to_sheet(cells);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet.slice(0, 31) || 'Sheet1');
  return XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
}
