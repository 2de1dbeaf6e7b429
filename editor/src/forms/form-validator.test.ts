import { describe, expect, it } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { formValidator, isMultipleOf } from './form-validator.js';
import { localiseError } from './JsonForm.js';

// The shapes the shipped templates' forms use: money in fen, dates, bounded integers, choices.
const schema: RJSFSchema = {
  type: 'object',
  required: ['amount', 'name'],
  properties: {
    amount: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.01 },
    day: { type: 'string', format: 'date' },
    name: { type: 'string', minLength: 2 },
    age: { type: 'integer', minimum: 0, maximum: 130 },
    kind: { enum: ['a', 'b'] },
    address: {
      type: 'object',
      required: ['street'],
      properties: { street: { type: 'string' }, 'no/unit': { type: 'integer' } },
    },
  },
};

const check = (data: Record<string, unknown>): unknown[][] =>
  formValidator
    .validateFormData(data, schema)
    .errors.map((e) => [e.name, e.property, e.params as unknown]);

describe('formValidator (no eval)', () => {
  it('accepts what the server accepts: 0.07 and 19.99 yuan, a real date', () => {
    expect(check({ amount: 0.07, name: '王阿婆' })).toEqual([]);
    expect(check({ amount: 19.99, name: '王阿婆', day: '2024-02-29', age: 130 })).toEqual([]);
    expect(check({ amount: 1234567.89, name: 'ab', kind: 'b', address: { street: 'x' } })).toEqual(
      [],
    );
    // 0.1 + 0.2 is 0.30000000000000004 in binary: a multiple of 0.01 at the server's precision.
    expect(check({ amount: 0.1 + 0.2, name: 'ab' })).toEqual([]);
  });

  it('refuses a fraction of a fen, a bad date, and reports each field with ajv keywords', () => {
    expect(
      check({ amount: 0.004, name: 'A', day: '2024-02-30', age: 1.5, kind: 'c', address: {} }),
    ).toEqual([
      ['multipleOf', '.amount', { limit: 0.01 }],
      ['format', '.day', { format: 'date' }],
      ['minLength', '.name', { limit: 2 }],
      ['type', '.age', { type: 'integer' }],
      ['enum', '.kind', { allowedValues: ['a', 'b'] }],
      ['required', '.address.street', { missingProperty: 'street' }],
    ]);
    expect(check({ name: 'ab', age: 131, address: { street: 'x', 'no/unit': 'x' } })).toEqual([
      ['required', '.amount', { missingProperty: 'amount' }],
      ['maximum', '.age', { limit: 130 }],
      ['type', '.address.no/unit', { type: 'integer' }],
    ]);
  });

  it('puts each error on its field, worded in the person language', () => {
    const { errors, errorSchema } = formValidator.validateFormData(
      { amount: 0.004, name: 'ab' },
      schema,
      undefined,
      (list) => list.map((e) => localiseError(e, 'zh')),
    );
    expect(errors).toHaveLength(1);
    expect(errorSchema.amount?.__errors).toEqual([errors[0]!.message]);
    expect(errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(errors[0]!.message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('answers isValid for sub-schemas that refer to the root', () => {
    const root: RJSFSchema = {
      $defs: { fen: { type: 'number', multipleOf: 0.01 } },
      type: 'object',
      properties: { pay: { oneOf: [{ $ref: '#/$defs/fen' }, { type: 'string' }] } },
    };
    expect(formValidator.isValid({ $ref: '#/$defs/fen' }, 0.07 as never, root)).toBe(true);
    expect(formValidator.isValid({ $ref: '#/$defs/fen' }, 0.004 as never, root)).toBe(false);
  });

  it('decides multipleOf as the server does', () => {
    expect(isMultipleOf(0.07, 0.01)).toBe(true);
    expect(isMultipleOf(0.004, 0.01)).toBe(false);
    expect(isMultipleOf(1e-9, 0.01)).toBe(false);
  });
});
