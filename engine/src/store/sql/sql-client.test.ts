import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { cases } from '../schema.js';
import { arrayLiteral, jsonb, textArray, toQuery } from './sql-client.js';

// toQuery renders the store's statements itself (faster than drizzle's generic walk) and must give
// exactly drizzle's text and parameters; this guards it across drizzle upgrades.
const dialect = new PgDialect();
const id = '5f0c7a52-8d1e-4c55-9a43-0f3f5c1d2b7e';
const statements = {
  params: sql`select * from cases where id = ${id} and version = ${3} and done = ${false}`,
  nested: sql`update cases set data = ${jsonb({ a: 1 })}, active_states = ${textArray(['a', 'a.b'])} where ${sql`id = ${id}`}`,
  nulls: sql`insert into t (a, b, c) values (${null}, ${new Date(0)}, ${'王阿婆'})`,
  columns: sql`select ${cases.id} from ${cases} where ${cases.programmeId} = ${id}`,
  inlined: sql`select ${1} as one`.inlineParams(),
  list: sql`select * from t where id in ${[1, 2, 3]}`,
};

describe('toQuery', () => {
  for (const [name, statement] of Object.entries(statements)) {
    it(`renders ${name} exactly as drizzle does`, () => {
      const { sql: text, params } = toQuery(statement);
      const expected = dialect.sqlToQuery(statement);
      expect({ text, params }).toEqual({ text: expected.sql, params: expected.params });
    });
  }
});

describe('arrayLiteral', () => {
  it('quotes text (escaping quotes and backslashes), writes numbers, booleans and NULL bare', () => {
    expect(arrayLiteral(['a"b', 'c\\d', '{x,y}', '', null, 1, 2.5, true])).toBe(
      '{"a\\"b","c\\\\d","{x,y}","",NULL,1,2.5,true}',
    );
    expect(arrayLiteral([])).toBe('{}');
  });
});
