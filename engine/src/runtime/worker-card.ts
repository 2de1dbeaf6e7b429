/**
 * What a worker's phone shows of a case (pure): the data fields the template marks for workers
 * with the `x-worker` extension on its `data` properties (`true`, or `phone` for a number to tap,
 * or `address`), and the title of the state the case is in. A template that marks nothing shows
 * the `name` field when it has one.
 */
import type { StateValue } from 'xstate';
import type { CompiledTemplate } from '../compile/compile-template.js';
import type { Label } from '../template/template.js';
import { activeStateIds } from './active-state-ids.js';

/** One line of the card. */
export interface CardField {
  field: string;
  title: Label | null;
  value: unknown;
  kind: 'text' | 'phone' | 'address';
}

type PropertyDef = { title?: Label; 'x-worker'?: unknown };

/** The marked fields of `data` that have a value, in the template's order. */
export function workerCard(compiled: CompiledTemplate, data: Record<string, unknown>): CardField[] {
  const properties = (compiled.template.data?.properties ?? {}) as Record<string, PropertyDef>;
  const marked = Object.entries(properties).filter(([, def]) => {
    const mark = def['x-worker'];
    return mark === true || mark === 'phone' || mark === 'address';
  });
  const shown =
    marked.length > 0 ? marked : Object.entries(properties).filter(([n]) => n === 'name');
  return shown
    .filter(([name]) => data[name] !== undefined && data[name] !== null && data[name] !== '')
    .map(([name, def]) => ({
      field: name,
      title: def.title ?? null,
      value: data[name],
      kind: def['x-worker'] === 'phone' || def['x-worker'] === 'address' ? def['x-worker'] : 'text',
    }));
}

/** The title of the innermost active state that has one (the first region of a parallel state). */
export function stateTitle(compiled: CompiledTemplate, value: StateValue): Label | null {
  const ids = activeStateIds(value);
  let best: { depth: number; title: Label } | null = null;
  for (const id of ids) {
    const title = compiled.states.get(id)?.def.title;
    const depth = id.split('.').length;
    if (title !== undefined && (best === null || depth > best.depth)) best = { depth, title };
  }
  return best?.title ?? null;
}
