/**
 * The timers a case is waiting on (pure): every `after` of its active states, due at the time it
 * last entered that state (from its history) plus the delay; a timer without a target fires once.
 */
import type { Template } from '@relief/engine';
import type { History } from '@relief/engine/contract';
import { durationMs } from './format.js';
import { statesOf } from './template-info.js';

/** One pending timer. */
export interface PendingTimer {
  state: string;
  delay: string;
  target: string | undefined;
  due: string;
}

/** Pending timers of a case in `statePath` (` + ` between parallel regions). */
export function pendingTimers(
  template: Template,
  statePath: string,
  history: History['items'],
): PendingTimer[] {
  const active = new Set<string>();
  for (const leaf of statePath.split(' + ')) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  const out: PendingTimer[] = [];
  for (const state of statesOf(template)) {
    if (!active.has(state.path) || state.timers.length === 0) continue;
    // The last step that entered this state (or re-entered it by a timer with a target).
    const inside = (s: string | null) =>
      s !== null && s.split(' + ').some((p) => p === state.path || p.startsWith(`${state.path}.`));
    let entered: string | undefined;
    let enteredIndex = -1;
    history.forEach((h, i) => {
      if (
        inside(h.to) &&
        (!inside(h.from) || (reentersBy(h.type, state.path, state.timers) && h.from === h.to))
      ) {
        entered = h.at;
        enteredIndex = i;
      }
    });
    if (!entered) continue;
    state.timers.forEach((timer, n) => {
      const fired = history
        .slice(enteredIndex + 1)
        .some((h) => h.type === `after:${state.path}:${n}`);
      if (!timer.target && fired) return;
      out.push({
        state: state.path,
        delay: timer.delay,
        target: timer.target,
        due: new Date(Date.parse(entered!) + durationMs(timer.delay)).toISOString(),
      });
    });
  }
  return out;
}

/** A timer of this state with a target leaves and re-enters it (one without a target does not). */
function reentersBy(type: string, path: string, timers: { target: string | undefined }[]): boolean {
  if (!type.startsWith(`after:${path}:`)) return false;
  return timers[Number(type.slice(`after:${path}:`.length))]?.target !== undefined;
}
