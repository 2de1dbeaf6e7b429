/** The one refusal assertion of the store contract suites and the scenario files. */
import { expect } from 'vitest';
import { EngineError } from '../errors/engine-error.js';

/** Await a promise that must be refused with exactly this engine error class and code. */
export async function expectRefusal<E extends EngineError>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  code: string,
): Promise<E> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok)
    throw new Error(
      `expected a refusal (${code}), but it was accepted: ${JSON.stringify(outcome.value)}`,
    );
  expect(outcome.error).toBeInstanceOf(EngineError);
  expect(outcome.error).toBeInstanceOf(type);
  expect((outcome.error as E).code).toBe(code);
  return outcome.error as E;
}
