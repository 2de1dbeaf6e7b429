/** Shared helpers for the scenario files: time units, the start clock, refusal assertions. */
import { expect } from 'vitest';
import type { EngineError } from '@relief/engine';
import { expectRefusal } from '@relief/engine/testing';
import type { ProgrammeDriver } from './programme-driver.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 7 April 2022, 06:00 in Shanghai: the morning the love-meals report describes. */
export const START = new Date('2022-04-06T22:00:00.000Z');

export { expectRefusal };

/** Everything a scenario can observe about a programme and one of its cases. */
export async function observe(driver: ProgrammeDriver, caseId: string) {
  return {
    case: await driver.get(caseId),
    balances: await driver.balances(),
    notifications: (await driver.notifications()).length,
    emitted: (await driver.emitted()).length,
  };
}

/** Await a refusal and check that it changed nothing observable. */
export async function expectRefusedWithoutChange<E extends EngineError>(
  driver: ProgrammeDriver,
  caseId: string,
  attempt: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  code: string,
): Promise<E> {
  const before = await observe(driver, caseId);
  const error = await expectRefusal(attempt(), type, code);
  expect(await observe(driver, caseId)).toEqual(before);
  return error;
}

/** Count values by key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** English text of a bilingual message (or the plain string). */
export function en(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object' && 'en' in message) return String(message.en);
  return JSON.stringify(message);
}
