/**
 * The migration scenario of issue 14 on PGlite and PostgreSQL: love-meals v1 running with 240
 * cases, 30 in each of its 8 states; v2 adds `reheated` between `failed` and `atGate` and a
 * required `allergies` with a default: the dry run moves all 240, the migration applies them (in
 * batches, resumable, idempotent), and each case then accepts v2's events; v3 removes `suspended`
 * and refuses the suspended cases by name unless they are mapped.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../runtime/clock.js';
import { loveMealsV2, loveMealsV3 } from '../template/love-meals-versions.fixture.js';
import { gateSuite, missingTestDatabase } from '../testing/gate-suite.js';
import { expectRefusal } from '../testing/expect-refusal.js';
import { ValidationFailedError } from '../errors/engine-error.js';
import { createReliefStore } from './create-relief-store.js';
import type { ReliefStore } from './create-relief-store.js';
import { MigrationRefusedError } from './migrate-programme.js';
import { createTestDatabase } from './sql/create-test-database.js';
import type { TestDatabase } from './sql/create-test-database.js';
import type { DatabaseKind } from './sql/sql-client.js';

const V1 = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');
const V2 = loveMealsV2(V1);
const V3 = loveMealsV3(V2);
const ADMIN = { actorId: 'admin-1' };
const PER_STATE = 30;

/** How each v1 state is reached from `applied`: events and their payloads. */
const PATHS: Record<string, [string, Record<string, unknown>?][]> = {
  applied: [],
  rejected: [['review']],
  'enrolled.prepared': [['review']],
  'enrolled.atGate': [['review'], ['carryToGate']],
  'enrolled.delivered': [['review'], ['carryToGate'], ['deliver']],
  'enrolled.failed': [['review'], ['carryToGate'], ['fail', { reason: '无人应门' }]],
  suspended: [['review'], ['suspend', { reason: '住院' }]],
  ended: [['review'], ['end', { reason: '搬走' }]],
};

const kinds: DatabaseKind[] = gateSuite('migration on postgres', missingTestDatabase())
  ? ['pglite', 'postgres']
  : ['pglite'];

describe.each(kinds)('programme migration on %s', (kind) => {
  let test: TestDatabase;
  let store: ReliefStore;
  let programme: string;
  const clock = createManualClock(new Date('2022-04-07T08:00:00.000Z'));
  const inState = new Map<string, string[]>();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    store = createReliefStore(test.database, { clock });
    for (const source of [V1, V2, V3]) {
      const { record } = await store.saveTemplate(source, ADMIN);
      await store.publishTemplate('love-meals', record.version, ADMIN);
    }
    programme = (
      await store.startProgramme(
        { template: 'love-meals', version: 1, district: 'sh/putuo/changzheng' },
        ADMIN,
      )
    ).id;
    const states = Object.keys(PATHS);
    const opened = await store.openCases(
      programme,
      states.flatMap((state, s) =>
        Array.from({ length: PER_STATE }, (_, i) => ({
          ref: `${state}-${i}`,
          // Rejected applicants are young and not assessed; everyone else qualifies by care level.
          data: {
            name: `老人${s}-${i}`,
            age: state === 'rejected' ? 60 : 85,
            address: `长征镇 ${s} 号 ${i} 室`,
            careLevel: state === 'rejected' ? 0 : 5,
          },
        })),
      ),
      ADMIN,
    );
    const ids = opened.map((o) => (o.ok ? o.case.id : ''));
    await Promise.all(
      states.map(async (state, s) => {
        const mine = ids.slice(s * PER_STATE, (s + 1) * PER_STATE);
        inState.set(state, mine);
        for (const id of mine)
          for (const [type, payload] of PATHS[state]!)
            await store.applyEvent(id, { type, payload: payload ?? {} }, { actorId: 'worker' });
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await test?.drop();
  });

  it('has 30 cases in each of the 8 states of v1', async () => {
    for (const [state, ids] of inState)
      for (const id of ids.slice(0, 2)) expect((await store.getCase(id)).state).toBe(state);
  });

  it('dry run of v1 → v2 moves all 240, fills allergies and keeps the failed cases’ timer', async () => {
    const before = await store.listProgrammeChanges(programme);
    const dry = await store.migrateProgramme(programme, { toVersion: 2, dryRun: true }, ADMIN);
    expect(dry).toMatchObject({ status: 'planned', total: 240, movable: 240, refused: 0 });
    expect(dry.cases.every((c) => c.movable && c.fromState === c.toState)).toBe(true);
    const failed = dry.cases.find((c) => c.ref === 'enrolled.failed-0')!;
    expect(failed).toMatchObject({ movable: true, filled: ['allergies'] });
    if (failed.movable) expect(failed.timers.kept).toHaveLength(1);
    // Nothing written.
    expect((await store.getCase(inState.get('applied')![0]!)).data).not.toHaveProperty('allergies');
    expect(await store.listProgrammeChanges(programme)).toEqual(before);
  });

  it('refuses a stateMap naming a state that does not exist, changing nothing', async () => {
    await expectRefusal(
      store.migrateProgramme(
        programme,
        { toVersion: 2, stateMap: { suspended: 'nowhere' } },
        ADMIN,
      ),
      ValidationFailedError,
      'validation-failed',
    );
  });

  it('migrates all 240 in batches, records it, and each case then accepts v2 events', async () => {
    const done = await store.migrateProgramme(programme, { toVersion: 2, batchSize: 50 }, ADMIN);
    expect(done).toMatchObject({ status: 'done', moved: 240, batches: 5, refused: 0 });
    expect((await store.getProgramme(programme)).templateVersion).toBe(2);
    const failedCase = inState.get('enrolled.failed')![0]!;
    const history = await store.caseHistory(failedCase);
    expect(history.at(-1)).toMatchObject({
      type: 'migrated',
      from: 'enrolled.failed',
      to: 'enrolled.failed',
      payload: { fromVersion: 1, toVersion: 2, filled: ['allergies'] },
    });
    expect((await store.getCase(failedCase)).data).toMatchObject({ allergies: 'none' });
    // v2's new path: failed --retry--> reheated --carryToGate--> atGate.
    for (const id of inState.get('enrolled.failed')!) {
      const retried = await store.applyEvent(id, { type: 'retry' }, { actorId: 'cadre' });
      expect(retried.case.state).toBe('enrolled.reheated');
      const carried = await store.applyEvent(id, { type: 'carryToGate' }, { actorId: 'courier' });
      expect(carried.case.state).toBe('enrolled.atGate');
    }
    for (const id of inState.get('applied')!.slice(0, 5))
      expect((await store.applyEvent(id, { type: 'review' }, { actorId: 'c' })).case.state).toBe(
        'enrolled.prepared',
      );
    const changes = await store.listProgrammeChanges(programme);
    expect(changes.at(-1)).toMatchObject({
      kind: 'migration',
      before: { version: 1 },
      after: { version: 2, moved: 240, refused: 0 },
    });
    // Retried: nothing moves twice, no second history entry.
    const again = await store.migrateProgramme(programme, { toVersion: 2 }, ADMIN);
    expect(again).toMatchObject({ status: 'done', moved: 0, alreadyMigrated: 240 });
    expect(
      (await store.caseHistory(inState.get('ended')![0]!)).filter((h) => h.type === 'migrated'),
    ).toHaveLength(1);
  });

  it('v3 without `suspended` refuses the suspended cases by name unless mapped', async () => {
    const refused = await expectRefusal(
      store.migrateProgramme(programme, { toVersion: 3 }, ADMIN),
      MigrationRefusedError,
      'migration-refused',
    );
    expect(refused.message).toMatch(/^30 case\(s\) .* \(suspended-\d+, /);
    const named = (refused.details!.refused as { ref: string }[]).map((r) => r.ref);
    expect(named).toHaveLength(PER_STATE);
    expect(named.every((ref) => ref.startsWith('suspended-'))).toBe(true);
    const dry = await store.migrateProgramme(programme, { toVersion: 3, dryRun: true }, ADMIN);
    expect(dry.refused).toBe(PER_STATE);
    expect(
      dry.cases
        .filter((c) => !c.movable)
        .map((c) => c.ref)
        .sort(),
    ).toEqual(Array.from({ length: PER_STATE }, (_, i) => `suspended-${i}`).sort());
    expect((await store.getProgramme(programme)).templateVersion).toBe(2);
    const mapped = await store.migrateProgramme(
      programme,
      { toVersion: 3, stateMap: { suspended: 'enrolled' } },
      ADMIN,
    );
    expect(mapped).toMatchObject({ status: 'done', moved: 240, refused: 0 });
    const suspendedCase = await store.getCase(inState.get('suspended')![0]!);
    expect(suspendedCase.state).toBe('enrolled.prepared');
  });
});
