import { describe, expect, it } from 'vitest';
import { REF, matchHeaders, toRecords, typeCell } from './roster-rows.js';
import type { FieldInfo } from '../template-info.js';

const fields: FieldInfo[] = [
  { name: 'name', title: { zh: '姓名', en: 'Name' }, type: 'string', required: true },
  { name: 'age', title: { zh: '年龄', en: 'Age' }, type: 'integer', required: true },
  {
    name: 'mobilityImpaired',
    title: { zh: '行动不便', en: 'Mobility impaired' },
    type: 'boolean',
    required: false,
  },
  {
    name: 'address',
    title: { zh: '送餐地址', en: 'Delivery address' },
    type: 'string',
    required: true,
  },
];

describe('roster rows', () => {
  it('matches Chinese and English headers by title, keys and ref; leaves the rest to the person', () => {
    expect(
      matchHeaders(['编号', '姓名 ', 'AGE', '行动不便（是/否）', '地址', '姓名'], fields),
    ).toEqual([
      REF,
      'name',
      'age',
      'mobilityImpaired',
      '',
      '', // a second 姓名 column is not mapped twice
    ]);
  });

  it('types cells by the data schema and keeps text that does not fit for the server to refuse', () => {
    expect(typeCell(' 85 ', 'integer')).toBe(85);
    expect(typeCell('八十', 'integer')).toBe('八十');
    expect(typeCell('是', 'boolean')).toBe(true);
    expect(typeCell('FALSE', 'boolean')).toBe(false);
    expect(typeCell('也许', 'boolean')).toBe('也许');
    expect(typeCell('=1+1', 'string')).toBe('=1+1');
  });

  it('turns rows into import records, leaving empty cells to their defaults', () => {
    const records = toRecords(
      [
        ['LM-1', '王阿婆', '85', '是', '梅岭北路 3 号'],
        ['', '李老伯', '', '', '梅岭北路 5 号'],
      ],
      [REF, 'name', 'age', 'mobilityImpaired', 'address'],
      fields,
    );
    expect(records).toEqual([
      {
        ref: 'LM-1',
        data: { name: '王阿婆', age: 85, mobilityImpaired: true, address: '梅岭北路 3 号' },
      },
      { data: { name: '李老伯', address: '梅岭北路 5 号' } },
    ]);
  });
});
