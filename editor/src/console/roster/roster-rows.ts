/**
 * A roster table (header + rows of text) turned into case data (pure): headers matched to data
 * fields by key or title (`姓名` → `name`, `编号` → ref), cells typed by the data schema.
 */
import type { FieldInfo } from '../template-info.js';

/** The pseudo-field a column may map to for the case reference. */
export const REF = '$ref';
const REF_NAMES = ['ref', '编号', '参考号', 'reference', 'id', '序号'];

/** `年龄（岁）*` → `年龄`: case, spaces, marks and a bracketed note do not matter. */
const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*]/g, '');

/** For each header, the field it names (by key, Chinese or English title), REF, or '' (skip). */
export function matchHeaders(header: string[], fields: FieldInfo[]): string[] {
  const used = new Set<string>();
  return header.map((h) => {
    const n = norm(h);
    let found: string | undefined;
    if (REF_NAMES.includes(n)) found = REF;
    else
      for (const f of fields) {
        const title = f.title as { zh?: string; en?: string } | string | undefined;
        const names = [
          f.name,
          typeof title === 'string' ? title : '',
          typeof title === 'object' ? (title.zh ?? '') : '',
          typeof title === 'object' ? (title.en ?? '') : '',
        ].map(norm);
        if (names.includes(n)) {
          found = f.name;
          break;
        }
      }
    if (!found || used.has(found)) return '';
    used.add(found);
    return found;
  });
}

const TRUE = ['true', '是', 'yes', 'y', '1', '有'];
const FALSE = ['false', '否', 'no', 'n', '0', '无'];

/** A cell typed for its field; text that does not fit stays text (the server then says why). */
export function typeCell(text: string, type: string): unknown {
  const s = text.trim();
  if (type === 'integer' || type === 'number') {
    const n = Number(s);
    return s !== '' && Number.isFinite(n) ? n : s;
  }
  if (type === 'boolean') {
    const l = s.toLowerCase();
    return TRUE.includes(l) ? true : FALSE.includes(l) ? false : s;
  }
  return s;
}

/** One import line: `{ data, ref }`. Empty cells are left out (the field keeps its default). */
export interface RosterRecord {
  data: Record<string, unknown>;
  ref?: string;
}

/** The rows as import records, by the chosen mapping. */
export function toRecords(
  rows: string[][],
  mapping: string[],
  fields: FieldInfo[],
): RosterRecord[] {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  return rows.map((row) => {
    const record: RosterRecord = { data: {} };
    mapping.forEach((field, i) => {
      const text = (row[i] ?? '').trim();
      if (!field || text === '') return;
      if (field === REF) record.ref = text;
      else record.data[field] = typeCell(text, types.get(field) ?? 'string');
    });
    return record;
  });
}

/** Drop trailing empty rows (spreadsheets keep formatted blank lines). */
export function dropBlankRows(rows: string[][]): string[][] {
  return rows.filter((r) => r.some((c) => String(c ?? '').trim() !== ''));
}
