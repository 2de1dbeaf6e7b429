/** Helpers for the test suites (not part of the engine proper). */
export { gateSuite, isCi, missingTestDatabase } from './gate-suite.js';
export { expectRefusal } from './expect-refusal.js';
