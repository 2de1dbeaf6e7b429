import { describe, expect, it } from 'vitest';
import { checkInScope, namesInScope, shortGuard } from './expression-help.js';
import { sampleValues } from './sample-values.js';
import { toFieldSchema, toFormFields } from './form-fields.js';
import { loadShipped } from '../test-support/shipped-templates.js';

describe('expression help', () => {
  const template = loadShipped('love-meals');

  it('checks a guard in its event’s scope with the engine checker', () => {
    expect(checkInScope(template, 'data.age >= params.minAge', 'review', 'bool')).toEqual([]);
    expect(checkInScope(template, 'data.agee >= 1', 'review', 'bool')[0]!.kind).toBe(
      'unknown-name',
    );
    expect(checkInScope(template, 'event.reason != ""', 'fail', 'bool')).toEqual([]);
    expect(checkInScope(template, 'event.reason != ""', 'review', 'bool')).not.toEqual([]);
    expect(checkInScope(template, 'data.age +', 'review', 'bool')[0]!.kind).toBe('syntax');
    expect(checkInScope(template, '   ', 'review', 'bool')).toEqual([]);
  });

  it('offers data, params, the event’s form, ledgers and now for completion', () => {
    const names = namesInScope(template, 'fail').map((n) => n.name);
    expect(names).toContain('data.mealsDelivered');
    expect(names).toContain('params.minAge');
    expect(names).toContain('event.reason');
    expect(names.at(-1)).toBe('now');
    expect(
      namesInScope(loadShipped('winter-kits'), undefined).some((n) =>
        n.name.startsWith("ledger['"),
      ),
    ).toBe(true);
  });

  it('shortens guards for edge labels', () => {
    expect(shortGuard('data.age >= params.minAge')).toBe('age >= minAge');
    expect(
      shortGuard('params.openEnrollment || (data.age >= params.minAge && data.mobilityImpaired)'),
    ).toHaveLength(28);
    expect(shortGuard(undefined)).toBeUndefined();
  });
});

describe('sample values and form fields', () => {
  it('fills defaults and plausible values for required fields', () => {
    const template = loadShipped('love-meals');
    expect(sampleValues(template.data)).toMatchObject({
      name: '示例',
      age: 0,
      address: '示例',
      careLevel: 0,
      mealsDelivered: 0,
    });
    expect(sampleValues(template.parameters)).toEqual({
      minAge: 80,
      minCareLevel: 5,
      openEnrollment: false,
    });
    expect(
      sampleValues({
        type: 'object',
        required: ['k', 'd'],
        properties: { k: { enum: ['x', 'y'] }, d: { type: 'string', format: 'date' } },
      }).k,
    ).toBe('x');
  });

  it('keeps description and bounds when a field changes kind only where they still apply', () => {
    const old = { type: 'integer', minimum: 0, maximum: 6, description: '说明' };
    expect(
      toFieldSchema(
        { name: 'n', kind: 'integer', title: undefined, required: false, options: [] },
        old,
      ),
    ).toEqual(old);
    expect(
      toFieldSchema(
        { name: 'n', kind: 'text', title: undefined, required: false, options: [] },
        old,
      ),
    ).toEqual({ type: 'string', description: '说明' });
    expect(
      toFormFields({
        type: 'object',
        properties: { c: { type: 'string', enum: ['a'] }, n: { type: 'number' } },
      }).map((f) => f.kind),
    ).toEqual(['choice', 'number']);
  });
});
