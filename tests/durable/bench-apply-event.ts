/**
 * Events per second through the durable apply path on PostgreSQL, against a raw postgres.js
 * minimal transaction (begin; select … for update; update; commit) on the same server, both with
 * the same number of concurrent clients, each client working its own case. `tick` changes only the
 * case; `draw` also takes 1 from one ledger every client shares (the hot row of a distribution day).
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     pnpm exec tsx tests/durable/bench-apply-event.ts [clients=32] [seconds=5]
 */
import postgres from 'postgres';
import { createReliefStore, createTestDatabase } from '@relief/engine/store';
import type { ReliefStore } from '@relief/engine/store';
import { DRILL_SOURCE } from '../../engine/src/store/contract/drill-template.js';

const clients = Number(process.argv[2] ?? 32);
const seconds = Number(process.argv[3] ?? 5);
const CLERK = { actorId: 'bench', roles: ['clerk'] };

/** Run `step(worker)` in `clients` loops for `seconds`; events per second. */
async function measure(step: (worker: number) => Promise<unknown>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      while (performance.now() < until) {
        await step(worker);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

async function benchApplyPath(store: ReliefStore): Promise<{ tick: number; draw: number }> {
  const saved = await store.saveTemplate(DRILL_SOURCE, CLERK);
  await store.publishTemplate('store-drill', saved.record.version, CLERK);
  const programme = await store.startProgramme(
    { template: 'store-drill', district: 'bench', params: { stock: 100_000_000 } },
    CLERK,
  );
  const cases = await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      store.openCase(programme.id, { data: { name: `n${i}` } }, CLERK),
    ),
  );
  const send = (type: string) => (w: number) => store.applyEvent(cases[w]!.id, { type }, CLERK);
  await measure(send('tick')); // warm-up: prepared statements, caches
  return { tick: await measure(send('tick')), draw: await measure(send('draw')) };
}

async function benchRaw(url: string): Promise<number> {
  const sql = postgres(url, { max: clients, onnotice: () => undefined });
  await sql`create table bench_raw (id int primary key, n int not null, data jsonb not null)`;
  await sql`insert into bench_raw select g, 0, '{}'::jsonb from generate_series(0, ${clients - 1}) g`;
  const step = (w: number) =>
    sql.begin(async (tx) => {
      const [row] = await tx`select n, data from bench_raw where id = ${w} for update`;
      await tx`update bench_raw set n = ${(row!.n as number) + 1}, data = ${tx.json({ n: row!.n as number })} where id = ${w}`;
    });
  await measure(step);
  const rate = await measure(step);
  await sql.end();
  return rate;
}

const test = await createTestDatabase('postgres', { poolSize: clients });
try {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = new URL(
    `postgres://x${test.database.location.slice(test.database.location.indexOf('/'))}`,
  ).pathname;
  const raw = await benchRaw(url.toString());
  const apply = await benchApplyPath(createReliefStore(test.database));
  const pglite = await createTestDatabase('pglite');
  const embedded = await benchApplyPath(createReliefStore(pglite.database));
  await pglite.drop();
  console.log(`clients ${clients}, ${seconds}s each`);
  console.log(`raw postgres.js minimal transaction:     ${raw.toFixed(0)} events/s`);
  console.log(
    `apply path on PostgreSQL, tick:          ${apply.tick.toFixed(0)} events/s (${((apply.tick / raw) * 100).toFixed(0)}% of raw)`,
  );
  console.log(`apply path on PostgreSQL, draw (1 row):  ${apply.draw.toFixed(0)} events/s`);
  console.log(
    `apply path on PGlite, tick / draw:       ${embedded.tick.toFixed(0)} / ${embedded.draw.toFixed(0)} events/s (one connection)`,
  );
} finally {
  await test.drop();
}
