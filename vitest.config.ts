import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/src/**/*.test.ts',
      'tests/**/*.test.ts',
      'editor/src/**/*.test.ts',
      'editor/e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', 'tests/bench/**'],
    testTimeout: 30_000,
    // Setup starts PGlite, migrates and seeds templates: over 60 s on a loaded 2-core machine. A
    // bound on a hung setup, not a speed check.
    hookTimeout: 180_000,
  },
});
