/**
 * Durations as a designer says them: a number and a unit (分钟 / 小时 / 天), stored as the ISO 8601
 * text the engine reads (`PT30M`, `PT2H`, `P3D`), and shown humanised on the canvas ("3天", "3 days").
 */
import type { Lang } from './field-operations.js';

/** The units the picker offers. */
export type DurationUnit = 'minutes' | 'hours' | 'days';

/** `n` and `unit` when `iso` is one number of one unit, else undefined (then the picker shows the text). */
export function parseDuration(iso: string): { n: number; unit: DurationUnit } | undefined {
  const m = /^P(?:(\d+)D|T(\d+)([HM]))$/.exec(iso.trim());
  if (!m) return undefined;
  if (m[1] !== undefined) return { n: Number(m[1]), unit: 'days' };
  return { n: Number(m[2]), unit: m[3] === 'H' ? 'hours' : 'minutes' };
}

/** The ISO 8601 text of `n` `unit`s. */
export function toIsoDuration(n: number, unit: DurationUnit): string {
  const whole = Math.max(0, Math.round(n));
  return unit === 'days' ? `P${whole}D` : `PT${whole}${unit === 'hours' ? 'H' : 'M'}`;
}

const WORDS: Record<Lang, Record<string, [string, string]>> = {
  zh: {
    Y: ['年', '年'],
    Mo: ['个月', '个月'],
    W: ['周', '周'],
    D: ['天', '天'],
    H: ['小时', '小时'],
    M: ['分钟', '分钟'],
    S: ['秒', '秒'],
  },
  en: {
    Y: [' year', ' years'],
    Mo: [' month', ' months'],
    W: [' week', ' weeks'],
    D: [' day', ' days'],
    H: [' hour', ' hours'],
    M: [' minute', ' minutes'],
    S: [' second', ' seconds'],
  },
};

/** `P3D` → "3天" / "3 days", `P1DT12H` → "1天12小时" / "1 day 12 hours"; other text unchanged. */
export function humanDuration(iso: string | undefined, lang: Lang): string {
  if (iso === undefined) return '?';
  const m =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
      iso.trim(),
    );
  if (!m || m.slice(1).every((p) => p === undefined)) return iso;
  const parts = (['Y', 'Mo', 'W', 'D', 'H', 'M', 'S'] as const).flatMap((unit, i) => {
    const v = m[i + 1];
    if (v === undefined) return [];
    const [one, many] = WORDS[lang][unit]!;
    return [`${v}${Number(v) === 1 ? one : many}`];
  });
  return parts.join(lang === 'zh' ? '' : ' ');
}
