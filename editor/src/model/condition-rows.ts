/**
 * The condition builder's view of a guard: rows of `name op value` joined all by `&&` or all by
 * `||` (`data.age >= 60 && params.open == true`). Anything else (parentheses, functions, mixed
 * and/or) is left to the CEL text: `toRows` answers undefined and the inspector shows CEL.
 */
import { compileExpression } from '@relief/engine';
import type { Template } from '@relief/engine';
import { sampleValues } from './sample-values.js';
import type { ExprName } from './expression-help.js';

/** The comparison operators the builder offers. */
export const CONDITION_OPS = ['==', '!=', '>', '>=', '<', '<='] as const;
/** One comparison operator. */
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** One row: a name in scope, an operator, and a value (a literal's CEL text or another name). */
export interface ConditionRow {
  name: string;
  op: ConditionOp;
  /** CEL text of the right side: `60`, `'high'`, `true`, or a name such as `params.minAge`. */
  value: string;
}

/** The rows and how they are joined. */
export interface ConditionRows {
  join: 'and' | 'or';
  rows: ConditionRow[];
}

const NAME = String.raw`(?:(?:data|params|event)\.[A-Za-z_]\w*|ledger\[(?:'[^'\\]*'|"[^"\\]*")\])`;
const VALUE = String.raw`(?:-?\d+(?:\.\d+)?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|true|false|null|${NAME})`;
const ROW = new RegExp(String.raw`^\s*(${NAME})\s*(==|!=|>=|<=|>|<)\s*(${VALUE})\s*$`);

/** Split on `&&` / `||` outside string literals; undefined when both appear. */
function splitJoin(source: string): { join: 'and' | 'or'; parts: string[] } | undefined {
  const parts: string[] = [];
  const joins = new Set<string>();
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if ((ch === '&' || ch === '|') && source[i + 1] === ch) {
      joins.add(ch);
      parts.push(source.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(source.slice(start));
  if (joins.size > 1) return undefined;
  return { join: joins.has('|') ? 'or' : 'and', parts };
}

/** The rows of a guard, or undefined when the builder cannot show it (an empty guard has none). */
export function toRows(guard: string | undefined): ConditionRows | undefined {
  if (guard === undefined || guard.trim() === '') return { join: 'and', rows: [] };
  const split = splitJoin(guard);
  if (!split) return undefined;
  const rows: ConditionRow[] = [];
  for (const part of split.parts) {
    const m = ROW.exec(part);
    if (!m) return undefined;
    rows.push({ name: m[1]!, op: m[2] as ConditionOp, value: m[3]! });
  }
  return { join: split.join, rows };
}

/** The guard text of the rows (undefined: no guard). */
export function fromRows({ join, rows }: ConditionRows): string | undefined {
  const parts = rows
    .filter((r) => r.name && r.value !== '')
    .map((r) => `${r.name} ${r.op} ${r.value}`);
  return parts.length === 0 ? undefined : parts.join(join === 'and' ? ' && ' : ' || ');
}

/**
 * The CEL text of a value typed in the builder, for a name of type `type`: numbers and yes/no as
 * they are, another name as it is, anything else as a quoted string.
 */
export function literalFor(text: string, type: string, names: readonly ExprName[]): string {
  const t = text.trim();
  if (names.some((n) => n.name === t)) return t;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(t)) return t;
  if (type === 'boolean' && /^(true|false)$/.test(t)) return t;
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The text a value's CEL is shown as in the builder's box (a string without its quotes). */
export function valueText(cel: string): string {
  const m = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(cel);
  if (!m) return cel;
  return (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1');
}

/** The case the preview evaluates on: the simulator's running case, or the sample values it starts from. */
export interface PreviewCase {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  ledger: Record<string, number>;
  now: Date;
}

/** A filled-in sample case of a template (every field has a sample value). */
export function sampleCase(template: Partial<Template>, now = new Date()): PreviewCase {
  return {
    data: sampleValues(template.data, true),
    params: sampleValues(template.parameters),
    ledger: Object.fromEntries(Object.keys(template.ledgers ?? {}).map((k) => [k, 0])),
    now,
  };
}

/**
 * The guard evaluated on `sample` with the event's sample form values: true or false, or the
 * reason it cannot be evaluated.
 */
export function previewGuard(
  guard: string,
  sample: PreviewCase,
  template: Partial<Template>,
  event: string | undefined,
): { value: boolean } | { error: string } {
  try {
    const value = compileExpression(guard).evaluate({
      ...sample,
      event: event === undefined ? {} : sampleValues(template.events?.[event]?.form, true),
    });
    return typeof value === 'boolean' ? { value } : { error: String(value) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
