/**
 * A case left behind by a migration with `onlyMovable` runs on its own template version: its
 * detail, next events, state title, worklist entry and history are read against that version, not
 * the programme's newer one. Love-meals v1 with a suspended and an enrolled resident; v2 drops
 * `suspended` (and adds `reheated`); moving only the movable leaves the suspended one on v1.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../runtime/clock.js';
import { loveMealsV2, loveMealsV3 } from '../template/love-meals-versions.fixture.js';
import { gateSuite, missingTestDatabase } from '../testing/gate-suite.js';
import { createReliefStore } from './create-relief-store.js';
import type { ReliefStore } from './create-relief-store.js';
import { createTestDatabase } from './sql/create-test-database.js';
import type { TestDatabase } from './sql/create-test-database.js';
import type { DatabaseKind } from './sql/sql-client.js';

const V1 = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');
/** v2: `reheated` and `allergies` added, `suspended` removed. */
const V2 = loveMealsV3(loveMealsV2(V1)).replace('\nversion: 3\n', '\nversion: 2\n');
const ADMIN = { actorId: 'admin-1' };
const COMMITTEE = { roles: ['committee'], viewer: { roles: ['committee'] } };

const kinds: DatabaseKind[] = gateSuite('own-version reads on postgres', missingTestDatabase())
  ? ['pglite', 'postgres']
  : ['pglite'];

describe.each(kinds)('a case left on its own version, on %s', (kind) => {
  let test: TestDatabase;
  let store: ReliefStore;
  let programme: string;
  let suspended: string;
  let enrolled: string;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    store = createReliefStore(test.database, {
      clock: createManualClock(new Date('2022-04-07T08:00:00.000Z')),
    });
    for (const source of [V1, V2]) {
      const { record } = await store.saveTemplate(source, ADMIN);
      await store.publishTemplate('love-meals', record.version, ADMIN);
    }
    programme = (
      await store.startProgramme(
        { template: 'love-meals', version: 1, district: 'sh/putuo/changzheng' },
        ADMIN,
      )
    ).id;
    const opened = await store.openCases(
      programme,
      ['甲', '乙'].map((name, i) => ({
        ref: `r-${i}`,
        data: { name, age: 85, address: '长征镇', careLevel: 5 },
      })),
      ADMIN,
    );
    [suspended, enrolled] = opened.map((o) => (o.ok ? o.case.id : '')) as [string, string];
    for (const id of [suspended, enrolled])
      await store.applyEvent(id, { type: 'review', payload: {} }, { actorId: 'worker' });
    await store.applyEvent(
      suspended,
      { type: 'suspend', payload: { reason: '住院' } },
      { actorId: 'worker' },
    );
    const moved = await store.migrateProgramme(
      programme,
      { toVersion: 2, onlyMovable: true },
      ADMIN,
    );
    expect(moved).toMatchObject({ status: 'done', moved: 1, refused: 1 });
  }, 120_000);
  afterAll(async () => {
    await test?.drop();
  });

  it('reads the left-behind case on v1: its version, next events and state title', async () => {
    const detail = await store.caseDetail(suspended, COMMITTEE);
    expect(detail.template).toEqual({ id: 'love-meals', version: 1 });
    expect(detail.nextEvents.map((e) => e.type).sort()).toEqual(['end', 'resume']);
    expect(detail.stateTitle).toEqual({ zh: '暂停送餐', en: 'Suspended' });
    expect((await store.nextEvents(detail.case, ['committee'])).map((e) => e.type).sort()).toEqual([
      'end',
      'resume',
    ]);
    expect(await store.caseStateTitle(detail.case)).toEqual({ zh: '暂停送餐', en: 'Suspended' });
    // A resident's copy of the case names the version it runs on and its state by that version.
    const copy = await store.caseExport(suspended, { exportedBy: 'admin-1' });
    expect(copy.programme.template.version).toBe(1);
    expect(copy.case.stateTitle).toEqual({ zh: '暂停送餐', en: 'Suspended' });
    // The moved case reads on v2.
    const moved = await store.caseDetail(enrolled, COMMITTEE);
    expect(moved.template).toEqual({ id: 'love-meals', version: 2 });
    expect(moved.case.data).toMatchObject({ allergies: 'none' });
  });

  it('lists the left-behind case in the committee worklist with its own events', async () => {
    const page = await store.worklist({ roles: ['committee'], programmeId: programme });
    const item = page.items.find((i) => i.case.id === suspended);
    expect(item).toBeDefined();
    expect(item!.templateVersion).toBe(1);
    expect(item!.nextEvents.map((e) => e.type).sort()).toEqual(['end', 'resume']);
    expect(item!.stateTitle).toEqual({ zh: '暂停送餐', en: 'Suspended' });
  });

  it('maps its state from its own version in a later migration', async () => {
    // `suspended` is no state of v2, the programme's version, but of v1 where the case is.
    const dry = await store.migrateProgramme(
      programme,
      { toVersion: 2, stateMap: { suspended: 'enrolled' }, dryRun: true },
      ADMIN,
    );
    expect(dry).toMatchObject({ total: 2, movable: 1, refused: 0, alreadyMigrated: 1 });
    expect(dry.cases[0]).toMatchObject({ fromState: 'suspended', toState: 'enrolled.prepared' });
  });

  it('still accepts its v1 events, and moves later', async () => {
    await store.applyEvent(suspended, { type: 'resume', payload: {} }, { actorId: 'worker' });
    expect((await store.caseDetail(suspended, COMMITTEE)).case.state).toBe('enrolled.prepared');
    const rest = await store.migrateProgramme(programme, { toVersion: 2 }, ADMIN);
    expect(rest).toMatchObject({ status: 'done', moved: 1, refused: 0 });
    expect((await store.caseDetail(suspended, COMMITTEE)).template.version).toBe(2);
    // Both moves are in the programme's changes: the switch (1 moved, 1 left) and the follow-up.
    const changes = (await store.listProgrammeChanges(programme)).filter(
      (c) => c.kind === 'migration',
    );
    expect(changes.map((c) => c.after)).toMatchObject([
      { version: 2, moved: 1, refused: 1 },
      { version: 2, moved: 1, refused: 0, leftBehind: true },
    ]);
    // Sending it again moves nothing and records nothing.
    await store.migrateProgramme(programme, { toVersion: 2 }, ADMIN);
    expect(
      (await store.listProgrammeChanges(programme)).filter((c) => c.kind === 'migration'),
    ).toHaveLength(2);
  });
});
