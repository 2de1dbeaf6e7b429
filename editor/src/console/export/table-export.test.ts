import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toXlsx } from './table-export.js';

describe('table export', () => {
  it('writes CSV with a BOM, quoting, and formula-looking text made inert', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('王, 阿婆')).toBe('"王, 阿婆"');
    expect(toCsv(['姓名', '年龄'], [['王阿婆', 85]])).toBe('\uFEFF姓名,年龄\r\n王阿婆,85\r\n');
  });

  it('writes XLSX whose formula-looking cells are text, never formulas', async () => {
    const data = await toXlsx('cases', ['姓名', '备注', '数'], [['王阿婆', '=1+1', 3]]);
    const sheet = XLSX.read(data, { type: 'array' }).Sheets.cases!;
    expect(sheet.B2).toMatchObject({ t: 's', v: '=1+1' });
    expect(sheet.B2.f).toBeUndefined();
    expect(sheet.C2).toMatchObject({ t: 'n', v: 3 });
  });
});
