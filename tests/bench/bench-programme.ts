/** The benchmark programme (`bench-cycle.yaml`) published, started and filled with cases. */
import { readFileSync } from 'node:fs';
import type { ReliefStore } from '../../engine/src/store/index.js';

/** The district every benchmark programme runs in. */
export const BENCH_DISTRICT = 'bench/district';

/** The 5-step cycle template's YAML. */
export function benchCycleSource(): string {
  return readFileSync(new URL('./bench-cycle.yaml', import.meta.url), 'utf8');
}

/** A started programme and its open cases, in opening order. */
export interface BenchProgramme {
  programmeId: string;
  caseIds: string[];
}

/** Publish `source` (default: the cycle), start a programme of it and open `caseCount` cases. */
export async function provisionProgramme(
  store: ReliefStore,
  caseCount: number,
  source = benchCycleSource(),
  data: (i: number) => Record<string, unknown> = () => ({}),
): Promise<BenchProgramme> {
  const caller = { actorId: 'bench' };
  const { record } = await store.saveTemplate(source, caller);
  const id = record.templateId;
  await store.publishTemplate(id, record.version, caller);
  const programme = await store.startProgramme({ template: id, district: BENCH_DISTRICT }, caller);
  const caseIds: string[] = [];
  const chunk = 500;
  for (let i = 0; i < caseCount; i += chunk) {
    const inputs = Array.from({ length: Math.min(chunk, caseCount - i) }, (_, j) => ({
      data: data(i + j),
    }));
    for (const outcome of await store.openCases(programme.id, inputs, caller)) {
      if (!outcome.ok) throw outcome.error;
      caseIds.push(outcome.case.id);
    }
  }
  return { programmeId: programme.id, caseIds };
}

/** The cycle programme with `caseCount` cases and the worker key the HTTP load sends events with. */
export async function provisionWorkerLoad(
  store: ReliefStore,
  caseCount: number,
): Promise<{ caseIds: string[]; workerKey: string }> {
  const { caseIds } = await provisionProgramme(store, caseCount);
  const { key } = await store.createApiKey({
    roles: ['worker'],
    district: BENCH_DISTRICT,
    label: 'bench worker',
  });
  return { caseIds, workerKey: key };
}
