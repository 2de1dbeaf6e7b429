/** Every active state id of a state value, ancestors included: `{enrolled: 'waiting'}` → `enrolled`, `enrolled.waiting`. */
import type { StateValue } from 'xstate';

/** Dotted ids of all active states, in document order of the value. */
export function activeStateIds(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  const ids: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const id = `${prefix}${key}`;
    ids.push(id);
    if (child !== undefined) ids.push(...activeStateIds(child, `${id}.`));
  }
  return ids;
}
