/**
 * A fresh PostgreSQL database for one reliability test, with the reliability programme published
 * and started in two districts, and keys: a worker in each district and an admin in the first.
 * Provisioned through the store (the API under test is not needed to set a test up).
 */
import { readFileSync } from 'node:fs';
import { createReliefStore, openDatabase } from '../../engine/src/store/index.js';
import { createBenchDatabase } from '../bench/bench-database.js';

/**
 * The suite needs real PostgreSQL (each file gates itself with `gateSuite`: skipped with its reason
 * printed, a failure under CI). The server is started through `relief serve`: if that moves, the
 * suite fails rather than skips.
 */
export const RELIABILITY_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/** `RELIABILITY_LONG=1` runs the long version (more load, more rounds). */
export const LONG = process.env.RELIABILITY_LONG === '1';

/** The two districts: the test's own, and another one it must never see. */
export const DISTRICT = 'rel/own';
export const OTHER_DISTRICT = 'rel/other';

/** A provisioned database. */
export interface ReliabilityFixture {
  databaseUrl: string;
  programmeId: string;
  otherProgrammeId: string;
  /** Cases of `programmeId`, and one of the other district's programme. */
  caseIds: string[];
  otherCaseId: string;
  keys: {
    worker: string;
    admin: string;
    designer: string;
    otherWorker: string;
    otherAdmin: string;
  };
  drop(): Promise<void>;
}

/** Create the database and provision it; `cases` cases with made-up personal data. */
export async function createReliabilityFixture(
  options: { cases: number; stock?: number } = { cases: 8 },
): Promise<ReliabilityFixture> {
  if (!RELIABILITY_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const database = await createBenchDatabase(RELIABILITY_DATABASE_URL, 'relief_rel');
  try {
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
    try {
      const store = createReliefStore(db);
      const caller = { actorId: 'reliability-setup' };
      const source = readFileSync(new URL('./reliability.yaml', import.meta.url), 'utf8');
      const { record } = await store.saveTemplate(source, caller);
      await store.publishTemplate(record.templateId, record.version, caller);
      const start = (district: string) =>
        store.startProgramme(
          { template: record.templateId, district, params: { stock: options.stock ?? 100 } },
          caller,
        );
      const own = await start(DISTRICT);
      const other = await start(OTHER_DISTRICT);
      const open = async (programmeId: string, count: number) => {
        const outcomes = await store.openCases(
          programmeId,
          Array.from({ length: count }, (_, i) => ({ data: personalData(i) })),
          caller,
        );
        return outcomes.map((o) => {
          if (!o.ok) throw o.error;
          return o.case.id;
        });
      };
      const caseIds = await open(own.id, options.cases);
      const [otherCaseId] = await open(other.id, 1);
      const key = async (roles: string[], district: string) =>
        (await store.createApiKey({ roles, district, label: `reliability ${roles.join(',')}` }))
          .key;
      return {
        databaseUrl: database.url,
        programmeId: own.id,
        otherProgrammeId: other.id,
        caseIds,
        otherCaseId: otherCaseId!,
        keys: {
          worker: await key(['worker'], DISTRICT),
          admin: await key(['admin', 'auditor', 'integrator'], DISTRICT),
          designer: await key(['designer'], DISTRICT),
          otherWorker: await key(['worker'], OTHER_DISTRICT),
          otherAdmin: await key(['admin', 'auditor', 'integrator'], OTHER_DISTRICT),
        },
        drop: () => database.drop(),
      };
    } finally {
      await db.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** Made-up personal data (must never appear in a log). */
export function personalData(i: number): { name: string; phone: string } {
  return {
    name: `测试居民${String(i).padStart(4, '0')}号`,
    phone: `1390000${String(i).padStart(4, '0')}`,
  };
}
