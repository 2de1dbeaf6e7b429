// Flat config: type-checked TypeScript rules, import boundaries generated from one layer table, no cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Modules that do I/O, or bring a server framework: never in a pure layer. */
const IO_MODULES = [
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
/** UI frameworks and widgets: never in the editor's plain-TypeScript model. */
const UI_MODULES = [
  'react',
  'react-dom',
  'react/*',
  '@xyflow/*',
  '@codemirror/*',
  'zustand',
  'zustand/*',
];

const PURE = ['errors', 'expr', 'template', 'compile', 'runtime', 'export', 'contract'];

/**
 * The house, one row per layer (room): where its files are and which engine layers it may import.
 * Every other layer is refused, as a relative path and as a package subpath (`@relief/engine/…`),
 * in one generated `no-restricted-imports` entry per layer, so no block replaces another's list.
 * `door: true`: the store is reached through `store/index.ts` only. Tests are exempt (they reach
 * fixtures and internals on purpose). docs/architecture.md draws the same table.
 */
export const LAYERS = {
  errors: { dir: 'engine/src/errors', reaches: [], pure: true },
  expr: { dir: 'engine/src/expr', reaches: ['errors'], pure: true },
  template: { dir: 'engine/src/template', reaches: ['errors', 'expr'], pure: true },
  compile: { dir: 'engine/src/compile', reaches: ['errors', 'expr', 'template'], pure: true },
  runtime: {
    dir: 'engine/src/runtime',
    reaches: ['errors', 'expr', 'template', 'compile'],
    pure: true,
  },
  export: { dir: 'engine/src/export', reaches: [], pure: true },
  contract: { dir: 'engine/src/contract', reaches: ['template'], pure: true },
  barrel: { files: ['engine/src/index.ts'], reaches: PURE, pure: true },
  store: {
    dir: 'engine/src/store',
    reaches: PURE.filter((l) => l !== 'contract'),
    // The contract suites are tests: they share the test helpers of `testing/`.
    exempt: ['engine/src/store/contract/**'],
  },
  testing: { dir: 'engine/src/testing', reaches: PURE },
  webhooks: { dir: 'engine/src/webhooks', reaches: [...PURE, 'store'], door: true },
  api: { dir: 'engine/src/api', reaches: [...PURE, 'store', 'webhooks'], door: true },
  server: { dir: 'engine/src/server', reaches: [...PURE, 'store', 'webhooks', 'api'], door: true },
  cli: {
    dir: 'engine/src/cli',
    reaches: [...PURE, 'store', 'webhooks', 'api', 'server'],
    door: true,
  },
  editor: {
    dir: 'editor/src',
    reaches: ['barrel', 'contract'],
    editor: true,
    // Scaffolding of the editor's tests: it starts the real server for them.
    exempt: ['editor/src/test-support/**'],
  },
  'editor model': {
    dir: 'editor/src/model',
    reaches: ['barrel', 'contract'],
    editor: true,
    pure: true,
    modules: UI_MODULES,
  },
};

/** The engine's layers as an import names them: relative folder, and package subpath if exported. */
const ENGINE_TARGETS = {
  errors: { folder: 'errors' },
  expr: { folder: 'expr' },
  template: { folder: 'template' },
  compile: { folder: 'compile' },
  runtime: { folder: 'runtime' },
  export: { folder: 'export' },
  contract: { folder: 'contract', subpath: '@relief/engine/contract' },
  barrel: { subpath: '@relief/engine' },
  store: { folder: 'store', subpath: '@relief/engine/store' },
  webhooks: { folder: 'webhooks', subpath: '@relief/engine/webhooks' },
  api: { folder: 'api', subpath: '@relief/engine/api' },
  server: { folder: 'server', subpath: '@relief/engine/server' },
  cli: { folder: 'cli' },
  testing: { folder: 'testing', subpath: '@relief/engine/testing' },
};

/** The `no-restricted-imports` patterns of one layer: everything it may not reach. */
function refusedImports(name, layer) {
  const patterns = [];
  for (const [target, { folder, subpath }] of Object.entries(ENGINE_TARGETS)) {
    if (layer.reaches.includes(target) || (LAYERS[target] && LAYERS[target].dir === layer.dir))
      continue;
    const group = [];
    // The engine's own files name a sibling folder (`../store/…`); the editor names the path.
    if (folder) group.push(layer.editor ? `**/engine/src/${folder}/**` : `**/${folder}/**`);
    if (subpath && target !== 'barrel') group.push(subpath);
    // The engine's own files import each other by path, never by the package's name.
    if (target === 'barrel' && !layer.editor) group.push('@relief/engine', '@relief/engine/*');
    if (group.length > 0)
      patterns.push({
        group,
        message: `${name} may not reach ${target} (LAYERS, eslint.config.js)`,
      });
  }
  // The editor reaches the engine by its package name only, never by a path into its sources.
  if (layer.editor)
    patterns.push({
      group: ['**/engine/src/**'],
      message: `${name} imports the engine as @relief/engine (or /contract), not by path`,
    });
  if (layer.door)
    patterns.push({
      group: ['**/store/**', '!**/store/index.js'],
      message: `${name} enters the store by its one door: store/index.js (ReliefStore)`,
    });
  if (layer.pure) patterns.push({ group: IO_MODULES, message: `${name} is a pure layer: no I/O` });
  if (layer.modules)
    patterns.push({
      group: layer.modules,
      message: `${name} is plain TypeScript: no UI framework`,
    });
  return patterns;
}

/** One lint block per layer, generated from LAYERS. */
function boundaryBlocks() {
  return Object.entries(LAYERS).map(([name, layer]) => {
    const nested = Object.values(LAYERS)
      .filter((other) => other.dir && layer.dir && other.dir.startsWith(`${layer.dir}/`))
      .map((other) => `${other.dir}/**`);
    return {
      name: `boundaries/${name}`,
      files: layer.files ?? [`${layer.dir}/**/*.{ts,tsx}`],
      ignores: ['**/*.test.ts', '**/*.test.tsx', ...nested, ...(layer.exempt ?? [])],
      rules: { 'no-restricted-imports': ['error', { patterns: refusedImports(name, layer) }] },
    };
  });
}

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
  ...boundaryBlocks(),
  {
    // No import cycles among the sources (type-only ones included: they tangle reading order too).
    files: ['engine/src/**/*.ts', 'editor/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: 'tsconfig.json',
        }),
      ],
    },
    rules: { 'import-x/no-cycle': 'error' },
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
