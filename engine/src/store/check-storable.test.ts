import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../errors/engine-error.js';
import { checkStorable } from './check-storable.js';

const refusal = (value: unknown) => {
  try {
    checkStorable('case data', value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).fieldErrors.map((e) => e.path);
  }
  return undefined;
};

describe('checkStorable', () => {
  it('lets storable input through, however nested', () => {
    expect(
      refusal({ name: '王秀英', tags: ['低盐', { note: '😀 ok' }], n: 1, none: null, yes: true }),
    ).toBeUndefined();
    expect(refusal([])).toBeUndefined();
    expect(refusal('plain')).toBeUndefined();
  });

  it('names every string and key that cannot be stored, with escaped paths', () => {
    expect(
      refusal({
        ok: 'fine',
        'a/b~c': 'nul \u0000 here',
        list: ['fine', 'lone \ud800 surrogate', { 'key \udc00': 1 }],
      }),
    ).toEqual(['/a~1b~0c', '/list/1', '/list/2/key \udc00']);
  });
});
