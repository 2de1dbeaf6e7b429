/**
 * A step's effects as rows, in the caller's transaction: notifications, outbox rows, timers, and
 * ledger movements. All statements are issued at once so postgres.js pipelines them; the ledger
 * movements go last, just before the caller's early COMMIT, so a busy ledger row stays locked for
 * the shortest time.
 *
 * No balance goes below zero whatever runs concurrently: the database refuses it with the
 * `ledgers_balance_non_negative` CHECK constraint. That is a failing statement, not a check in
 * JavaScript, so it also aborts a transaction whose COMMIT is already on its way.
 */
import { sql } from 'drizzle-orm';
import { EngineError, LedgerInsufficientError } from '../errors/engine-error.js';
import type { StepResult } from '../runtime/step-case.js';
import { databaseErrorOf, jsonb, textArray } from './sql/sql-client.js';
import type { SqlClient } from './sql/sql-client.js';

/** Where a step's effects belong. */
export interface StepTarget {
  programmeId: string;
  caseId: string;
  district: string;
  /** The history seq of the event that produced the effects. */
  seq: number;
  actorId: string | null;
  now: Date;
  /** The balances the step saw, for the refusal message. */
  ledgerBefore: Record<string, number>;
  /** Readable state after the step, for outbox payloads. */
  state: string;
}

/** Issue every effect write of `result` now, in order; await them with `settleStatements`. */
export function writeStepEffects(
  tx: SqlClient,
  target: StepTarget,
  result: StepResult,
): Promise<unknown>[] {
  const { programmeId, caseId, district, seq, actorId, now } = target;
  const writes: Promise<unknown>[] = [];

  const notes = result.effects.flatMap((e) => (e.kind === 'notify' ? [e] : []));
  if (notes.length > 0) {
    const values = notes.map(
      (n) => sql`(${programmeId}, ${caseId}, ${n.role}, ${jsonb(n.message)}, ${district}, ${now})`,
    );
    writes.push(
      tx.query(
        sql`insert into notifications (programme_id, case_id, role, message, district, at) values ${sql.join(values, sql`, `)}`,
      ),
    );
  }
  const emits = result.effects.flatMap((e) => (e.kind === 'emit' ? [e] : []));
  if (emits.length > 0) {
    const values = emits.map((e) => {
      const payload = {
        event: e.name,
        programmeId,
        caseId,
        seq,
        state: target.state,
        value: result.value,
        data: result.data,
        at: now.toISOString(),
      };
      return sql`(${programmeId}, ${caseId}, ${e.name}, ${jsonb(payload)}, ${now})`;
    });
    writes.push(
      tx.query(
        sql`insert into outbox (programme_id, case_id, name, payload, created_at) values ${sql.join(values, sql`, `)}`,
      ),
    );
  }
  // Cancel before arming: a state that is re-entered gets fresh timers.
  if (result.cancelTimersOf.length > 0) {
    writes.push(
      tx.query(sql`
        update timers set status = 'cancelled', note = 'state exited'
        where case_id = ${caseId} and status = 'pending' and state = any(${textArray(result.cancelTimersOf)})`),
    );
  }
  if (result.armTimers.length > 0) {
    const values = result.armTimers.map(
      (t) =>
        sql`(${programmeId}, ${caseId}, ${t.state}, ${t.index}, ${t.eventType}, ${t.dueAt}, ${now})`,
    );
    writes.push(
      tx.query(
        sql`insert into timers (programme_id, case_id, state, idx, event_type, due_at, created_at) values ${sql.join(values, sql`, `)}`,
      ),
    );
  }

  // Sorted by name: two events moving the same ledgers lock them in the same order, no deadlock.
  const deltas = Object.entries(result.ledgerDeltas)
    .filter(([, delta]) => delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, delta] of deltas) {
    const amount = delta.toFixed(2);
    const moved = tx.query(sql`
      with moved as (
        update ledgers set balance = balance + ${amount}::numeric, updated_at = ${now}
        where programme_id = ${programmeId} and name = ${name}
        returning balance)
      insert into ledger_entries (programme_id, ledger, case_id, seq, amount, balance_after, actor, at)
      select ${programmeId}, ${name}, ${caseId}, ${seq}, ${amount}::numeric, balance, ${actorId}, ${now} from moved
      returning id`);
    writes.push(
      moved.then(
        (rows) => {
          if (rows.length === 0)
            throw new EngineError(
              'ledger-missing',
              'internal',
              `programme '${programmeId}' has no ledger '${name}'`,
            );
        },
        (error: unknown) => {
          const db = databaseErrorOf(error);
          if (db?.code === '23514' && db.constraint === 'ledgers_balance_non_negative') {
            throw new LedgerInsufficientError(name, target.ledgerBefore[name] ?? 0, delta);
          }
          throw error;
        },
      ),
    );
  }
  return writes;
}
