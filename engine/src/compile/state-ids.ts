/**
 * How template state ids and timer events are written inside the machine, in one place. State
 * ids are dotted paths (`enrolled.waiting`); XState ids may not contain dots (they mean paths), so
 * the machine's node ids are `s/enrolled/waiting`. A state timer fires as `after:<state>:<index>`.
 */

const NODE_PREFIX = 's/';
const TIMER_PREFIX = 'after:';

/** The machine node id of a template state id. */
export function idOf(stateId: string): string {
  return `${NODE_PREFIX}${stateId.replace(/\./g, '/')}`;
}

/** The template state id of a machine node id, or undefined for a node that is no state (the root). */
export function stateIdOf(nodeId: string): string | undefined {
  return nodeId.startsWith(NODE_PREFIX)
    ? nodeId.slice(NODE_PREFIX.length).replace(/\//g, '.')
    : undefined;
}

/**
 * The `state` of a case-level timer (armed by a `schedule` action): no state owns it, so leaving
 * a state never cancels it. State ids are never empty.
 */
export const CASE_TIMER_STATE = '';

/** Event type used when the `index`-th timer of state `stateId` fires. */
export function timerEventType(stateId: string, index: number): string {
  return `${TIMER_PREFIX}${stateId}:${index}`;
}

/** Is `eventType` a state timer firing (never sent by a client)? */
export function isTimerEvent(eventType: string): boolean {
  return eventType.startsWith(TIMER_PREFIX);
}

/** The state and index of a timer event type, or undefined when it is not one. */
export function parseTimerEvent(eventType: string): { state: string; index: number } | undefined {
  if (!isTimerEvent(eventType)) return undefined;
  const rest = eventType.slice(TIMER_PREFIX.length);
  const colon = rest.lastIndexOf(':');
  const index = Number(rest.slice(colon + 1));
  return colon > 0 && Number.isInteger(index) ? { state: rest.slice(0, colon), index } : undefined;
}
