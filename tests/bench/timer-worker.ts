/**
 * One scheduler process of the timer benchmark: opens the database given as argument, reports
 * `ready`, starts its timer scheduler on `go`, and on `stop` stops it and reports what it fired.
 */
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import type { TimerPass } from '../../engine/src/store/index.js';

const db = await openDatabase({ databaseUrl: process.argv[2], poolSize: 4 });
const store = createReliefStore(db);
const totals: TimerPass = { fired: 0, cancelled: 0, failed: 0 };
let errors = 0;
// Passes are driven here rather than by `start()` so their counts can be added up.
let running = false;
let loop: Promise<void> | undefined;
const scheduler = store.createTimerScheduler({ onError: () => errors++ });

process.on('message', (message: string) => {
  if (message === 'go') {
    running = true;
    loop = (async () => {
      while (running) {
        const pass = await scheduler.runDue();
        totals.fired += pass.fired;
        totals.cancelled += pass.cancelled;
        totals.failed += pass.failed;
        if (pass.fired + pass.cancelled + pass.failed === 0)
          await new Promise((r) => setTimeout(r, 50));
      }
    })();
  } else if (message === 'stop') {
    running = false;
    void (async () => {
      await loop;
      await db.close();
      process.send!({ totals, errors }, () => process.exit(0));
    })();
  }
});
process.send!('ready');
