/**
 * The simulator's refusals in the designer's language, from the engine's error code and details
 * (never its English message in Chinese), and the form fields a refusal names.
 */
import { labelText } from '@relief/engine';
import type { JsonSchemaObject, Template } from '@relief/engine';
import type { Lang, SimFailure } from '../model/index.js';
import { translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import { fieldProblemText } from '../shell/problem-text.js';

interface FieldError {
  path: string;
  message: string;
}

/** The field errors of a refusal (empty unless the input did not match its form). */
export function failedFields(failure: SimFailure | undefined): FieldError[] {
  if (failure?.code !== 'validation-failed') return [];
  const errors = failure.details?.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : [];
}

/** Field name → what is wrong with it, for marking the form (`/age` → “年龄”必须填写). */
export function fieldMarks(
  failure: SimFailure | undefined,
  schema: JsonSchemaObject | undefined,
  lang: Lang,
): Map<string, string> {
  const marks = new Map<string, string>();
  for (const e of failedFields(failure)) {
    const name = e.path.split('/')[1] ?? '';
    if (!marks.has(name)) marks.set(name, fieldError(e, schema, lang));
  }
  return marks;
}

function fieldError(e: FieldError, schema: JsonSchemaObject | undefined, lang: Lang): string {
  return fieldProblemText(e.path, e.message, lang, (pointer) => {
    const name = pointer.split('/')[1] ?? '';
    return labelText(schema?.properties?.[name]?.title, lang) ?? name;
  });
}

const HEADLINE: Record<string, MessageKey> = {
  'event-not-accepted': 'engine.event-not-accepted',
  'guard-refused': 'engine.guard-failed',
  'ledger-insufficient': 'engine.ledger-insufficient',
  'expression-failed': 'engine.expr-eval',
  'expression-budget-exceeded': 'engine.expr-eval',
};

/**
 * Why a step or the start was refused, in `lang`. `schema` titles the fields; `english` is the
 * engine's message, shown only in English mode for a code the catalog does not word.
 */
export function simFailureText(
  failure: SimFailure | undefined,
  english: string,
  lang: Lang,
  template: Partial<Template>,
  schema: JsonSchemaObject | undefined,
  options: { starting?: boolean; role?: string } = {},
): string {
  const { starting = false, role } = options;
  const d = failure?.details ?? {};
  switch (failure?.code) {
    case 'validation-failed': {
      const headline = translate(
        lang,
        starting
          ? /^case data/.test(english)
            ? 'engine.invalid-data'
            : 'engine.invalid-params'
          : 'engine.invalid-payload',
      );
      const fields = failedFields(failure).map((e) => fieldError(e, schema, lang));
      return [headline, ...fields].join(lang === 'zh' ? '；' : '; ');
    }
    case 'role-not-allowed': {
      const title = (r: string) => labelText(template.roles?.[r], lang) ?? r;
      const allowed = (d.allowed as string[] | undefined) ?? [];
      return translate(lang, 'simNotRole', {
        role: title(role ?? ''),
        roles: allowed.map(title).join(lang === 'zh' ? '、' : ', '),
      });
    }
    default: {
      const key = failure ? HEADLINE[failure.code] : undefined;
      if (key)
        return translate(lang, key, { detail: typeof d.source === 'string' ? d.source : '' });
      return lang === 'en' ? english : translate(lang, 'engine.other');
    }
  }
}
