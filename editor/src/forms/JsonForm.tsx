/**
 * THE form of the app for a template's JSON Schema — programme parameters, case data, an event's
 * payload — drawn by @rjsf/core and checked by `formValidator` (no `eval`), with the template's bilingual
 * titles, descriptions and defaults, and every label and validation message in the person's
 * language from the one catalog. Server field errors (422) are shown on their fields.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import { englishStringTranslator } from '@rjsf/utils';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, TranslatableString } from '@rjsf/utils';
import { messages, translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Lang } from '../model/index.js';
import { useLang } from '../shell/lang-store.js';
import { formValidator } from './form-validator.js';
import { localiseSchema } from './localise-schema.js';

type Value = Record<string, unknown>;

/** What a form is given. */
export interface JsonFormProps {
  /** The template's schema (titles may be `{ zh, en }`). */
  schema: Record<string, unknown>;
  value: Value;
  onChange?: (value: Value) => void;
  onSubmit: (value: Value) => void;
  /** Field errors from the server: JSON pointer → message already in the person's language. */
  serverErrors?: Record<string, string>;
  disabled?: boolean;
  /** The buttons (the form's submit and others). */
  children: ReactNode;
  id: string;
}

/** The rjsf form, in the current language. */
export function JsonForm(props: JsonFormProps) {
  const lang = useLang();
  const schema = useMemo(
    () => localiseSchema(props.schema, lang) as RJSFSchema,
    [props.schema, lang],
  );
  const extraErrors = useMemo(() => toErrorSchema(props.serverErrors), [props.serverErrors]);
  return (
    <Form
      className="json-form"
      idPrefix={props.id}
      schema={schema}
      formData={props.value}
      validator={formValidator}
      disabled={props.disabled}
      noHtml5Validate
      showErrorList={false}
      focusOnFirstError
      {...(extraErrors && { extraErrors })}
      transformErrors={(errors) => errors.map((e) => localiseError(e, lang))}
      translateString={(key: TranslatableString, params?: string[]) => {
        const english = englishStringTranslator(key, params);
        const own = `form.${String(key)}`;
        return own in messages ? translate(lang, own as MessageKey) : english;
      }}
      onChange={(e: IChangeEvent<Value>) => props.onChange?.(e.formData ?? {})}
      onSubmit={(e: IChangeEvent<Value>) => props.onSubmit(e.formData ?? {})}
    >
      {props.children}
    </Form>
  );
}

/** One validation error in the person's language. */
export function localiseError(error: RJSFValidationError, lang: Lang): RJSFValidationError {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const limit = [params.limit, params.comparison]
    .map((v) => (typeof v === 'number' ? String(v) : ''))
    .join('');
  let key: MessageKey = 'valid.other';
  const args: Record<string, string> = { limit };
  switch (error.name) {
    case 'required':
      key = 'valid.required';
      break;
    case 'type': {
      const type = typeof params.type === 'string' ? params.type : '';
      key = (
        ['integer', 'number', 'boolean', 'string'].includes(type) ? `valid.${type}` : 'valid.other'
      ) as MessageKey;
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'enum':
    case 'pattern':
      key = `valid.${error.name}` as MessageKey;
      break;
    case 'format':
      key = 'valid.format';
      args.format =
        params.format === 'date'
          ? translate(lang, 'valid.dateFormat')
          : typeof params.format === 'string'
            ? params.format
            : '';
      break;
  }
  const message = translate(lang, key, args);
  return { ...error, message, stack: message };
}

function toErrorSchema(errors: Record<string, string> | undefined): ErrorSchema | undefined {
  if (!errors || Object.keys(errors).length === 0) return undefined;
  const root: Record<string, unknown> = {};
  for (const [pointer, message] of Object.entries(errors)) {
    let node = root;
    for (const part of pointer.split('/').filter(Boolean))
      node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(message);
  }
  return root as ErrorSchema;
}
