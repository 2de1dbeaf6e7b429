/**
 * The shape of a template after the schema accepted it. These types mirror
 * `schemas/template.schema.json`; the schema is the source of truth for what is allowed.
 */

/** A bilingual label, or a plain string for both languages. */
export type Label = string | { zh: string; en: string };

/** A JSON Schema fragment as written in a template (`parameters`, `data`, event `form`). */
export interface JsonSchemaObject {
  type?: string | string[];
  properties?: Record<string, JsonSchemaObject>;
  required?: string[];
  default?: unknown;
  items?: JsonSchemaObject;
  enum?: unknown[];
  title?: Label;
  description?: Label;
  [keyword: string]: unknown;
}

/** An expression: CEL source, or a literal number/boolean where a value is expected. */
export type ValueExpression = string | number | boolean;

/** One declarative action; exactly one key is present. */
export type Action =
  | { set: Record<string, ValueExpression> }
  | { ledger: Record<string, ValueExpression> }
  | { notify: { role: string; message: Label } }
  | { emit: string }
  | { assign: string };

/** A transition as written (the target shorthand is normalised away by `toTransitions`). */
export interface Transition {
  target?: string;
  guard?: string;
  actions?: Action[];
  description?: Label;
}

/** A durable timer armed on state entry and cancelled on exit. */
export interface Timer extends Transition {
  delay: string;
}

/** What `on:` may hold for one event. */
export type TransitionSpec = string | Transition | Transition[];

/** A state node, possibly compound (`states`) or parallel. */
export interface StateDef {
  title?: Label;
  description?: Label;
  type?: 'atomic' | 'compound' | 'parallel' | 'final';
  initial?: string;
  states?: Record<string, StateDef>;
  on?: Record<string, TransitionSpec>;
  after?: Timer[];
  entry?: Action[];
  exit?: Action[];
  roles?: string[];
  tags?: string[];
}

/** A declared event: who may send it and the form of its payload. */
export interface EventDef {
  title?: Label;
  description?: Label;
  roles?: string[];
  form?: JsonSchemaObject;
}

/** Finite stock or funds of a programme. */
export interface LedgerDef {
  title: Label;
  unit?: Label;
  opening: ValueExpression;
}

/** How the template gallery presents a template. */
export interface GalleryDef {
  category: Label;
  serves: Label;
  source: Label;
}

/** What a count figure counts. */
export type FigureCount = 'cases' | { event: string };

/** Which numeric field a sum figure adds up. */
export interface FigureSum {
  data?: string;
  event?: string;
  field?: string;
}

/** How a figure breaks down besides its total. */
export type FigureBreakdown = 'day' | 'district' | { district: number } | { field: string };

/** A declared report figure, computed from the records when statistics are read. */
export interface FigureDef {
  title: Label;
  description?: Label;
  unit: Label;
  count?: FigureCount;
  sum?: FigureSum;
  ledger?: { name: string; movement: 'in' | 'out' | 'net' };
  where?: string;
  by?: FigureBreakdown;
}

/** A whole template (`dsl: relief/v1`). */
export interface Template {
  dsl: 'relief/v1';
  id: string;
  version: number;
  title: Label;
  description?: Label;
  gallery?: GalleryDef;
  roles?: Record<string, Label>;
  parameters?: JsonSchemaObject;
  data?: JsonSchemaObject;
  ledgers?: Record<string, LedgerDef>;
  events?: Record<string, EventDef>;
  initial: string;
  states: Record<string, StateDef>;
  figures?: Record<string, FigureDef>;
}

/** Normalise `on:` shorthand (a bare target or a single transition) to an ordered list. */
export function toTransitions(spec: TransitionSpec): Transition[] {
  if (typeof spec === 'string') return [{ target: spec }];
  return Array.isArray(spec) ? spec : [spec];
}

/** Pick the label text for a language, falling back to the other language. */
export function labelText(label: Label | undefined, lang: 'zh' | 'en'): string | undefined {
  if (label === undefined) return undefined;
  return typeof label === 'string' ? label : label[lang] || label.zh || label.en;
}
