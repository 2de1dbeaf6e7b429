/** The store's contract suites on PostgreSQL: a fresh database on `TEST_DATABASE_URL` per suite, dropped after. */
import { describe, it } from 'vitest';
import { concurrencyContract } from './concurrency.contract.js';
import { testDatabaseUrl } from '../sql/create-test-database.js';
import { openCasesContract } from './open-cases.contract.js';
import { reliefStoreContract } from './relief-store.contract.js';
import { timerSchedulerContract } from './timer-scheduler.contract.js';

if (testDatabaseUrl()) {
  reliefStoreContract('postgres');
  timerSchedulerContract('postgres');
  concurrencyContract('postgres');
  openCasesContract('postgres');
} else {
  describe('relief store contract on postgres', () => {
    it.skip('skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it', () =>
      undefined);
  });
}
