/**
 * A step's effects as the rows they become: notifications, outbox rows (with the one payload
 * webhook subscribers receive), timers to cancel and arm, and ledger movements. Both writers use
 * it, `writeStepEffects` (one event, `VALUES`) and `openCases` (many, `jsonb_to_recordset`), so
 * the mapping exists once. Pure.
 */
import type { Label } from '../template/template.js';
import type { StepResult, TimerToArm } from '../runtime/step-case.js';

/** Where the effects belong, as far as their rows say. */
export interface EffectSource {
  programmeId: string;
  caseId: string;
  /** The history seq of the event that produced the effects. */
  seq: number;
  /** Readable state after the step. */
  state: string;
  now: Date;
}

/** What an outbox row carries to webhook subscribers. */
export interface OutboxPayload {
  event: string;
  programmeId: string;
  caseId: string;
  seq: number;
  state: string;
  value: StepResult['value'];
  data: Record<string, unknown>;
  at: string;
}

/** The rows of one step. */
export interface EffectRows {
  notifications: { role: string; message: Label }[];
  outbox: { name: string; payload: OutboxPayload }[];
  /** States whose pending timers are cancelled, before `timers` are armed. */
  cancelTimersOf: string[];
  timers: TimerToArm[];
  /** Net movement per ledger, non-zero only, sorted by name (the lock order). */
  ledgerMoves: { ledger: string; amount: number }[];
}

/** Map a step's result to rows. */
export function toEffectRows(source: EffectSource, result: StepResult): EffectRows {
  const rows: EffectRows = {
    notifications: [],
    outbox: [],
    cancelTimersOf: result.cancelTimersOf,
    timers: result.armTimers,
    ledgerMoves: Object.entries(result.ledgerDeltas)
      .filter(([, amount]) => amount !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ledger, amount]) => ({ ledger, amount })),
  };
  for (const effect of result.effects) {
    switch (effect.kind) {
      case 'notify':
        rows.notifications.push({ role: effect.role, message: effect.message });
        break;
      case 'emit':
        rows.outbox.push({
          name: effect.name,
          payload: {
            event: effect.name,
            programmeId: source.programmeId,
            caseId: source.caseId,
            seq: source.seq,
            state: source.state,
            value: result.value,
            data: result.data,
            at: source.now.toISOString(),
          },
        });
        break;
      // Already folded by the step: entering and leaving states and `schedule` into the timers
      // to arm and cancel, ledger entries into net movements; the assignee is a column of the case.
      case 'schedule':
      case 'enter':
      case 'exit':
      case 'ledger':
      case 'assign':
        break;
      default: {
        const unhandled: never = effect;
        throw new Error(`no rows for effect ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return rows;
}
