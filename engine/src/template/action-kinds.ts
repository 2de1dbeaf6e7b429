/**
 * The action kinds of the language as one table: for each kind, the names it refers to (which
 * must be declared) and which of its values are expressions, with the type each must have. The
 * structural and expression checks loop over this table instead of branching per kind, and the
 * table `satisfies` a record over every key of `Action`: a new kind that is not described here
 * is a compile error, not a silently unchecked action.
 */
import type { ExprExpect } from '../expr/index.js';
import { escapeSegment } from './parse-template-source.js';
import type { Action, JsonSchemaObject, Template, ValueExpression } from './template.js';

/** Every key an action may have (each action has exactly one). */
export type ActionKey = Action extends infer A ? (A extends unknown ? keyof A : never) : never;

/** The action with key `K`. */
export type ActionOf<K extends ActionKey> = Extract<Action, Record<K, unknown>>;

/** What kind of declared name an action refers to. */
export type ReferenceKind = 'role' | 'ledger' | 'data-field' | 'event';

/** A name an action refers to, located relative to the action (`/notify/role`). */
export interface ActionReference {
  kind: ReferenceKind;
  name: string;
  pointer: string;
  /** Located at the key (a map key names it) rather than at the value. */
  atKey: boolean;
}

/** A value of an action that may be a CEL expression, located relative to the action. */
export interface ExpressionSlot {
  value: ValueExpression;
  pointer: string;
  expect: ExprExpect;
}

/** How one action kind is checked. */
export interface ActionKind<K extends ActionKey> {
  references(action: ActionOf<K>): ActionReference[];
  expressions(action: ActionOf<K>, template: Template): ExpressionSlot[];
}

const none = (): [] => [];

/** The table: one entry per action key. */
export const actionKinds = {
  set: {
    references: (action) =>
      Object.keys(action.set).map((name) => ({
        kind: 'data-field',
        name,
        pointer: `/set/${escapeSegment(name)}`,
        atKey: true,
      })),
    expressions: (action, template) =>
      Object.entries(action.set).map(([field, value]) => ({
        value,
        pointer: `/set/${escapeSegment(field)}`,
        expect: expectFor(template.data?.properties?.[field]),
      })),
  },
  ledger: {
    references: (action) =>
      Object.keys(action.ledger).map((name) => ({
        kind: 'ledger',
        name,
        pointer: `/ledger/${escapeSegment(name)}`,
        atKey: true,
      })),
    expressions: (action) =>
      Object.entries(action.ledger).map(([name, value]) => ({
        value,
        pointer: `/ledger/${escapeSegment(name)}`,
        expect: 'number',
      })),
  },
  notify: {
    references: (action) => [
      { kind: 'role', name: action.notify.role, pointer: '/notify/role', atKey: false },
    ],
    expressions: none,
  },
  emit: { references: none, expressions: none },
  assign: {
    references: none,
    expressions: (action) => [{ value: action.assign, pointer: '/assign', expect: 'any' }],
  },
  // The delay is a literal ISO 8601 duration, checked by the schema (`invalid-duration`).
  schedule: {
    references: (action) => [
      { kind: 'event', name: action.schedule.event, pointer: '/schedule/event', atKey: false },
    ],
    expressions: none,
  },
} satisfies { [K in ActionKey]: ActionKind<K> };

/** The key of an action (the schema guarantees exactly one). */
export function actionKeyOf(action: Action): ActionKey {
  return Object.keys(action)[0] as ActionKey;
}

/** An action's entry of the table, typed for it. */
function kindOf<K extends ActionKey>(key: K): ActionKind<K> {
  return actionKinds[key] as ActionKind<K>;
}

/** The declared names `action` refers to. */
export function actionReferences(action: Action): ActionReference[] {
  const key = actionKeyOf(action);
  return kindOf(key).references(action as ActionOf<typeof key>);
}

/** The expression values of `action`, with the type each must have. */
export function actionExpressions(action: Action, template: Template): ExpressionSlot[] {
  const key = actionKeyOf(action);
  return kindOf(key).expressions(action as ActionOf<typeof key>, template);
}

/** A `set` value must fit its field: a count gets a number, a flag a condition. */
function expectFor(field: JsonSchemaObject | undefined): ExprExpect {
  if (field?.type === 'integer' || field?.type === 'number') return 'number';
  if (field?.type === 'boolean') return 'bool';
  return 'any';
}
