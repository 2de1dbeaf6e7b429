/** CSV and NDJSON rows of a bulk import: typing by the data schema, row and line numbers. */
import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../template/template.js';
import { readCsvRows, readNdjsonRows, toFieldValue } from './read-import-rows.js';

const schema: JsonSchemaObject = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    amount: { type: 'number' },
    mobilityImpaired: { type: 'boolean' },
    tags: { type: 'array' },
    note: { type: ['string', 'null'] },
  },
};

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts)
    yield await Promise.resolve(typeof part === 'string' ? new TextEncoder().encode(part) : part);
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('toFieldValue', () => {
  it('types cells by the field schema and leaves what does not convert for validation to report', () => {
    const props = schema.properties!;
    expect(toFieldValue('85', props.age)).toBe(85);
    expect(toFieldValue(' 12.50 ', props.amount)).toBe(12.5);
    expect(toFieldValue('八十', props.age)).toBe('八十');
    expect(
      ['是', '否', 'TRUE', 'no', '1'].map((c) => toFieldValue(c, props.mobilityImpaired)),
    ).toEqual([true, false, true, false, true]);
    expect(toFieldValue('["a"]', props.tags)).toEqual(['a']);
    expect(toFieldValue('', props.name)).toBeUndefined();
    expect(toFieldValue(' 王阿婆 ', props.note)).toBe(' 王阿婆 ');
  });
});

describe('readCsvRows', () => {
  it('reads a UTF-8 CSV with a BOM, quoted commas and newlines, split anywhere in a character', async () => {
    const text = '\uFEFFref,name,age\r\nA1,"王, 阿婆",85\r\nA2,"李\n老伯",78\r\n\r\nA3,张,\r\n';
    const bytes = new TextEncoder().encode(text);
    const rows = await collect(
      readCsvRows(
        chunksOf(bytes.subarray(0, 20), bytes.subarray(20, 21), bytes.subarray(21)),
        schema,
      ),
    );
    expect(rows).toEqual([
      { row: 1, line: 2, ref: 'A1', district: null, data: { name: '王, 阿婆', age: 85 } },
      { row: 2, line: 4, ref: 'A2', district: null, data: { name: '李\n老伯', age: 78 } },
      { row: 3, line: 6, ref: 'A3', district: null, data: { name: '张' } },
    ]);
  });

  it('reports a row with the wrong number of values, and refuses an unknown column up front', async () => {
    const rows = await collect(readCsvRows(chunksOf('name,age\n王,85,多余\n'), schema));
    expect(rows[0]).toMatchObject({ row: 1, line: 2, error: { code: 'csv-columns' } });
    await expect(
      collect(readCsvRows(chunksOf('name,colour\n王,red\n'), schema)),
    ).rejects.toMatchObject({ status: 422, code: 'import-header-invalid' });
    await expect(
      collect(readCsvRows(chunksOf('name\n', new Uint8Array([0xff])), schema)),
    ).rejects.toMatchObject({ status: 400, code: 'invalid-utf8' });
  });
});

describe('readCsvRows and districts', () => {
  it('reads a district column as the case district, an empty cell as the programme own', async () => {
    const rows = await collect(
      readCsvRows(chunksOf('ref,district,name\nA1,sh/putuo/grid-3,王\nA2,,李\n'), schema),
    );
    expect(rows).toEqual([
      { row: 1, line: 2, ref: 'A1', district: 'sh/putuo/grid-3', data: { name: '王' } },
      { row: 2, line: 3, ref: 'A2', district: null, data: { name: '李' } },
    ]);
  });

  it('keeps `district` a data field when the template declares one', async () => {
    const withField: JsonSchemaObject = {
      type: 'object',
      properties: { district: { type: 'string' } },
    };
    const rows = await collect(readCsvRows(chunksOf('district\n城东\n'), withField));
    expect(rows).toEqual([
      { row: 1, line: 2, ref: null, district: null, data: { district: '城东' } },
    ]);
  });
});

describe('readNdjsonRows', () => {
  it('reads the district of a line', async () => {
    const rows = await collect(
      readNdjsonRows(chunksOf('{"data":{"name":"王"},"ref":"A","district":"sh/putuo/x"}\n')),
    );
    expect(rows).toEqual([
      { row: 1, line: 1, ref: 'A', district: 'sh/putuo/x', data: { name: '王' } },
    ]);
  });

  it('reads one case per line, skipping blank lines and reporting bad ones with their line', async () => {
    const rows = await collect(
      readNdjsonRows(
        chunksOf(
          '{"data":{"name":"王"},"ref":"A"}\n\n{"dat',
          'a":{}}\r\n{oops}\n{"data":{},"x":1}',
        ),
      ),
    );
    expect(rows.map((r) => [r.row, r.line, 'error' in r ? r.error.code : 'ok'])).toEqual([
      [1, 1, 'ok'],
      [2, 3, 'ok'],
      [3, 4, 'malformed-json'],
      [4, 5, 'validation-failed'],
    ]);
  });
});

describe('readCsvRows and quotes', () => {
  it('keeps a quote inside an unquoted field as text (Wa"ng, =HYPERLINK("…")), never evaluated', async () => {
    const rows = await collect(
      readCsvRows(
        chunksOf(
          'ref,name,note\nr1,Wa"ng,x\nr2,"=HYPERLINK(""http://x"")",=HYPERLINK("http://x")\nr3,+1,@SUM(A1)\n',
        ),
        schema,
      ),
    );
    expect(rows).toEqual([
      { row: 1, line: 2, ref: 'r1', district: null, data: { name: 'Wa"ng', note: 'x' } },
      {
        row: 2,
        line: 3,
        ref: 'r2',
        district: null,
        data: { name: '=HYPERLINK("http://x")', note: '=HYPERLINK("http://x")' },
      },
      { row: 3, line: 4, ref: 'r3', district: null, data: { name: '+1', note: '@SUM(A1)' } },
    ]);
  });

  it('answers 400 with the line for quoting it cannot read, never a 500', async () => {
    await expect(
      collect(readCsvRows(chunksOf('ref,name\nr1,ok\nr2,"open\n'), schema)),
    ).rejects.toMatchObject({
      status: 400,
      code: 'malformed-csv',
      message: expect.stringMatching(/at line \d/),
    });
  });
});
