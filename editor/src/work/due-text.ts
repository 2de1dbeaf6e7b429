/** A deadline as the phone says it: "due in 3 h" or "overdue by 20 min". */
import type { Translate } from '../shell/lang-store.js';

/** The text, and whether it is overdue. */
export function dueText(
  deadline: string | null,
  t: Translate,
  now = Date.now(),
): { text: string; overdue: boolean } | null {
  if (!deadline) return null;
  const ms = Date.parse(deadline) - now;
  const span = Math.abs(ms);
  const minutes = Math.max(1, Math.round(span / 60_000));
  const time =
    minutes < 90
      ? t('workMinutes', { n: minutes })
      : minutes < 48 * 60
        ? t('workHours', { n: Math.round(minutes / 60) })
        : t('workDays', { n: Math.round(minutes / 1440) });
  return ms < 0
    ? { text: t('workOverdue', { time }), overdue: true }
    : { text: t('workDueIn', { time }), overdue: false };
}
