/**
 * Whether a test suite can run here. A suite that needs something this machine lacks
 * (`TEST_DATABASE_URL`, Chromium) is skipped with its reason printed in the run's output and
 * shown as a skipped test named after the reason; under CI (`CI=true`, where everything is
 * installed) a missing requirement is a failing test instead, so nothing is skipped silently.
 */
import { describe, it } from 'vitest';

/** Is this run CI? (`CI=true` or `CI=1`, as CI services set it.) */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Call at the top of a test file: `missing` says what is lacking (undefined when nothing is).
 * Returns true when the suite should register its tests; otherwise registers the skip (or, in
 * CI, the failure) under `suite` and returns false.
 */
export function gateSuite(suite: string, missing: string | undefined): boolean {
  if (missing === undefined) return true;
  if (isCi()) {
    describe(suite, () => {
      it(`cannot run: ${missing}`, () => {
        throw new Error(
          `${suite} cannot run: ${missing}. CI=true runs every suite; fix the machine, not the test.`,
        );
      });
    });
    return false;
  }
  process.stderr.write(`skipped: ${suite}: ${missing}\n`);
  describe(suite, () => {
    it.skip(`skipped: ${missing}`, () => undefined);
  });
  return false;
}

/** The usual reason: no PostgreSQL configured for tests. */
export function missingTestDatabase(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  return env.TEST_DATABASE_URL
    ? undefined
    : 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)';
}
