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
    hookTimeout: 60_000,
  },
});
