/**
 * `pnpm exec tsx tests/bench/migration-bench.ts [cases]`: a love-meals programme of `cases`
 * (default 10,000) on PostgreSQL (`BENCH_DATABASE_URL` / `DATABASE_URL`, else the local one) moves
 * from v1 to v2 (a new state, a required field with a default); every case sits in `applied` with
 * its pending 3-day timer, and 1 in 10 is enrolled. Meanwhile a second client keeps reading cases
 * and sending events to another programme; the script prints the migration's seconds and those
 * requests' count and latencies. A benchmark, not a test: nothing here fails on a slow machine.
 */
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { loveMealsV2 } from '../../engine/src/template/love-meals-versions.fixture.js';
import { createBenchDatabase, benchServerUrl } from './bench-database.js';
import { rosterRows } from './roster.js';

const CASES = Number(process.argv[2] ?? 10_000);
const V1 = readFileSync(new URL('../../templates/love-meals.yaml', import.meta.url), 'utf8');
const caller = { actorId: 'bench' };

const database = await createBenchDatabase(benchServerUrl());
try {
  const db = await openDatabase({ databaseUrl: database.url, poolSize: 6 });
  try {
    const store = createReliefStore(db);
    for (const source of [V1, loveMealsV2(V1)]) {
      const { record } = await store.saveTemplate(source, caller);
      await store.publishTemplate('love-meals', record.version, caller);
    }
    const start = (district: string) =>
      store.startProgramme({ template: 'love-meals', version: 1, district }, caller);
    const programme = await start('bench/migrate');
    const other = await start('bench/other');
    const rows = rosterRows(CASES).map((data) => ({ data: { ...data, careLevel: 5 } }));
    const opened = await store.openCases(programme.id, rows, caller);
    const ids = opened.flatMap((o) => (o.ok ? [o.case.id] : []));
    for (const id of ids.filter((_, i) => i % 10 === 0))
      await store.applyEvent(id, { type: 'review' }, { actorId: 'bench' });
    const others = (await store.openCases(other.id, rows.slice(0, 200), caller)).flatMap((o) =>
      o.ok ? [o.case.id] : [],
    );
    console.log(
      `opened ${ids.length} cases (${ids.length / 10} enrolled); load ${loadavg()[0]!.toFixed(2)}`,
    );

    // Other requests while the migration runs: a read and an event, one after the other.
    let running = true;
    const latencies: number[] = [];
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const t0 = performance.now();
        if (i % 2 === 0) await store.getCase(ids[i % ids.length]!);
        else {
          const id = others[(i >> 1) % others.length]!;
          await store.applyEvent(
            id,
            { type: 'assess', payload: { careLevel: 5, mobilityImpaired: true } },
            { actorId: 'bench' },
          );
        }
        latencies.push(performance.now() - t0);
      }
    })();
    const dry0 = performance.now();
    const dry = await store.migrateProgramme(programme.id, { toVersion: 2, dryRun: true }, caller);
    const drySeconds = (performance.now() - dry0) / 1000;
    const t0 = performance.now();
    const done = await store.migrateProgramme(programme.id, { toVersion: 2 }, caller);
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await traffic;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    console.log(
      JSON.stringify({
        cases: CASES,
        dryRun: { seconds: +drySeconds.toFixed(2), movable: dry.movable },
        migrate: { seconds: +seconds.toFixed(2), moved: done.moved, batches: done.batches },
        otherRequests: {
          served: latencies.length,
          p50ms: +at(0.5).toFixed(1),
          p99ms: +at(0.99).toFixed(1),
          maxMs: +at(1).toFixed(1),
        },
        load: loadavg().map((l) => +l.toFixed(2)),
      }),
    );
  } finally {
    await db.close();
  }
} finally {
  await database.drop();
}
