/**
 * What a refusal says to the person, in their language: the catalog's text for the problem's
 * stable code (never the server's English `detail` in Chinese mode), and each field error with the
 * field's title.
 */
import type { Lang } from '../model/index.js';
import { messages, translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import { ApiProblem } from '../api/api-problem.js';

/** The headline for any failure. */
export function problemText(error: unknown, lang: Lang): string {
  if (error instanceof ApiProblem) {
    const key = `problem.${error.code}`;
    if (key in messages) return translate(lang, key as MessageKey);
    // An unknown code: the English detail is fine in English; Chinese gets the status.
    return lang === 'en' && error.detail
      ? error.detail
      : translate(lang, 'problemGeneric', { status: error.status });
  }
  return translate(lang, 'problem.network');
}

/** Field titles by JSON pointer (`/age` → 年龄), for field errors. */
export type FieldTitles = (pointer: string) => string;

/** Each field error of a 422 as a located sentence (`“年龄”的类型不对（应为整数）`). */
export function fieldProblemLines(error: unknown, lang: Lang, title: FieldTitles): string[] {
  if (!(error instanceof ApiProblem)) return [];
  return error.errors.map((e) => fieldProblemText(e.path, e.message, lang, title));
}

/** One field error in the person's language, from the server's (English, ajv-like) message. */
export function fieldProblemText(
  path: string,
  message: string,
  lang: Lang,
  title: FieldTitles,
): string {
  const field = title(path) || path.replace(/^\//, '') || '—';
  if (/required/.test(message)) return translate(lang, 'fieldRequired', { field });
  if (/not a declared field|additional/.test(message))
    return translate(lang, 'fieldUnknown', { field });
  const type = /must be (integer|number|boolean|string)/.exec(message)?.[1];
  if (type) {
    const typeKey = `type${type[0]!.toUpperCase()}${type.slice(1)}` as MessageKey;
    return translate(lang, 'fieldType', { field, type: translate(lang, typeKey) });
  }
  const shortest = /fewer than (\d+) characters/.exec(message)?.[1];
  if (shortest) return translate(lang, 'fieldTooShort', { field, n: shortest });
  const longest = /more than (\d+) characters/.exec(message)?.[1];
  if (longest) return translate(lang, 'fieldTooLong', { field, n: longest });
  if (/must be [<>]=?|minimum|maximum|fewer|more than/.test(message))
    return translate(lang, 'fieldRange', { field });
  return translate(lang, 'fieldInvalid', { field });
}
