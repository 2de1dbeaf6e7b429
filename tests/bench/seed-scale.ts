/**
 * `pnpm exec tsx tests/bench/seed-scale.ts [--cases 1000000] [--history 20] [--districts 300]
 * [--streets 3] [--runs 5] [--keep] [--database <url>] [--street city/dNNN/sN] [--explain]`: a
 * city-sized database on PostgreSQL (issue 17, item 5) and the reads a worker and a dashboard make on it. Seeds, in SQL,
 * `districts × streets` programmes (one per street `city/dNNN/sN`, each case in one of ten
 * committees below its street), `cases` cases spread evenly over them and about `history` history
 * rows per case (1 to 2 × history − 1), then times, as the median of `runs` warm calls: a worker's
 * worklist page (50) for one street and for a whole district, a case list page of one programme,
 * and the stats with figures of one programme and of a whole district's programmes at once. Not a
 * fixture: nothing of it is kept in the repository, and the database is dropped at the end unless
 * `--keep` (then its URL is printed). `--database <url>` measures a database an earlier `--keep`
 * run seeded; `--street` picks the street measured (default the middle one, `city/d150/s0` at full
 * size) and so its district; `--explain` prints `explain (analyze, buffers)` of every store
 * statement over 20 ms.
 *
 * The full size took 333 s to seed (plus 6 s of programmes) and 4.8 GB of disk on a loaded 2-core
 * machine (docs/scaling.md); run it small first (`--cases 20000 --history 5`).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { FIGURES_SOURCE } from '../../engine/src/store/contract/figures-drill-template.js';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { toQuery } from '../../engine/src/store/sql/sql-client.js';
import type { SqlClient } from '../../engine/src/store/sql/sql-client.js';
import { type BenchDatabase, createBenchDatabase } from './bench-database.js';
import { median } from './latency-stats.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    history: { type: 'string', default: '20' },
    districts: { type: 'string', default: '300' },
    streets: { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    street: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const history = Math.max(1, Number(values.history));
const districts = Number(values.districts);
const streets = Number(values.streets);
const runs = Number(values.runs);
const caller = { actorId: 'seed' };
const CHUNK = 100_000;
/** Connections opened besides the store's, ended before it closes. */
const closers: (() => Promise<unknown>)[] = [];

log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
// `--database <url>`: measure a database an earlier `--keep` run seeded (seeding once is the slow part).
const database: BenchDatabase = values.database
  ? {
      url: values.database,
      name: new URL(values.database).pathname.slice(1),
      drop: () => Promise.resolve(),
    }
  : await createBenchDatabase(undefined, 'relief_scale');
let keep = Boolean(values.database);
try {
  const db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
  try {
    const explained: string[] = [];
    const store = createReliefStore(
      values.explain ? { kind: db.kind, sql: explaining(db.sql, database.url, explained) } : db,
    );
    const programmes = values.database
      ? await seededProgrammes(database.url)
      : await seed(store, database.url);
    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      await fn();
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      return median(ms);
    };
    const street = values.street
      ? programmes.find((p) => p.district === values.street)
      : programmes[Math.floor(programmes.length / 2)];
    if (!street) throw new Error(`no programme for the street ${values.street}`);
    const district = street.district.split('/').slice(0, 2).join('/');
    const inDistrict = programmes.filter((p) => p.district.startsWith(`${district}/`));
    const clerk = { roles: ['clerk'], viewer: { roles: ['clerk'] }, limit: 50 };
    const rows: [string, number, string][] = [
      [
        `worklist page (50), one street (${street.district})`,
        await time(() => store.worklist({ ...clerk, scope: street.district })),
        '≤ 50 ms',
      ],
      [
        `worklist page (50), a whole district (${district})`,
        await time(() => store.worklist({ ...clerk, scope: district })),
        '≤ 50 ms',
      ],
      [
        'case list page (50), one programme',
        await time(() => store.listCases(street.id, { limit: 50, viewer: { roles: ['clerk'] } })),
        '≤ 50 ms',
      ],
      [
        'stats and figures, one street (one programme)',
        await time(() => store.programmeStats(street.id, { timeZone: 'Asia/Shanghai' })),
        '≤ 200 ms',
      ],
      [
        `stats and figures, a whole district (its ${inDistrict.length} programmes at once)`,
        // As the console's overview asks them: every programme of the district, at once.
        await time(() =>
          Promise.all(
            inDistrict.map((p) => store.programmeStats(p.id, { timeZone: 'Asia/Shanghai' })),
          ),
        ),
        '≤ 1 s',
      ],
    ];
    for (const plan of explained) log(plan);
    log(`\nmedian of ${runs} warm calls:`);
    for (const [name, ms, target] of rows)
      log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms   target ${target}`);
    log(
      `load average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    keep = values.keep || Boolean(values.database);
  } finally {
    for (const close of closers) await close();
    await db.close();
  }
} finally {
  if (keep) log(`kept: ${database.url}`);
  else await database.drop();
}

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

/** The programmes of a database an earlier run seeded, in the order `seed` started them. */
async function seededProgrammes(url: string): Promise<{ id: string; district: string }[]> {
  const raw = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await raw<{ id: string; district: string }[]>`
      select id, district from programmes order by created_at, district`;
  } finally {
    await raw.end({ timeout: 5 });
  }
}

/**
 * Start `districts × streets` programmes through the store, then bulk-load cases and history in
 * SQL: the secondary indexes of `cases` and `case_history` are dropped for the load and built
 * again after it (one sort each instead of 20,000,000 index inserts), and the load's session skips
 * the foreign-key triggers (`session_replication_role = replica`; every row it writes points at a
 * row it wrote). Primary keys stay.
 */
async function seed(
  store: ReturnType<typeof createReliefStore>,
  url: string,
): Promise<{ id: string; district: string }[]> {
  const { record } = await store.saveTemplate(FIGURES_SOURCE, caller);
  await store.publishTemplate(record.templateId, record.version, caller);
  const programmes: { id: string; district: string }[] = [];
  const t0 = Date.now();
  for (let d = 0; d < districts; d++)
    for (let s = 0; s < streets; s++) {
      const district = `city/d${String(d).padStart(3, '0')}/s${s}`;
      const p = await store.startProgramme(
        { template: 'store-figures', district, params: { fund: 1_000_000_000 } },
        caller,
      );
      programmes.push({ id: p.id, district });
    }
  log(`${programmes.length} programmes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const raw = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const ids = programmes.map((p) => p.id);
    const places = programmes.map((p) => p.district);
    await raw`set session_replication_role = replica`;
    await raw`set maintenance_work_mem = '1GB'`;
    const indexes = await raw<{ name: string; def: string }[]>`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ('cases', 'case_history')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
    for (const { name } of indexes) await raw.unsafe(`drop index "${name}"`);
    const seeded = Date.now();
    for (let from = 1; from <= cases; from += CHUNK) {
      const to = Math.min(cases, from + CHUNK - 1);
      // Each chunk's cases and their history in one statement.
      await raw`
        with c as (
          insert into cases (id, programme_id, state, active_states, value, data, version, assignee, district, done, created_by, created_at, updated_at)
          select gen_random_uuid(), (${ids}::uuid[])[1 + i % ${ids.length}], 'open', array['open'], '"open"'::jsonb,
            jsonb_build_object('age', (i * 7) % 100, 'category', (array['alone', 'ill', 'disabled', 'child'])[1 + i % 4],
                               'amount', (i % 1000)::numeric / 100 + 10, 'name', 'resident ' || i),
            1 + i % ${2 * history - 1}, case when i % 7 = 0 then 'worker' || (i % 50) end,
            (${places}::text[])[1 + i % ${places.length}] || '/c' || (i % 10), false, 'seed',
            timestamptz '2025-01-01 08:00+08' + (i % 365) * interval '1 day', now()
          from generate_series(${from}::int, ${to}::int) i
          returning id, data, version, created_at)
        insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
        select c.id, s, case when s = 1 then '(open)' else 'grant' end,
          case when s = 1 then c.data else jsonb_build_object('amount', 12.34 + s) end,
          'seed', case when s = 1 then null else 'open' end, 'open', c.created_at + s * interval '1 hour'
        from c cross join lateral generate_series(1, c.version) s`;
      log(`  ${to} cases seeded (${((Date.now() - seeded) / 1000).toFixed(0)} s)`);
    }
    const built = Date.now();
    for (const { name, def } of indexes) {
      const t = Date.now();
      await raw.unsafe(def);
      log(`  index ${name} built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    log(`indexes built in ${((Date.now() - built) / 1000).toFixed(0)} s`);
    await raw`set session_replication_role = origin`;
    await raw`vacuum analyze`;
    const [size] = await raw<{ cases: number; history: number; bytes: string }[]>`
      select (select count(*) from cases)::int as cases, (select count(*) from case_history)::int as history,
             pg_size_pretty(pg_database_size(current_database())) as bytes`;
    log(
      `seeded ${size!.cases} cases, ${size!.history} history rows, ${size!.bytes}, in ${((Date.now() - seeded) / 1000).toFixed(0)} s`,
    );
    const sizes = await raw<{ name: string; size: string }[]>`
      select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'i', 'p', 'I') and pg_relation_size(c.oid) > 10 * 1024 * 1024
      order by pg_relation_size(c.oid) desc`;
    for (const { name, size: bytes } of sizes) log(`  ${name.padEnd(40)} ${bytes}`);
  } finally {
    await raw.end({ timeout: 5 });
  }
  return programmes;
}

/**
 * `--explain`: the store's client, where every statement slower than 20 ms on its last run is run
 * again under `explain (analyze, buffers)` on a connection of its own and its plan kept (once per
 * statement text).
 */
function explaining(client: SqlClient, url: string, plans: string[]): SqlClient {
  const raw = postgres(url, { max: 1, onnotice: () => undefined });
  closers.push(() => raw.end({ timeout: 5 }));
  const seen = new Set<string>();
  return {
    kind: client.kind,
    commitEarly: () => client.commitEarly(),
    transaction: (work) => client.transaction(work),
    async query<R extends object>(query: SQL): Promise<R[]> {
      const t = performance.now();
      const rows = await client.query<R>(query);
      const ms = performance.now() - t;
      const { sql: text, params } = toQuery(query);
      if (ms > 20 && !seen.has(text)) {
        seen.add(text);
        const plan = await raw.unsafe<{ 'QUERY PLAN': string }[]>(
          `explain (analyze, buffers) ${text}`,
          params as never[],
        );
        plans.push(
          `\n--- ${ms.toFixed(1)} ms: ${text.replace(/\s+/g, ' ').slice(0, 300)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`,
        );
      }
      return rows;
    },
  };
}
