/**
 * Shared by the store's contract suites (`*.contract.ts`), which run unchanged on PGlite and on
 * PostgreSQL: a drill template that uses every kind of effect, a harness that creates and drops
 * the database, and a refusal assertion.
 */
import { afterAll, beforeAll } from 'vitest';
import { createManualClock } from '../../runtime/clock.js';
import type { ManualClock } from '../../runtime/clock.js';
import { createReliefStore } from '../create-relief-store.js';
import type { ReliefStore } from '../create-relief-store.js';
import { createTestDatabase } from '../sql/create-test-database.js';
import type { TestDatabase } from '../sql/create-test-database.js';
import type { ProgrammeRecord } from '../programme-repository.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { DRILL_SOURCE } from './drill-template.js';

export { DRILL_SOURCE };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const START = new Date('2022-04-06T22:00:00.000Z');
export const CLERK = { actorId: 'clerk-1', roles: ['clerk'] };
export const COURIER = { actorId: 'courier-1', roles: ['courier'] };
export const ADMIN = { actorId: 'admin-1' };

/** A database with the drill template published, and a store on it with a manual clock. */
export interface StoreHarness {
  readonly kind: DatabaseKind;
  readonly test: TestDatabase;
  readonly clock: ManualClock;
  /** The store on the current pool (renewed by `restart`). */
  readonly store: ReliefStore;
  /** A fresh drill programme in its own district (`drill/<n>` unless given). */
  programme(params?: Record<string, unknown>, district?: string): Promise<ProgrammeRecord>;
  /** Close every pool, reopen the database, and renew `store`. */
  restart(): Promise<ReliefStore>;
}

/** Set up (beforeAll) and drop (afterAll) a database for one suite. */
export function useStoreHarness(kind: DatabaseKind): StoreHarness {
  let test: TestDatabase | undefined;
  let store: ReliefStore | undefined;
  let districts = 0;
  const clock = createManualClock(START);
  beforeAll(async () => {
    test = await createTestDatabase(kind, { persistent: true });
    store = createReliefStore(test.database, { clock });
    const saved = await store.saveTemplate(DRILL_SOURCE, ADMIN);
    await store.publishTemplate('store-drill', saved.record.version, ADMIN);
  });
  afterAll(async () => {
    await test?.drop();
  });
  const harness: StoreHarness = {
    kind,
    clock,
    get test() {
      if (!test) throw new Error('the harness is set up in beforeAll');
      return test;
    },
    get store() {
      if (!store) throw new Error('the harness is set up in beforeAll');
      return store;
    },
    programme: (params = {}, district = `drill/d${++districts}`) =>
      harness.store.startProgramme({ template: 'store-drill', district, params }, ADMIN),
    async restart() {
      store = createReliefStore(await harness.test.restart(), { clock });
      return store;
    },
  };
  return harness;
}

/** The refusal assertion, shared with the scenario files. */
export { expectRefusal } from '../../testing/index.js';
