/** Export cells are text, never formulas; CSV lines read back to the same cells. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsvLine, toSafeCell } from './to-safe-cell.js';

describe('toSafeCell', () => {
  it('makes formula-looking strings inert and leaves the rest alone', () => {
    expect(
      [
        '=HYPERLINK("http://x","click")',
        '+1',
        '-2+3',
        '@SUM(A1)',
        '\t=1',
        '\r=1',
        '＝1+1',
        '王阿婆',
        'Wa"ng',
        '',
      ].map(toSafeCell),
    ).toEqual([
      `'=HYPERLINK("http://x","click")`,
      `'+1`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\t=1`,
      `'\r=1`,
      `'＝1+1`,
      '王阿婆',
      'Wa"ng',
      '',
    ]);
    expect([-5, 0.5, true, null, undefined, { a: '=1' }].map(toSafeCell)).toEqual([
      '-5',
      '0.5',
      'true',
      '',
      '',
      '{"a":"=1"}',
    ]);
  });

  it('writes CSV lines a parser reads back cell for cell', () => {
    const row = ['r1', 'Wa"ng', '=HYPERLINK("x")', '王, 阿婆', 'a\nb', -5];
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- parse() is untyped here
    const [back] = parse(toCsvLine(row)) as string[][];
    expect(back).toEqual(['r1', 'Wa"ng', `'=HYPERLINK("x")`, '王, 阿婆', 'a\nb', '-5']);
  });
});
