/** Assert a programme's declared figures, as its stats endpoint reports them. */
import { expect } from 'vitest';
import type { ProgrammeDriver } from './programme-driver.js';

/** A figure's expected total, or its total and its breakdown by group key. */
export type ExpectedFigure = number | { value: number; groups: Record<string, number> };

/**
 * Check each named figure against the driver's `figures()`: the total, and the groups when given.
 * Drivers without figures (the in-memory one computes none) check nothing and answer false.
 */
export async function expectFigures(
  driver: ProgrammeDriver,
  expected: Record<string, ExpectedFigure>,
): Promise<boolean> {
  if (!driver.figures) return false;
  const figures = await driver.figures();
  const actual: Record<string, ExpectedFigure> = {};
  for (const [name, want] of Object.entries(expected)) {
    const figure = figures[name];
    if (!figure)
      throw new Error(`figure '${name}' is not in the stats (${Object.keys(figures).join(', ')})`);
    actual[name] =
      typeof want === 'number'
        ? figure.value
        : {
            value: figure.value,
            groups: Object.fromEntries((figure.groups ?? []).map((g) => [String(g.key), g.value])),
          };
  }
  expect(actual).toEqual(expected);
  return true;
}
