/** Live checking and completion for an expression typed in the inspector (guard, set values, amounts). */
import { checkExpression } from '@relief/engine';
import type { ExprExpect, ExprProblem, JsonSchemaObject, Label, Template } from '@relief/engine';

/** A name an expression may use, with its label for the completion list. */
export interface ExprName {
  name: string;
  type: string;
  title: Label | undefined;
}

const EMPTY: JsonSchemaObject = { type: 'object', properties: {} };
const obj = (v: unknown): JsonSchemaObject =>
  typeof v === 'object' && v !== null ? (v as JsonSchemaObject) : EMPTY;

/** Problems of `source` in the scope of `event` (undefined for timers, entry and exit). */
export function checkInScope(
  template: Partial<Template>,
  source: string,
  event: string | undefined,
  expect: ExprExpect,
): ExprProblem[] {
  if (source.trim() === '') return [];
  const scope = {
    data: obj(template.data),
    params: obj(template.parameters),
    event: event === undefined ? undefined : obj(template.events?.[event]?.form),
    ledgers: Object.keys(template.ledgers ?? {}),
  };
  try {
    return checkExpression(source, scope, expect);
  } catch (e) {
    return [
      {
        kind: 'syntax',
        message: e instanceof Error ? e.message : String(e),
        offset: 0,
        length: source.length,
      },
    ];
  }
}

/** Every name an expression in the scope of `event` may use: `data.x`, `params.y`, `event.z`, `ledger['n']`, `now`. */
export function namesInScope(template: Partial<Template>, event: string | undefined): ExprName[] {
  const fields = (prefix: string, schema: unknown): ExprName[] =>
    Object.entries(obj(schema).properties ?? {}).map(([name, s]) => ({
      name: `${prefix}.${name}`,
      type: String(s.type ?? 'any'),
      title: s.title,
    }));
  return [
    ...fields('data', template.data),
    ...fields('params', template.parameters),
    ...(event === undefined ? [] : fields('event', template.events?.[event]?.form)),
    ...Object.entries(template.ledgers ?? {}).map(([name, l]) => ({
      name: `ledger['${name}']`,
      type: 'number',
      title: l.title,
    })),
    { name: 'now', type: 'timestamp', title: { zh: '当前时间', en: 'Current time' } },
  ];
}

/** A guard shortened for an edge label. */
export function shortGuard(guard: string | undefined, max = 28): string | undefined {
  if (guard === undefined) return undefined;
  const flat = guard.replace(/\s+/g, ' ').replace(/\b(data|params|event)\./g, '');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
