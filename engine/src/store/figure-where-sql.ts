/**
 * A figure's `where` (a CEL condition over `data` and `params`) as a SQL condition over the
 * `cases` row aliased `c`, for the common subset: field access, literals, comparisons, `in`, `has`,
 * `!`, `&&`, `||`. Parameters are the programme's values, inlined as constants.
 *
 * Why SQL and not evaluating CEL in Node: on 100,000 cases the condition as SQL costs the query a
 * few milliseconds, while reading every case's data out of the database to evaluate it costs far
 * more (docs/performance.md, "Figures"). Expressions outside the subset (arithmetic, macros,
 * functions) still work: `casesWhere` evaluates them in one streaming pass over the cases.
 *
 * Missing fields: CEL raises an error on `data.x` when `x` is absent, and a figure does not count a
 * case whose condition errs. SQL gives NULL for the missing field, NULL propagates through
 * comparisons and `NOT`, and `NULL OR true` / `NULL AND false` absorb it exactly as CEL's `||` and
 * `&&` absorb an error; a NULL condition does not count the row. The two agree.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { compileExpression, parseExpressionAst } from '../expr/index.js';
import type { ExpressionNode } from '../expr/index.js';
import { jsonb, textArray } from './sql/sql-client.js';
import type { SqlClient } from './sql/sql-client.js';

/** A translated operand: a jsonb value read from the row, or a constant. */
type Operand = { json: SQL } | { value: unknown };

class Unsupported extends Error {}

/** The condition as SQL over `c`, or undefined when it falls outside the translated subset. */
export function whereToSql(source: string, params: Record<string, unknown>): SQL | undefined {
  try {
    return condition(parseExpressionAst(source), params);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * The SQL condition selecting the programme's cases for which `where` holds: translated when it
 * can be, else the ids of the cases it holds for, found by evaluating it on every case's data.
 */
export async function casesWhere(
  client: SqlClient,
  programmeId: string,
  where: string,
  params: Record<string, unknown>,
  now: Date,
): Promise<SQL> {
  const translated = whereToSql(where, params);
  if (translated) return translated;
  const expression = compileExpression(where);
  const rows = await client.query<{ id: string; data: Record<string, unknown> }>(
    sql`select id, data from cases where programme_id = ${programmeId}`,
  );
  const ids: string[] = [];
  for (const row of rows) {
    try {
      const context = { data: row.data, params, event: {}, ledger: {}, now };
      if (expression.evaluate(context) === true) ids.push(row.id);
    } catch {
      // An error (a missing field, a division by zero) does not count the case, as in SQL.
    }
  }
  return sql`c.id = any(${textArray(ids)}::uuid[])`;
}

function condition(node: ExpressionNode, params: Record<string, unknown>): SQL {
  switch (node.op) {
    case '&&':
      return sql`(${condition(node.args[0], params)} and ${condition(node.args[1], params)})`;
    case '||':
      return sql`(${condition(node.args[0], params)} or ${condition(node.args[1], params)})`;
    case '!_':
      return sql`(not ${condition(node.args, params)})`;
    case '==':
    case '!=':
      return compare(node.op === '==' ? '=' : '<>', node.args, params);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(node.op, node.args, params, true);
    case 'in':
      return membership(node.args, params);
    case 'call':
      if (node.args[0] === 'has' && node.args[1].length === 1) return has(node.args[1][0]!);
      throw new Unsupported();
    default: {
      const single = operand(node, params);
      if ('value' in single) {
        if (typeof single.value !== 'boolean') throw new Unsupported();
        return single.value ? sql`true` : sql`false`;
      }
      return sql`(${single.json} = 'true'::jsonb)`;
    }
  }
}

/** `data.a.b` → the jsonb at that path; `params.x` → its value; literals as they are. */
function operand(node: ExpressionNode, params: Record<string, unknown>): Operand {
  if (node.op === 'value') {
    const value = node.args;
    if (typeof value === 'bigint') return { value: Number(value) };
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { value };
    throw new Unsupported();
  }
  if (node.op === 'list') {
    const items = node.args.map((item) => operand(item, params));
    if (items.every((item) => 'value' in item)) return { value: items.map((item) => item.value) };
    throw new Unsupported();
  }
  const path = pathOf(node);
  if (path[0] === 'data' && path.length > 1) {
    const fields = path.slice(1);
    return { json: sql`(c.data #> ${textArray(fields)})` };
  }
  if (path[0] === 'params' && path.length > 1) {
    let value: unknown = params;
    for (const field of path.slice(1)) {
      if (!value || typeof value !== 'object' || !Object.hasOwn(value, field))
        throw new Unsupported(); // CEL would err: leave it to the evaluator
      value = (value as Record<string, unknown>)[field];
    }
    return { value };
  }
  throw new Unsupported();
}

/** `a.b.c` or `a['b']` as names from the root, or Unsupported. */
function pathOf(node: ExpressionNode): string[] {
  if (node.op === 'id') return [node.args];
  if (node.op === '.') return [...pathOf(node.args[0]), node.args[1]];
  if (node.op === '[]' && node.args[1].op === 'value' && typeof node.args[1].args === 'string')
    return [...pathOf(node.args[0]), node.args[1].args];
  throw new Unsupported();
}

function asJsonb(side: Operand): SQL {
  return 'json' in side ? side.json : jsonb(side.value);
}

function compare(
  op: string,
  [left, right]: [ExpressionNode, ExpressionNode],
  params: Record<string, unknown>,
  ordered = false,
): SQL {
  const a = operand(left, params);
  const b = operand(right, params);
  // jsonb orders numbers numerically, as CEL does; strings it orders by collation, CEL by code
  // point, so only numbers are ordered in SQL.
  if (ordered && [a, b].some((side) => 'value' in side && typeof side.value !== 'number'))
    throw new Unsupported();
  if ('value' in a && 'value' in b) throw new Unsupported();
  return sql`(${asJsonb(a)} ${sql.raw(op)} ${asJsonb(b)})`;
}

function membership(
  [left, right]: [ExpressionNode, ExpressionNode],
  params: Record<string, unknown>,
): SQL {
  const item = operand(left, params);
  const list = operand(right, params);
  if ('value' in list) {
    if (!Array.isArray(list.value) || 'value' in item) throw new Unsupported();
    return sql`(${item.json} <@ ${jsonb(list.value)} and jsonb_typeof(${item.json}) <> 'array')`;
  }
  if ('json' in item) throw new Unsupported();
  return sql`(jsonb_typeof(${list.json}) = 'array' and ${list.json} @> ${jsonb([item.value])})`;
}

/** `has(data.a.b)`: the field is present (even if null), as in CEL. */
function has(node: ExpressionNode): SQL {
  if (node.op !== '.') throw new Unsupported();
  const path = pathOf(node);
  if (path[0] !== 'data' || path.length < 2) throw new Unsupported();
  return sql`((c.data #> ${textArray(path.slice(1))}) is not null)`;
}
