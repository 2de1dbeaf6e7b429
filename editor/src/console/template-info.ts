/**
 * What the console needs to know about a template version, read from its definition (pure):
 * state paths with titles, timers, data fields with titles, ledgers with their opening.
 */
import type { JsonSchemaObject, StateDef, Template } from '@relief/engine';
import type { Lang } from '../model/index.js';
import type { Translate } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';

/** One state, by its dotted path (`enrolled.prepared`). */
export interface StateInfo {
  path: string;
  key: string;
  depth: number;
  title: unknown;
  final: boolean;
  timers: { delay: string; target: string | undefined }[];
}

/** Every state, depth first in template order. */
export function statesOf(template: Template): StateInfo[] {
  const out: StateInfo[] = [];
  const walk = (states: Record<string, StateDef>, prefix: string, depth: number) => {
    for (const [key, def] of Object.entries(states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push({
        path,
        key,
        depth,
        title: def.title,
        final: def.type === 'final',
        timers: (def.after ?? []).map((t) => ({ delay: t.delay, target: t.target })),
      });
      if (def.states) walk(def.states, path, depth + 1);
    }
  };
  walk(template.states, '', 0);
  return out;
}

/** `enrolled.prepared` → 已入册 › 食堂已备餐; parallel regions (` + `) each titled. */
export function stateTitle(template: Template | undefined, path: string, lang: Lang): string {
  if (!template) return path;
  return path
    .split(' + ')
    .map((one) => {
      const titles: string[] = [];
      let states: Record<string, StateDef> | undefined = template.states;
      for (const key of one.split('.')) {
        const def: StateDef | undefined = states?.[key];
        titles.push(pickLabel(def?.title, lang, key));
        states = def?.states;
      }
      return titles.join(' › ');
    })
    .join(' + ');
}

/** Whether every region of `path` (`a.b + c`) is a state of `template`. */
export function hasStatePath(template: Template, path: string): boolean {
  return path.split(' + ').every((one) => {
    let states: Template['states'] | undefined = template.states;
    for (const key of one.split('.')) {
      const def: StateDef | undefined = states?.[key];
      if (!def) return false;
      states = def.states;
    }
    return true;
  });
}

/** A data field. */
export interface FieldInfo {
  name: string;
  title: unknown;
  type: string;
  required: boolean;
}

/** The fields of a JSON Schema object, in order. */
export function fieldsOf(schema: JsonSchemaObject | undefined): FieldInfo[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, field]) => ({
    name,
    title: field.title,
    type: (Array.isArray(field.type) ? field.type[0] : field.type) ?? 'string',
    required: required.has(name),
  }));
}

/** An event's title (or its key). */
export function eventTitle(template: Template | undefined, type: string, lang: Lang): string {
  return pickLabel(template?.events?.[type]?.title, lang, type);
}

/**
 * The title of a history entry: the template's event, or what the engine itself recorded (the
 * case opened, a timer, an admin's reassignment), never a raw key such as `(reassign)`.
 */
export function entryTitle(
  template: Template | undefined,
  type: string,
  lang: Lang,
  t: Translate,
): string {
  if (type === '(open)') return t('openedCase');
  if (type === '(reassign)') return t('workHistoryReassign');
  if (type === 'migrated') return t('historyMigrated');
  if (type.startsWith('after:') || type.startsWith('xstate.')) return t('timerFired');
  return eventTitle(template, type, lang);
}

/** A ledger's opening balance, when it is a number or `params.<name>` (else undefined). */
export function openingOf(opening: unknown, params: Record<string, unknown>): number | undefined {
  if (typeof opening === 'number') return opening;
  const name = typeof opening === 'string' ? /^\s*params\.(\w+)\s*$/.exec(opening)?.[1] : undefined;
  const value = name ? params[name] : undefined;
  return typeof value === 'number' ? value : undefined;
}
