/**
 * The store's contract: templates, programmes, cases and events, run unchanged on PGlite and on
 * PostgreSQL (`relief-store.pglite.test.ts`, `relief-store.postgres.test.ts`). One database per
 * kind of database; each part is a file of its own, registered here in order.
 */
import { describe } from 'vitest';
import type { DatabaseKind } from '../sql/sql-client.js';
import { templatesContract } from './templates.contract.js';
import { programmesContract } from './programmes.contract.js';
import { casesContract } from './cases.contract.js';
import { eventsContract } from './events.contract.js';
import { transactionsContract } from './transactions.contract.js';
import { listsContract } from './lists.contract.js';
import { useStoreHarness } from './store-contract-kit.js';

/** Register the contract for one kind of database. */
export function reliefStoreContract(kind: DatabaseKind): void {
  describe(`relief store contract on ${kind}`, () => {
    const h = useStoreHarness(kind);
    templatesContract(h);
    programmesContract(h);
    casesContract(h);
    eventsContract(h);
    transactionsContract(h);
    listsContract(h);
  });
}
