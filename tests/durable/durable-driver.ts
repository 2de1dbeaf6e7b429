/**
 * The scenario driver over the durable runtime: every scenario step goes through the same store
 * calls the API makes, on PGlite or PostgreSQL. Each programme gets its own district, store and
 * manual clock, so programmes of one database do not see each other's time or timers.
 */
import { readFileSync } from 'node:fs';
import { TemplateVersionPublishedError, createManualClock } from '@relief/engine';
import { createReliefStore } from '@relief/engine/store';
import type { CaseRecord, Database, Page, ReliefStore } from '@relief/engine/store';
import { TEMPLATES_DIR } from '../scenarios/in-memory-driver.js';
import type { CaseView, DriverFactory, ProgrammeDriver } from '../scenarios/programme-driver.js';

const CALLER = { actorId: 'scenario' };

function toView(record: CaseRecord): CaseView {
  return {
    id: record.id,
    state: record.state,
    value: record.value,
    data: record.data,
    assignee: record.assignee,
    version: record.version,
    done: record.done,
  };
}

async function all<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** Store and publish `templates/<id>.yaml` once per database. */
async function publish(store: ReliefStore, templateId: string): Promise<void> {
  const source = readFileSync(`${TEMPLATES_DIR}${templateId}.yaml`, 'utf8');
  try {
    const saved = await store.saveTemplate(source, CALLER);
    await store.publishTemplate(templateId, saved.record.version, CALLER);
  } catch (error) {
    if (!(error instanceof TemplateVersionPublishedError)) throw error;
  }
}

/** A driver factory over an open database. */
export function createDurableDriverFactory(database: Database): DriverFactory {
  const published = new Map<string, Promise<void>>();
  let programmes = 0;
  return async (templateId, params, now) => {
    const clock = createManualClock(now);
    const store = createReliefStore(database, { clock });
    if (!published.has(templateId)) published.set(templateId, publish(store, templateId));
    await published.get(templateId);
    const programme = await store.startProgramme(
      { template: templateId, district: `scenario/p${++programmes}`, params },
      CALLER,
    );
    const failures: unknown[] = [];
    const scheduler = store.createTimerScheduler({ onError: (error) => failures.push(error) });
    const programmeId = programme.id;

    const driver: ProgrammeDriver = {
      open: async (data) => toView(await store.openCase(programmeId, { data }, CALLER)),
      async openMany(rows) {
        const outcomes = await store.openCases(
          programmeId,
          rows.map((data) => ({ data })),
          CALLER,
        );
        return outcomes.map((outcome) => {
          if (!outcome.ok) throw outcome.error;
          return toView(outcome.case);
        });
      },
      send: async (caseId, type, payload, roles) =>
        toView(
          (
            await store.applyEvent(
              caseId,
              { type, payload: payload ?? {} },
              { actorId: 'scenario', roles },
            )
          ).case,
        ),
      async advance(ms) {
        if (!Number.isFinite(ms) || ms < 0)
          throw new RangeError(`advance needs a duration ≥ 0 in ms, got ${ms}`);
        const until = clock.now().getTime() + ms;
        // Step the clock to each due time in turn, as real time would pass, and fire what is due.
        for (;;) {
          const next = await store.nextTimerDue({ programmeId });
          if (next === null || next.getTime() > until) break;
          if (next.getTime() > clock.now().getTime()) clock.set(next);
          const pass = await scheduler.runDue({ programmeId });
          if (failures.length > 0)
            throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
          if (pass.fired + pass.cancelled === 0)
            throw new Error(`a timer due at ${next.toISOString()} could not be claimed`);
        }
        clock.set(new Date(until));
      },
      get: async (caseId) => toView(await store.getCase(caseId)),
      balances: () => store.ledgerBalances(programmeId),
      notifications: async () =>
        (
          await all((cursor) =>
            store.listNotifications({ programmeId, order: 'oldest', cursor, limit: 500 }),
          )
        ).map((n) => ({ caseId: n.caseId, role: n.role, message: n.message })),
      emitted: async () =>
        (await all((cursor) => store.listOutbox({ programmeId, cursor, limit: 500 }))).map((e) => ({
          caseId: e.caseId,
          name: e.name,
        })),
      async setParams(changes) {
        await store.changeProgramme(programmeId, { params: changes }, CALLER);
      },
    };
    return driver;
  };
}
