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
/** The JSON pointer of the place at `at` (keys and indices from the root). */
const pointer = (at: readonly (string | number)[]): string =>
  at.map((k) => `/${typeof k === 'number' ? k : escape(k)}`).join('');

/**
 * Every string and key at fault, with its path. The path is kept as a stack of keys and written
 * out only for a place at fault: nearly all input is storable, and a path string with two
 * replaces per key made for every value cost more than the check itself.
 */
function collect(value: unknown, at: (string | number)[], errors: FieldError[]): void {
  if (typeof value === 'string') {
    if (unstorable(value)) errors.push({ path: pointer(at), message: MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      at.push(i);
      collect(item, at, errors);
      at.pop();
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      at.push(key);
      if (unstorable(key)) errors.push({ path: pointer(at), message: `the key ${MESSAGE}` });
      collect(item, at, errors);
      at.pop();
    }
  }
}

/** Throw ValidationFailedError naming every string in `value` the database cannot store. */
export function checkStorable(what: string, value: unknown): void {
  const errors: FieldError[] = [];
  collect(value, [], errors);
  if (errors.length > 0) throw new ValidationFailedError(what, errors);
}
