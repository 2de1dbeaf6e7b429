/**
 * What a scenario needs from a running programme. The same scenario files run against the pure
 * in-memory driver (foundation) and the durable PostgreSQL/PGlite runtime, so a template behaves
 * the same in the simulator, in tests and in production.
 */
import type { CaseState } from '@relief/engine';

/** XState's state value (`'applied'`, `{ enrolled: 'prepared' }`); `tests` does not depend on xstate itself. */
type StateValue = CaseState['value'];

/** A case as a scenario sees it. */
export interface CaseView {
  id: string;
  state: string;
  value: StateValue;
  data: Record<string, unknown>;
  assignee: string | null;
  version: number;
  done: boolean;
}

/** A running programme driven by a scenario. */
export interface ProgrammeDriver {
  /** Open a case; data is validated against the template's `data` (defaults filled). */
  open(data: Record<string, unknown>): Promise<CaseView>;
  /**
   * Open many cases at once, as a roster import does (set-based where the driver can); each row is
   * validated like `open`, and the first refused row rejects. Optional: `openAll` falls back to `open`.
   */
  openMany?(rows: readonly Record<string, unknown>[]): Promise<CaseView[]>;
  /** Send an event as a worker holding `roles`; resolves to the case after, or rejects with an EngineError. */
  send(
    caseId: string,
    type: string,
    payload?: Record<string, unknown>,
    roles?: readonly string[],
  ): Promise<CaseView>;
  /** Move the clock forward and fire every timer that falls due, in due order. */
  advance(ms: number): Promise<void>;
  get(caseId: string): Promise<CaseView>;
  /** Current ledger balances by name. */
  balances(): Promise<Record<string, number>>;
  /** Notifications so far, oldest first. */
  notifications(): Promise<{ caseId: string; role: string; message: unknown }[]>;
  /** Outbound events so far (`emit`), oldest first. */
  emitted(): Promise<{ caseId: string; name: string }[]>;
  /** Change programme parameters mid-programme (validated, defaults filled). */
  setParams(params: Record<string, unknown>): Promise<void>;
}

/** Creates a fresh programme of a template with the given parameters, starting at `now`. */
export type DriverFactory = (
  templateId: string,
  params: Record<string, unknown>,
  now: Date,
) => Promise<ProgrammeDriver>;
