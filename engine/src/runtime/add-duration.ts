/**
 * ISO 8601 durations for timers. Days and longer are calendar units (a `P1D` reminder fires at the
 * same wall-clock time the next day in UTC), hours and shorter are exact.
 */
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parsed parts of a duration, or undefined when the text is not one. */
export function parseDuration(
  text: string,
): { years: number; months: number; days: number; ms: number } | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    years: n(1),
    months: n(2),
    days: n(3) * 7 + n(4),
    ms: ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000,
  };
}

/** `start` plus an ISO 8601 duration. Throws on text that is not a duration (validation rules it out). */
export function addDuration(start: Date, text: string): Date {
  const d = parseDuration(text);
  if (!d) throw new RangeError(`not an ISO 8601 duration: ${text}`);
  const at = new Date(start.getTime());
  at.setUTCFullYear(
    at.getUTCFullYear() + d.years,
    at.getUTCMonth() + d.months,
    at.getUTCDate() + d.days,
  );
  return new Date(at.getTime() + Math.round(d.ms));
}
