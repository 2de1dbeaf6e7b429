/**
 * A flat index of a template's state tree. Validation and compilation both need to resolve
 * transition targets the same way, so the rule lives here once.
 */
import type { StateDef, Template } from './template.js';
import { toPointer } from './parse-template-source.js';

/** One state of the tree, addressed by its dotted path from the top (`enrolled.waiting`). */
export interface IndexedState {
  readonly id: string;
  readonly path: readonly string[];
  readonly def: StateDef;
  readonly pointer: string;
  readonly parentId: string | undefined;
  readonly kind: 'atomic' | 'compound' | 'parallel' | 'final';
}

/** States by dotted id, in document order. */
export type StateIndex = ReadonlyMap<string, IndexedState>;

/** Walk the tree once and index every state. */
export function indexStates(template: Pick<Template, 'states'>): StateIndex {
  const index = new Map<string, IndexedState>();
  const visit = (
    states: Record<string, StateDef>,
    parent: readonly string[],
    pointer: (string | number)[],
  ) => {
    for (const [key, def] of Object.entries(states)) {
      const path = [...parent, key];
      const here = [...pointer, 'states', key];
      index.set(path.join('.'), {
        id: path.join('.'),
        path,
        def,
        pointer: toPointer(here),
        parentId: parent.length ? parent.join('.') : undefined,
        kind: kindOf(def),
      });
      if (def.states) visit(def.states, path, here);
    }
  };
  visit(template.states, [], []);
  return index;
}

/** The effective kind of a state definition. */
export function kindOf(def: StateDef): IndexedState['kind'] {
  if (def.type === 'final') return 'final';
  if (def.type === 'parallel') return 'parallel';
  return def.states && Object.keys(def.states).length > 0 ? 'compound' : 'atomic';
}

/**
 * Resolve a transition target written in state `fromId`: a sibling's key first, then a dotted
 * path from the top. Returns the target's id, or undefined when it names no state.
 */
export function resolveTarget(
  index: StateIndex,
  fromId: string,
  target: string,
): string | undefined {
  const from = index.get(fromId);
  if (from && !target.includes('.')) {
    const sibling = from.parentId ? `${from.parentId}.${target}` : target;
    if (index.has(sibling)) return sibling;
  }
  return index.has(target) ? target : undefined;
}

/** Ids of a state and all its ancestors, outermost first. */
export function ancestry(index: StateIndex, id: string): string[] {
  const chain: string[] = [];
  for (let s = index.get(id); s; s = s.parentId ? index.get(s.parentId) : undefined)
    chain.unshift(s.id);
  return chain;
}
