/**
 * Where a case is, on a small read-only map of the template's states (nested states indented,
 * the current ones highlighted, finals marked). Light on purpose: the editor's canvas is not loaded.
 */
import type { Template } from '@relief/engine';
import { useLang } from '../shell/lang-store.js';
import { pickLabel } from '../shell/pick-label.js';
import { statesOf } from './template-info.js';

/** The map. */
export function StateMap({ template, state }: { template: Template; state: string }) {
  const lang = useLang();
  const active = new Set<string>();
  for (const leaf of state.split(' + ')) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  return (
    <ol className="state-map" data-testid="state-map">
      {statesOf(template).map((s) => (
        <li
          key={s.path}
          className={`${active.has(s.path) ? 'here' : ''} ${s.final ? 'final' : ''}`}
          style={{ marginInlineStart: `${s.depth * 18}px` }}
          aria-current={active.has(s.path) ? 'step' : undefined}
        >
          {pickLabel(s.title, lang, s.key)}
        </li>
      ))}
    </ol>
  );
}
