/**
 * Timers: `count` timers due at once, fired by two scheduler processes on one PostgreSQL database.
 * Measures seconds from both starting until no timer is pending, and counts double fires (a case
 * whose history holds its timer event more than once), which must be 0.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createManualClock } from '../../engine/src/index.js';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { createBenchDatabase } from './bench-database.js';
import { provisionProgramme } from './bench-programme.js';

/** One timer run. */
export interface TimerRun {
  timers: number;
  seconds: number;
  firedPerSec: number;
  /** Timer events in history, over all cases (must equal `timers`). */
  fired: number;
  doubleFires: number;
  /** Fired by each scheduler process. */
  byProcess: number[];
}

/** Run the timer benchmark `runs` times, each on a fresh database (dropped afterwards). */
export async function benchTimers(
  serverUrl: string,
  options: { count: number; processes: number; runs: number; timeoutMs: number },
): Promise<TimerRun[]> {
  const runs: TimerRun[] = [];
  for (let r = 0; r < options.runs; r++) runs.push(await timersOnce(serverUrl, options));
  return runs;
}

async function timersOnce(
  serverUrl: string,
  options: { count: number; processes: number; timeoutMs: number },
): Promise<TimerRun> {
  const database = await createBenchDatabase(serverUrl);
  const workers: ChildProcess[] = [];
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  try {
    // Cases opened an hour ago: every one-minute timer is long due.
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
    try {
      const store = createReliefStore(db, {
        clock: createManualClock(new Date(Date.now() - 3_600_000)),
      });
      const source = readFileSync(new URL('./bench-timer.yaml', import.meta.url), 'utf8');
      await provisionProgramme(store, options.count, source);
    } finally {
      await db.close();
    }
    const workerPath = fileURLToPath(new URL('./timer-worker.ts', import.meta.url));
    for (let p = 0; p < options.processes; p++)
      workers.push(
        fork(workerPath, [database.url], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
      );
    await Promise.all(workers.map((w) => nextMessage(w)));
    const t0 = performance.now();
    for (const w of workers) w.send('go');
    const deadline = t0 + options.timeoutMs;
    for (;;) {
      const [row] = await sql<
        { n: number }[]
      >`select count(*)::int as n from timers where status = 'pending'`;
      if (row!.n === 0 || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - t0) / 1000;
    const reports = await Promise.all(
      workers.map((w) => {
        const report = nextMessage(w);
        w.send('stop');
        return report as Promise<{ totals: { fired: number } }>;
      }),
    );
    const [counts] = await sql<{ fired: number; doubles: number }[]>`
      select coalesce(sum(n), 0)::int as fired, count(*) filter (where n > 1)::int as doubles
      from (select case_id, count(*) as n from case_history where event_type like 'after:%' group by case_id) t`;
    return {
      timers: options.count,
      seconds,
      firedPerSec: counts!.fired / seconds,
      fired: counts!.fired,
      doubleFires: counts!.doubles,
      byProcess: reports.map((r) => r.totals.fired),
    };
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`scheduler process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m);
    });
  });
}
