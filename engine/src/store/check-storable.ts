/**
 * PostgreSQL cannot store every JavaScript string: `text` refuses NUL, and `jsonb` refuses the
 * escapes JSON.stringify writes for NUL and for unpaired UTF-16 surrogates. Such input is refused
 * here, as invalid with a field path, instead of failing deep in a statement as a server error.
 */
import { ValidationFailedError } from '../errors/engine-error.js';
import type { FieldError } from '../errors/engine-error.js';

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string): boolean => text.includes('\0') || UNPAIRED_SURROGATE.test(text);
const MESSAGE = 'contains a NUL character or an unpaired surrogate, which cannot be stored';

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function collect(value: unknown, path: string, errors: FieldError[]): void {
  if (typeof value === 'string') {
    if (unstorable(value)) errors.push({ path, message: MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${path}/${i}`, errors));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorable(key))
        errors.push({ path: `${path}/${escape(key)}`, message: `the key ${MESSAGE}` });
      collect(item, `${path}/${escape(key)}`, errors);
    }
  }
}

/** Whether every string and key in `value` can be stored: the walk without paths, for valid input. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !unstorable(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (unstorable(key) || !storable((value as Record<string, unknown>)[key])) return false;
    }
  }
  return true;
}

/** Throw ValidationFailedError naming every string in `value` the database cannot store. */
export function checkStorable(what: string, value: unknown): void {
  // Nearly all input is storable: the paths (a string and two replaces per key) are built only
  // for input that is not, to name every place at fault.
  if (storable(value)) return;
  const errors: FieldError[] = [];
  collect(value, '', errors);
  if (errors.length > 0) throw new ValidationFailedError(what, errors);
}
