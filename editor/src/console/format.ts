/** Dates and numbers as people in the programme read them (Asia/Shanghai, the UI language). */
import type { Lang } from '../model/index.js';

const ZONE = 'Asia/Shanghai';

/** `2026-12-01 14:05`. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** `1,234`. */
export const formatNumber = (n: number, lang: Lang): string =>
  n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A case-data value for a table cell: yes/no in words, objects as JSON. */
export function formatValue(value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean')
    return value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}

/** An ISO 8601 duration (`P3D`, `PT30M`) in milliseconds (years and months as 365 and 30 days). */
export function durationMs(iso: string): number {
  const m =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      iso,
    );
  if (!m) return NaN;
  const n = (i: number) => Number(m[i] ?? 0);
  return (
    ((((n(1) * 365 + n(2) * 30 + n(3) * 7 + n(4)) * 24 + n(5)) * 60 + n(6)) * 60 + n(7)) * 1000
  );
}

/** `P3D` → 3天 / 3 days (the largest whole unit). */
export function formatDuration(iso: string, lang: Lang): string {
  const ms = durationMs(iso);
  if (!Number.isFinite(ms)) return iso;
  const units: [number, string, string][] = [
    [86_400_000, '天', 'day'],
    [3_600_000, '小时', 'hour'],
    [60_000, '分钟', 'minute'],
    [1000, '秒', 'second'],
  ];
  for (const [size, zh, en] of units)
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return lang === 'zh' ? `${n}${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`;
    }
  return iso;
}

/** An actor id (a key's or a person's) shortened for a table; the full one goes in a tooltip. */
export const shortId = (id: string | null | undefined): string =>
  !id ? '—' : /^[0-9a-f-]{36}$/.test(id) ? `${id.slice(0, 8)}…` : id;

/** A value shown as text only when it is text or a number (never `[object Object]`). */
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
