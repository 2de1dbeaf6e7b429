/** Open a roster of cases in a scenario, the way a district loads one. */
import type { CaseView, ProgrammeDriver } from './programme-driver.js';

/** Open every row, in order: set-based through `openMany` where the driver has it, else one by one. */
export async function openAll(
  driver: ProgrammeDriver,
  rows: readonly Record<string, unknown>[],
): Promise<CaseView[]> {
  if (driver.openMany) return driver.openMany(rows);
  const opened: CaseView[] = [];
  for (const row of rows) opened.push(await driver.open(row));
  return opened;
}
