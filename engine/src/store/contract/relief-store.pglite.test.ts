/** The store's contract suites on embedded PGlite. */
import { concurrencyContract } from './concurrency.contract.js';
import { openCasesContract } from './open-cases.contract.js';
import { programmeFiguresContract } from './programme-figures.contract.js';
import { reliefStoreContract } from './relief-store.contract.js';
import { timerSchedulerContract } from './timer-scheduler.contract.js';

reliefStoreContract('pglite');
timerSchedulerContract('pglite');
concurrencyContract('pglite');
openCasesContract('pglite');
programmeFiguresContract('pglite');
