/**
 * The context and events of a compiled case machine. Effects are collected in the context by the
 * machine's own actions, so XState's pure `transition()` returns everything the runtime must write
 * (ledger entries, notifications, outbox rows, timers) without running any I/O.
 */

/** Something the runtime must persist after a step, in the order it happened. */
export type CaseEffect =
  | { kind: 'enter'; state: string }
  | { kind: 'exit'; state: string }
  | { kind: 'ledger'; ledger: string; amount: number }
  | { kind: 'notify'; role: string; message: string | { zh: string; en: string } }
  | { kind: 'emit'; name: string }
  | { kind: 'assign'; assignee: string | null }
  /** A case-level timer: `event` is sent to the case by the system after `delay`. */
  | { kind: 'schedule'; event: string; delay: string };

/** Machine context: the case record plus what guards may read. */
export interface CaseContext {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  /** Ledger balances by name, in the ledger's unit (exact to 0.01). */
  ledger: Record<string, number>;
  /** ISO time the step happens at (the injected clock), `now` in expressions. */
  now: string;
  assignee: string | null;
  effects: CaseEffect[];
}

/** An event sent to a case (a declared event, or a timer firing). */
export interface CaseEvent {
  type: string;
  payload?: Record<string, unknown>;
}

/** What a machine starts from. */
export type CaseInput = Omit<CaseContext, 'effects'>;
