/**
 * The store's contract, part 5: early commit and statement order inside one transaction
 * (registered by `relief-store.contract.ts`).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { settleStatements } from '../sql/sql-client.js';
import { CLERK } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `transactions` part of the contract on a harness. */
export function transactionsContract(h: StoreHarness): void {
  describe('transactions', () => {
    it('a transaction that sends its COMMIT early still applies all or nothing, in the order issued', async () => {
      const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
      const attempt = h.test.database.sql.transaction(async (tx) => {
        const writes = [
          tx.query(sql`update cases set assignee = 'someone' where id = ${c.id}`),
          // Seq 1 exists already: this statement fails, so the early COMMIT must become a rollback.
          tx.query(
            sql`insert into case_history (case_id, seq, event_type, payload, to_state, at) values (${c.id}, 1, 'x', '{}'::jsonb, 'open', now())`,
          ),
        ];
        tx.commitEarly();
        await settleStatements(writes);
      });
      await expect(attempt).rejects.toThrow(/case_history_case_seq_idx/);
      expect((await h.store.getCase(c.id)).assignee).toBeNull();
      await h.test.database.sql.transaction(async (tx) => {
        const writes = [
          tx.query(sql`update cases set assignee = 'first' where id = ${c.id}`),
          tx.query(sql`update cases set assignee = assignee || '+second' where id = ${c.id}`),
        ];
        tx.commitEarly();
        await settleStatements(writes);
      });
      expect((await h.store.getCase(c.id)).assignee).toBe('first+second');
    });
  });
}
