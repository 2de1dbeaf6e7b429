/**
 * `pnpm exec tsx tests/bench/figures-bench.ts [--cases 100000] [--runs 5]`: declared figures on
 * PostgreSQL for a programme of 100,000 cases (about 200,000 history rows and 100,000 ledger
 * movements), beside a second programme of the same size so that nothing wins by scanning a table
 * that holds only one programme. Prints the median time of `programmeStats` and of each figure
 * alone, and of a `where` translated to SQL against the same condition evaluated in a streaming
 * pass. The rows are seeded in SQL (the write path has its own benchmarks); what is measured is
 * the read. See docs/performance.md, "Figures".
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { FIGURES_SOURCE } from '../../engine/src/store/contract/figures-drill-template.js';
import { programmeFigures } from '../../engine/src/store/programme-figures.js';
import type { Template } from '../../engine/src/template/index.js';
import { createBenchDatabase } from './bench-database.js';
import { median } from './latency-stats.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } },
});
const cases = Number(values.cases);
const runs = Number(values.runs);
const caller = { actorId: 'bench' };

const database = await createBenchDatabase();
try {
  const db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
  try {
    const store = createReliefStore(db);
    const { record } = await store.saveTemplate(FIGURES_SOURCE, caller);
    await store.publishTemplate(record.templateId, record.version, caller);
    const start = (district: string) =>
      store.startProgramme(
        { template: 'store-figures', district, params: { fund: 1_000_000_000 } },
        caller,
      );
    const noise = await start('bench/other');
    const programme = await start('bench/d');
    let seeded = Date.now();
    const raw = postgres(database.url, { max: 1, onnotice: () => undefined });
    let template: Template;
    try {
      await seed(raw, noise.id, 'bench/other', cases);
      await seed(raw, programme.id, 'bench/d', cases);
      await raw`analyze`;
      const [row] = await raw<{ definition: Template }[]>`
        select definition from template_versions where template_id = 'store-figures'`;
      template = row!.definition;
    } finally {
      await raw.end({ timeout: 5 });
    }
    log(`seeded 2 × ${cases} cases in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    seeded = Date.now();

    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      await fn(); // warm-up: plans, caches, the compiled template
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }
      return median(ms);
    };
    const stats = await store.programmeStats(programme.id, { timeZone: 'Asia/Shanghai' });
    log(
      `figures: ${stats.figures.map((f) => `${f.name}=${f.value}${f.groups ? ` (${f.groups.length} groups)` : ''}`).join(', ')}`,
    );
    const whole = await time(() =>
      store.programmeStats(programme.id, { timeZone: 'Asia/Shanghai' }),
    );
    log(
      `programmeStats (counts by state, events by day, ledgers, 9 figures): ${whole.toFixed(0)} ms`,
    );
    const target = {
      programmeId: programme.id,
      district: 'bench/d',
      params: programme.params,
      timeZone: 'Asia/Shanghai',
      now: new Date(),
    };
    for (const [name, figure] of Object.entries(template.figures ?? {})) {
      const one = { ...template, figures: { [name]: figure } };
      const ms = await time(() => programmeFigures(db.sql, one, target));
      log(`  ${name.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${describe(figure)}`);
    }
  } finally {
    await db.close();
  }
} finally {
  await database.drop();
}

function describe(figure: NonNullable<Template['figures']>[string]): string {
  const { title: _title, unit: _unit, description: _description, ...rest } = figure;
  return JSON.stringify(rest);
}

/**
 * `n` cases in districts four levels below `district` (4 streets × 10 committees × 5 grids), each
 * opened (seq 1) and granted 0–2 times, with the ledger movement of every grant.
 */
async function seed(client: postgres.Sql, programmeId: string, district: string, n: number) {
  await client`
    insert into cases (id, programme_id, state, active_states, value, data, version, district, done, created_by, created_at, updated_at)
    select gen_random_uuid(), ${programmeId}, 'open', array['open'], '"open"'::jsonb,
      jsonb_build_object('age', (i * 7) % 100, 'category', (array['alone', 'ill', 'disabled', 'child'])[1 + i % 4],
                         'amount', (i % 1000)::numeric / 100 + 10),
      1 + i % 3, ${district} || '/s' || (i % 4) || '/c' || (i % 10) || '/g' || (i % 5), false, 'bench',
      timestamptz '2022-12-01 08:00+08' + (i % 30) * interval '1 day', now()
    from generate_series(1, ${n}::int) i`;
  await client`
    insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
    select c.id, 1, '(open)', c.data, 'bench', null, 'open', c.created_at
    from cases c where c.programme_id = ${programmeId}`;
  await client`
    insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
    select c.id, s + 1, 'grant', jsonb_build_object('amount', 12.34 + s), 'bench', 'open', 'open',
      c.created_at + s * interval '1 hour'
    from cases c cross join lateral generate_series(1, c.version - 1) s
    where c.programme_id = ${programmeId}`;
  await client`
    insert into ledger_entries (programme_id, ledger, case_id, seq, amount, balance_after, actor, at)
    select ${programmeId}, 'fund', h.case_id, h.seq, -(h.payload ->> 'amount')::numeric, 0, 'bench', h.at
    from case_history h join cases c on c.id = h.case_id
    where c.programme_id = ${programmeId} and h.event_type = 'grant'`;
}

function log(line: string) {
  process.stdout.write(`${line}\n`);
}
