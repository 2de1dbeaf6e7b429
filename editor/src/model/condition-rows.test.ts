import { describe, expect, it } from 'vitest';
import { fromRows, literalFor, previewGuard, toRows, valueText } from './condition-rows.js';

describe('condition rows', () => {
  it('reads and writes the common shapes, leaving the rest to CEL', () => {
    const g = "data.age >= params.minAge && data.kind == 'a && b' && ledger['meals'] > 0";
    const rows = toRows(g)!;
    expect(rows).toEqual({
      join: 'and',
      rows: [
        { name: 'data.age', op: '>=', value: 'params.minAge' },
        { name: 'data.kind', op: '==', value: "'a && b'" },
        { name: "ledger['meals']", op: '>', value: '0' },
      ],
    });
    expect(fromRows(rows)).toBe(g);
    expect(toRows('data.a == 1 || data.b != true')!.join).toBe('or');
    expect(toRows('data.a == 1 || data.b == 2 && data.c == 3')).toBeUndefined();
    expect(toRows('size(data.list) > 0')).toBeUndefined();
    expect(toRows('(data.a == 1)')).toBeUndefined();
    expect(toRows('')).toEqual({ join: 'and', rows: [] });
    expect(fromRows({ join: 'and', rows: [] })).toBeUndefined();
  });
  it('quotes text values and keeps numbers, yes/no and names', () => {
    const names = [{ name: 'params.minAge', type: 'integer', title: undefined }];
    expect(literalFor('60', 'integer', names)).toBe('60');
    expect(literalFor('params.minAge', 'integer', names)).toBe('params.minAge');
    expect(literalFor("it's", 'string', names)).toBe("'it\\'s'");
    expect(valueText("'it\\'s'")).toBe("it's");
    expect(literalFor('true', 'boolean', names)).toBe('true');
  });
  it('previews a guard on a sample case', () => {
    const sample = { data: { age: 70 }, params: { minAge: 60 }, ledger: {}, now: new Date() };
    expect(previewGuard('data.age >= params.minAge', sample, {}, undefined)).toEqual({
      value: true,
    });
    expect(previewGuard('data.age < 60', sample, {}, undefined)).toEqual({ value: false });
    expect(previewGuard('data.nope > 1', sample, {}, undefined)).toHaveProperty('error');
  });
});
