/**
 * The one rule for writing case data into a spreadsheet cell (CSV or XLSX exports): the value is
 * text, never a formula. A string a spreadsheet would evaluate — starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return, or their full-width forms `＝＋－＠` that CJK spreadsheets also
 * accept — gets a leading apostrophe, which spreadsheets show as a text marker and do not evaluate
 * (OWASP, "CSV injection"). Numbers and booleans stay as they are. Imports store cells verbatim
 * and never evaluate them; only exports need this.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell text for `value`: plain text, with formula-looking strings made inert. */
export function toSafeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV line (RFC 4180, CRLF) of safe cells: quoted when they hold a comma, quote or newline. */
export function toCsvLine(values: readonly unknown[]): string {
  return (
    values
      .map((value) => {
        const cell = toSafeCell(value);
        return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
      })
      .join(',') + '\r\n'
  );
}
