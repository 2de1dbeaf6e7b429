/** A template label (`{ zh, en }` or a plain string) in one language. */
import type { Lang } from '../model/index.js';

/** The label in `lang`, or the other language, or the fallback. */
export function pickLabel(label: unknown, lang: Lang, fallback = ''): string {
  if (typeof label === 'string') return label;
  if (label && typeof label === 'object') {
    const l = label as Record<string, unknown>;
    const text = l[lang] ?? l[lang === 'zh' ? 'en' : 'zh'];
    if (typeof text === 'string') return text;
  }
  return fallback;
}
