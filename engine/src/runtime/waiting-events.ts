/**
 * Who a case waits on, derived from the template (pure): a case waits on a role when an event
 * that role may send is accepted in one of its active states. "Accepted" means a transition for
 * the event exists there and could be taken now: it has no guard, its guard reads the event's
 * payload (unknown until the worker fills the form, so it never hides the event), or its guard
 * holds for the case's data, the programme's parameters, the ledgers and the time. A state's
 * `roles:` narrows who its own transitions wait on; an event without `roles:` waits on the roles
 * of the state that declares it, and on nobody when that state names none either.
 */
import type { StateValue } from 'xstate';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { compileExpression } from '../expr/index.js';
import type { CompiledExpression } from '../expr/index.js';
import { toTransitions } from '../template/template.js';
import { activeStateIds } from './active-state-ids.js';

/** What guards read besides the case. */
export interface WaitingEnv {
  params: Record<string, unknown>;
  ledger: Record<string, number>;
  now: Date;
}

/** One event a case waits for, and the active states that accept it. */
export interface WaitingEvent {
  type: string;
  /** Roles that may send it here (the event's roles, narrowed by the declaring state's). */
  roles: string[];
  states: string[];
}

/** A guard that reads `event` (outside string literals and not as a field name such as `data.event`). */
export function readsEventPayload(source: string): boolean {
  const code = source.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  return /(?<![.\w])event\b/.test(code);
}

const guardCache = new Map<string, CompiledExpression | null>();

/** A guard that does not read the payload, evaluated for the case; a failure hides nothing. */
function guardHolds(source: string, data: Record<string, unknown>, env: WaitingEnv): boolean {
  if (readsEventPayload(source)) return true;
  let expr = guardCache.get(source);
  if (expr === undefined) {
    try {
      expr = compileExpression(source);
    } catch {
      expr = null;
    }
    if (guardCache.size > 5000) guardCache.clear();
    guardCache.set(source, expr);
  }
  if (expr === null) return true;
  try {
    // A guard that cannot be decided here (it fails) is left to the event itself to refuse.
    return (
      expr.evaluate({ data, params: env.params, event: {}, ledger: env.ledger, now: env.now }) !==
      false
    );
  } catch {
    return true;
  }
}

/**
 * The events the case's active states accept now, with the roles each waits on. `roles`, when
 * given, keeps only the events one of them may send.
 */
export function waitingEvents(
  compiled: CompiledTemplate,
  record: { value: StateValue; data: Record<string, unknown>; done: boolean },
  env: WaitingEnv,
  roles?: readonly string[],
): WaitingEvent[] {
  if (record.done) return [];
  const events = compiled.template.events ?? {};
  const found = new Map<string, WaitingEvent>();
  for (const stateId of activeStateIds(record.value)) {
    const def = compiled.states.get(stateId)?.def;
    if (!def?.on) continue;
    for (const [type, spec] of Object.entries(def.on)) {
      const declared = events[type];
      if (!declared) continue;
      const eventRoles = declared.roles ?? def.roles ?? [];
      const senders = def.roles ? eventRoles.filter((r) => def.roles!.includes(r)) : eventRoles;
      const mine = roles === undefined ? senders : senders.filter((r) => roles.includes(r));
      if (mine.length === 0) continue;
      const open = toTransitions(spec).some(
        (t) => t.guard === undefined || guardHolds(t.guard, record.data, env),
      );
      if (!open) continue;
      const entry = found.get(type);
      if (entry) {
        entry.states.push(stateId);
        for (const r of mine) if (!entry.roles.includes(r)) entry.roles.push(r);
      } else found.set(type, { type, roles: [...mine], states: [stateId] });
    }
  }
  // In the order the template declares its events, as `nextEvents` lists them.
  return Object.keys(events)
    .filter((type) => found.has(type))
    .map((type) => found.get(type)!);
}

/**
 * Per role, the states whose own transitions may wait on it (ignoring guards): the SQL side of
 * the worklist picks candidate cases by these before the guards are looked at.
 */
export function statesWaitingOn(compiled: CompiledTemplate, roles: readonly string[]): string[] {
  const events = compiled.template.events ?? {};
  const states: string[] = [];
  for (const [id, { def }] of compiled.states) {
    const waits = Object.keys(def.on ?? {}).some((type) => {
      const declared = events[type];
      if (!declared) return false;
      const eventRoles = declared.roles ?? def.roles ?? [];
      const senders = def.roles ? eventRoles.filter((r) => def.roles!.includes(r)) : eventRoles;
      return senders.some((r) => roles.includes(r));
    });
    if (waits) states.push(id);
  }
  return states;
}
