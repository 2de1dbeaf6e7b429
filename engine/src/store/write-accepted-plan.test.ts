/**
 * The write statement of every accepted event (`writeAccepted`) reaches its cases by primary key.
 * Joined only to its JSON rows, which PostgreSQL estimates at 100 whatever their number, a
 * programme of a few thousand cases was planned as a sequential scan of every case per batch
 * (the benchmark's 3,200 cases: 2,024 scans reading 6,457,600 rows in one 20 s run).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '../testing/gate-suite.js';
import { writeAccepted } from './apply-event.js';
import type { HistoryRow } from './apply-event.js';
import { createReliefStore } from './create-relief-store.js';
import { createTestDatabase } from './sql/create-test-database.js';
import type { TestDatabase } from './sql/create-test-database.js';
import type { SqlClient } from './sql/sql-client.js';

const LOVE_MEALS = readFileSync(
  new URL('../../../templates/love-meals.yaml', import.meta.url),
  'utf8',
);
const ADMIN = { actorId: 'admin-1' };
const CASES = 3_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** History rows of one accepted event on each of `ids`, numbered `seq`. */
const historyRows = (ids: readonly string[], seq: number): HistoryRow[] =>
  ids.map((id) => ({
    case_id: id,
    seq,
    event_type: 'review',
    payload: {},
    actor: 'worker',
    roles: null,
    from_state: 'applied',
    to_state: 'enrolled',
    at: '2026-12-02T08:00:00.000Z',
    idempotency_key: null,
    request_hash: null,
    result: null,
    active_states: ['enrolled'],
    value: 'enrolled',
    data: {},
    assignee: null,
    done: false,
  }));

/** Every node of a plan tree, flattened. */
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe.runIf(gateSuite('write statement plan on postgres', missingTestDatabase()))(
  'the write statement of a batch, on postgres',
  () => {
    let test: TestDatabase;
    let caseIds: string[];

    beforeAll(async () => {
      test = await createTestDatabase('postgres');
      const store = createReliefStore(test.database);
      const { record } = await store.saveTemplate(LOVE_MEALS, ADMIN);
      await store.publishTemplate('love-meals', record.version, ADMIN);
      const programme = (
        await store.startProgramme(
          { template: 'love-meals', version: record.version, district: 'sh/putuo/changzheng' },
          ADMIN,
        )
      ).id;
      const opened = await store.openCases(
        programme,
        Array.from({ length: CASES }, (_, i) => ({
          ref: `r-${i}`,
          data: { name: `老人${i}`, age: 85, address: '长征镇', careLevel: 5 },
        })),
        ADMIN,
      );
      caseIds = opened.flatMap((o) => (o.ok ? [o.case.id] : []));
      await test.database.sql.query(sql`analyze cases`);
    }, 120_000);

    afterAll(() => test?.drop());

    it('reads its cases by primary key, not by scanning all of them', async () => {
      expect(caseIds).toHaveLength(CASES);
      const rows = historyRows(caseIds.slice(0, 11), 2);
      let statement: SQL | undefined;
      const capture = {
        query: (query: SQL) => {
          statement = query;
          return Promise.resolve([]);
        },
      } as unknown as SqlClient;
      await writeAccepted(capture, rows);
      const [explained] = await test.database.sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        sql`explain (format json) ${statement!}`,
      );
      const nodes = nodesOf(explained!['QUERY PLAN'][0].Plan);
      const onCases = nodes.filter((n) => n['Relation Name'] === 'cases');
      expect(onCases.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(onCases.length).toBeGreaterThan(0);
    });

    it('is planned once and then reused, one event at a time (no plan per execution)', async () => {
      const rolledBack = new Error('rolled back on purpose');
      let plans: { generic_plans: number; custom_plans: number }[] = [];
      await test.database.sql
        .transaction(async (tx) => {
          // One event at a time, as an idle engine applies them: past PostgreSQL's five custom
          // plans it keeps the generic one, unless a custom plan always looks cheaper.
          for (let seq = 2; seq <= 9; seq++)
            await writeAccepted(tx, historyRows([caseIds[0]!], seq));
          plans = await tx.query(sql`
            select generic_plans::int, custom_plans::int from pg_prepared_statements
            where statement like '%jsonb_to_recordset%insert into case_history%'`);
          throw rolledBack;
        })
        .catch((error: unknown) => {
          if (error !== rolledBack) throw error;
        });
      expect(plans).toHaveLength(1);
      expect(plans[0]!.generic_plans).toBeGreaterThan(0);
    });
  },
);
