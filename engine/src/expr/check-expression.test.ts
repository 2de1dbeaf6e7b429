import { describe, expect, it } from 'vitest';
import { checkExpression } from './index.js';
import type { ExprScope } from './index.js';

const LOVE_MEALS_GUARD =
  'params.openEnrollment || (data.age >= params.minAge && data.mobilityImpaired) || data.careLevel >= params.minCareLevel';
const DATA_FIELDS =
  'age, careLevel, household, items, mealsDelivered, mobilityImpaired, name, note, revenue, status, tags';

const scope: ExprScope = {
  data: {
    type: 'object',
    required: ['name', 'age'],
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'integer', minimum: 0 },
      careLevel: { type: 'integer', default: 0 },
      mobilityImpaired: { type: 'boolean' },
      mealsDelivered: { type: 'integer' },
      revenue: { type: 'number' },
      status: { enum: ['open', 'closed'] },
      note: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string' } },
      items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } },
      household: {
        type: 'object',
        properties: { size: { type: 'integer' }, city: { type: 'string' } },
      },
    },
  },
  params: {
    type: 'object',
    properties: {
      minAge: { type: 'integer', default: 80 },
      minCareLevel: { type: 'integer', default: 5 },
      openEnrollment: { type: 'boolean', default: false },
    },
  },
  event: { type: 'object', properties: { hot: { type: 'boolean' }, revenue: { type: 'integer' } } },
  ledgers: ['quilt-sets', 'yuan'],
};

describe('checkExpression', () => {
  it('accepts the love-meals guard as a condition', () => {
    expect(checkExpression(LOVE_MEALS_GUARD, scope, 'bool')).toEqual([]);
  });

  describe('unknown names', () => {
    it('reports an unknown data field at the field name, listing the declared ones', () => {
      expect(checkExpression('data.agee >= params.minAge', scope, 'bool')).toEqual([
        {
          kind: 'unknown-name',
          message: `unknown field 'agee' on data; declared fields: ${DATA_FIELDS}`,
          offset: 5,
          length: 4,
        },
      ]);
    });

    it('reports every unknown name, in source order', () => {
      const problems = checkExpression('params.minAg > 1 && data.agee > 2', scope, 'bool');
      expect(problems.map((p) => [p.kind, p.offset, p.length])).toEqual([
        ['unknown-name', 7, 5],
        ['unknown-name', 25, 4],
      ]);
      expect(problems[0]!.message).toBe(
        "unknown field 'minAg' on params; declared fields: minAge, minCareLevel, openEnrollment",
      );
    });

    it('counts offsets in UTF-16 code units across lines and non-ASCII text', () => {
      const source = 'data.name == "爱心餐" &&\n  data.agee > 1';
      expect(checkExpression(source, scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: source.indexOf('agee'), length: 4 },
      ]);
    });

    it('checks fields inside has()', () => {
      expect(checkExpression('has(data.agee)', scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: 9, length: 4 },
      ]);
      expect(checkExpression('has(data.careLevel)', scope, 'bool')).toEqual([]);
    });

    it('checks nested objects, list items and macro variables', () => {
      expect(checkExpression('data.household.size > 2', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.household.sise > 2', scope, 'bool')).toEqual([
        {
          kind: 'unknown-name',
          message: "unknown field 'sise' on data.household; declared fields: city, size",
          offset: 15,
          length: 4,
        },
      ]);
      expect(checkExpression('data.items.exists(i, i.qty > 0)', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.items.exists(i, i.qtx > 0)', scope, 'bool')).toMatchObject([
        {
          kind: 'unknown-name',
          message: "unknown field 'qtx' on data.items[]; declared fields: qty",
          offset: 23,
        },
      ]);
      expect(checkExpression('data.items[0].qtx > 0', scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: 14 },
      ]);
      expect(checkExpression("data['agee'] > 1", scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: 5, length: 6 },
      ]);
      expect(
        checkExpression('cel.bind(h, data.household, h.size > 2 && h.cty == "x")', scope, 'bool'),
      ).toMatchObject([{ kind: 'unknown-name', offset: 44, length: 3 }]);
    });

    it('does not resolve fields through Object.prototype', () => {
      expect(checkExpression('data.constructor', scope)).toMatchObject([
        { kind: 'unknown-name', offset: 5, length: 11 },
      ]);
      expect(checkExpression('data.__proto__', scope)).toMatchObject([
        { kind: 'unknown-name', offset: 5 },
      ]);
    });

    it.each(['process', 'globalThis', 'require', 'window', 'constructor'])(
      'rejects the top-level identifier %s',
      (name) => {
        expect(checkExpression(`${name}.x == 1`, scope, 'bool')).toEqual([
          {
            kind: 'unknown-name',
            message: `unknown name '${name}'; an expression may use data, params, event, ledger, now`,
            offset: 0,
            length: name.length,
          },
        ]);
      },
    );

    it('rejects unknown global functions', () => {
      expect(checkExpression('require("fs")', scope)).toMatchObject([
        { kind: 'unknown-name', offset: 0, length: 7 },
      ]);
      expect(checkExpression('require("fs")', scope)[0]!.message).toMatch(
        /^unknown function 'require'; functions: bool, bytes, /,
      );
    });

    it('accepts CEL names and iteration variables', () => {
      expect(checkExpression('type(data.age) == int', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.tags.all(t, size(t) > 0)', scope, 'bool')).toEqual([]);
      expect(checkExpression('[1, 2].map(x, x * 2)', scope, 'any')).toEqual([]);
    });

    it('checks ledger names, by index and by field', () => {
      expect(checkExpression("ledger['quilt-sets'] >= 1", scope, 'bool')).toEqual([]);
      expect(checkExpression('ledger.yuan >= 100.5', scope, 'bool')).toEqual([]);
      expect(checkExpression("ledger['quilt'] >= 1", scope, 'bool')).toEqual([
        {
          kind: 'unknown-name',
          message: "unknown ledger 'quilt'; declared ledgers: quilt-sets, yuan",
          offset: 7,
          length: 7,
        },
      ]);
      expect(checkExpression('ledger.quilt >= 1', { ...scope, ledgers: [] }, 'bool')).toEqual([
        {
          kind: 'unknown-name',
          message: "unknown ledger 'quilt'; declared ledgers: (none)",
          offset: 7,
          length: 5,
        },
      ]);
    });

    it('checks event fields against the form, and allows none without a payload', () => {
      expect(checkExpression('event.hot', scope, 'bool')).toEqual([]);
      expect(checkExpression('event.cold', scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: 6, length: 4 },
      ]);
      const { event: _event, ...noPayload } = scope;
      expect(checkExpression('event.hot', noPayload, 'bool')).toEqual([
        {
          kind: 'unknown-name',
          message:
            "unknown field 'hot' on event; there is no event payload here (timers, entry and exit actions have none)",
          offset: 6,
          length: 3,
        },
      ]);
    });

    it('treats an object without properties, or with additionalProperties, as open', () => {
      const open: ExprScope = {
        ...scope,
        data: {
          type: 'object',
          properties: { a: { type: 'integer' } },
          additionalProperties: true,
        },
        params: { type: 'object' },
      };
      expect(checkExpression('data.anything == params.whatever', open, 'bool')).toEqual([]);
    });

    it('rejects fields on now', () => {
      expect(checkExpression('now.year > 2020', scope, 'bool')).toMatchObject([
        { kind: 'unknown-name', offset: 4, length: 4 },
      ]);
    });
  });

  describe('syntax', () => {
    it.each([
      ['data.age >= ', 12, 0, 'Unexpected token: EOF'],
      ['data.age => 3', 9, 1, 'Unexpected character: ='],
      ['data.age >= (params.minAge', 26, 0, 'Expected RPAREN, got EOF'],
      ['data.age ≥ 80', 9, 1, 'Unexpected character: ≥'],
    ])('reports %j at offset %i', (source, offset, length, message) => {
      expect(checkExpression(source, scope)).toEqual([{ kind: 'syntax', message, offset, length }]);
    });
  });

  describe('types', () => {
    it('reports operators on the wrong types', () => {
      expect(checkExpression('data.name >= 3', scope, 'bool')).toEqual([
        { kind: 'type', message: 'no such overload: string >= int', offset: 0, length: 14 },
      ]);
      expect(checkExpression('data.status > 3', scope, 'bool')).toMatchObject([{ kind: 'type' }]);
      expect(checkExpression('data.status == "open"', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.revenue % 2 == 0', scope, 'bool')).toMatchObject([
        { kind: 'type', message: 'no such overload: double % int' },
      ]);
    });

    it('requires a condition where a bool is expected', () => {
      expect(checkExpression('data.age + 1', scope, 'bool')).toEqual([
        {
          kind: 'type',
          message: 'expected a condition (true or false), but this expression gives int',
          offset: 0,
          length: 12,
        },
      ]);
      expect(checkExpression('data.name', scope, 'bool')).toMatchObject([
        { kind: 'type', offset: 0, length: 9 },
      ]);
      expect(checkExpression('data.age > 1 && data.mobilityImpaired', scope, 'bool')).toEqual([]);
    });

    it('requires a number for ledger amounts and openings', () => {
      expect(checkExpression('-1', scope, 'number')).toEqual([]);
      expect(checkExpression('event.revenue * 0.5', scope, 'number')).toEqual([]);
      expect(checkExpression('data.name', scope, 'number')).toMatchObject([
        { kind: 'type', message: 'expected a number, but this expression gives string' },
      ]);
    });

    it('lets values of unknown type (nullable, open) through', () => {
      expect(checkExpression('data.note', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.note == null || data.note == ""', scope, 'bool')).toEqual([]);
    });

    it('accepts mixed int/double arithmetic and equality, typed double', () => {
      expect(checkExpression('data.revenue + event.revenue', scope, 'number')).toEqual([]);
      expect(checkExpression('data.revenue + event.revenue', scope, 'bool')).toMatchObject([
        { message: 'expected a condition (true or false), but this expression gives double' },
      ]);
      expect(checkExpression('data.age * 1.5 > data.revenue', scope, 'bool')).toEqual([]);
      expect(checkExpression('data.revenue == 0 && data.age != 75.0', scope, 'bool')).toEqual([]);
      expect(checkExpression('ledger.yuan - 1 >= 0', scope, 'bool')).toEqual([]);
      expect(checkExpression('[data.age, 1.5].size() == 2', scope, 'bool')).toEqual([]);
    });

    it('explains int/double ternaries', () => {
      expect(checkExpression('data.age > 1 ? data.revenue : 0', scope, 'number')).toMatchObject([
        {
          kind: 'type',
          message: expect.stringContaining(
            'write whole numbers with a decimal point (0.0)',
          ) as unknown,
        },
      ]);
    });

    it('knows string methods and size()', () => {
      expect(checkExpression('size(data.name) > 0', scope, 'bool')).toEqual([]);
      expect(
        checkExpression('data.name.startsWith("Li") && data.name.contains("i")', scope, 'bool'),
      ).toEqual([]);
      expect(
        checkExpression('data.name.substring(data.mealsDelivered) != ""', scope, 'bool'),
      ).toEqual([]);
    });

    it('knows now as a timestamp', () => {
      expect(checkExpression('now > timestamp("2024-01-01T00:00:00Z")', scope, 'bool')).toEqual([]);
      expect(
        checkExpression('now - duration("72h") < now && now.getHours() >= 8', scope, 'bool'),
      ).toEqual([]);
      expect(checkExpression('now > 3', scope, 'bool')).toMatchObject([{ kind: 'type' }]);
    });
  });
});
