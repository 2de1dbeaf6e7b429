/** The store's contract suites on PostgreSQL: a fresh database on `TEST_DATABASE_URL` per suite, dropped after. */
import { concurrencyContract } from './concurrency.contract.js';
import { gateSuite, missingTestDatabase } from '../../testing/gate-suite.js';
import { openCasesContract } from './open-cases.contract.js';
import { programmeFiguresContract } from './programme-figures.contract.js';
import { reliefStoreContract } from './relief-store.contract.js';
import { timerSchedulerContract } from './timer-scheduler.contract.js';

if (gateSuite('relief store contract on postgres', missingTestDatabase())) {
  reliefStoreContract('postgres');
  timerSchedulerContract('postgres');
  concurrencyContract('postgres');
  openCasesContract('postgres');
  programmeFiguresContract('postgres');
}
