// Flat config: type-checked TypeScript rules, and import boundaries that keep the pure layers pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'postgres',
  '@electric-sql/pglite',
  'drizzle-orm',
  'drizzle-orm/*',
  'hono',
  'hono/*',
  '@hono/*',
];
const ioLayers = ['**/store/**', '**/api/**', '**/cli/**'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'bench-results/**',
      'test-results/**',
      'editor/dist/**',
      '**/migrations/**',
      // Type-checked against a client generated while openapi-generated-client.test.ts runs.
      'tests/api/generated-client/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts', '.ci/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  // Plain JS config and scripts are not part of a tsconfig: lint them without type information.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Pure layers: no I/O, so they run unchanged in the browser (editor simulator) and in tests.
    files: ['engine/src/{errors,template,expr,compile,runtime,export}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...ioModules, ...ioLayers], message: 'pure layers do no I/O' }] },
      ],
    },
  },
  {
    files: ['editor/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/src/store/**', '**/engine/src/api/**', '@relief/engine/store'],
              message: "the editor uses only the engine's pure layers",
            },
          ],
        },
      ],
    },
  },
  {
    // The editor's graph model is plain TypeScript (tested without a browser): no React, no canvas,
    // no editor widgets, no I/O; and the editor never reaches the engine's I/O layers.
    files: ['editor/src/model/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'react/*',
                '@xyflow/*',
                '@codemirror/*',
                'zustand',
                'zustand/*',
                'node:*',
                '**/store/**',
                '**/api/**',
              ],
              message: 'the editor model is pure: no UI framework, no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
