/**
 * The layer boundaries, probed: for each layer a file that imports across a boundary it must not
 * cross is linted with the project's own ESLint config (`lintText` with a `filePath` inside the
 * layer), and must fail; imports the layer is allowed must pass. The probes are written out here
 * rather than derived from `LAYERS`, so a wrong row in the table fails this test too.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** [file the probe pretends to be, import, refused?] */
type Probe = [file: string, source: string, refused: boolean];

const PROBES: Probe[] = [
  // pure floors, bottom up: no floor reaches one above it, none does I/O
  ['engine/src/errors/probe.ts', '../expr/index.js', true],
  ['engine/src/expr/probe.ts', '../template/template.js', true],
  ['engine/src/expr/probe.ts', '../errors/engine-error.js', false],
  ['engine/src/template/probe.ts', 'node:fs', true],
  ['engine/src/template/probe.ts', '../store/case-repository.js', true],
  ['engine/src/template/probe.ts', '../runtime/step-case.js', true],
  ['engine/src/template/probe.ts', '../compile/compile-template.js', true],
  ['engine/src/template/probe.ts', '../webhooks/create-webhook-sender.js', true],
  ['engine/src/template/probe.ts', '../expr/index.js', false],
  ['engine/src/compile/probe.ts', '../runtime/step-case.js', true],
  ['engine/src/compile/probe.ts', 'drizzle-orm', true],
  ['engine/src/compile/probe.ts', '../template/template.js', false],
  ['engine/src/runtime/probe.ts', '../store/index.js', true],
  ['engine/src/runtime/probe.ts', 'hono', true],
  ['engine/src/runtime/probe.ts', '../compile/compile-template.js', false],
  ['engine/src/contract/probe.ts', '../store/index.js', true],
  ['engine/src/export/probe.ts', '../api/index.js', true],
  // the store sits below everything that does HTTP, delivery, listening or the command line
  ['engine/src/store/probe.ts', '../api/create-app.js', true],
  ['engine/src/store/probe.ts', '../webhooks/index.js', true],
  ['engine/src/store/probe.ts', '../server/index.js', true],
  ['engine/src/store/probe.ts', '../cli/main.js', true],
  ['engine/src/store/probe.ts', '../contract/api-types.js', true],
  ['engine/src/store/probe.ts', '@relief/engine/api', true],
  ['engine/src/store/probe.ts', '../testing/index.js', true],
  ['engine/src/store/probe.ts', '../runtime/step-case.js', false],
  // the one door: store/index.js, nothing deeper
  ['engine/src/webhooks/probe.ts', '../store/webhook-repository.js', true],
  ['engine/src/webhooks/probe.ts', '../api/index.js', true],
  ['engine/src/webhooks/probe.ts', '../store/index.js', false],
  ['engine/src/api/routes/probe.ts', '../../store/case-repository.js', true],
  ['engine/src/api/routes/probe.ts', '../../store/sql/sql-client.js', true],
  ['engine/src/api/routes/probe.ts', '../../server/server.js', true],
  ['engine/src/api/routes/probe.ts', '../../cli/main.js', true],
  ['engine/src/api/routes/probe.ts', '../../store/index.js', false],
  ['engine/src/api/routes/probe.ts', '../../webhooks/webhook-target.js', false],
  ['engine/src/server/probe.ts', '../store/sql/open-database.js', true],
  ['engine/src/server/probe.ts', '../cli/main.js', true],
  ['engine/src/server/probe.ts', '../api/create-app.js', false],
  ['engine/src/cli/probe.ts', '../store/person-repository.js', true],
  ['engine/src/cli/probe.ts', '../testing/index.js', true],
  ['engine/src/cli/probe.ts', '../server/index.js', false],
  // the editor: the engine's pure barrel and its contract types, by package name only
  ['editor/src/panels/probe.ts', '@relief/engine/store', true],
  ['editor/src/panels/probe.ts', '@relief/engine/api', true],
  ['editor/src/panels/probe.ts', '@relief/engine/webhooks', true],
  ['editor/src/panels/probe.ts', '@relief/engine/server', true],
  ['editor/src/panels/probe.ts', '@relief/engine/testing', true],
  ['editor/src/panels/probe.ts', '../../../engine/src/store/case-repository.js', true],
  ['editor/src/panels/probe.ts', '../../../engine/src/template/template.js', true],
  ['editor/src/panels/probe.ts', '@relief/engine', false],
  ['editor/src/panels/probe.ts', '@relief/engine/contract', false],
  ['editor/src/model/probe.ts', '@relief/engine/store', true],
  ['editor/src/model/probe.ts', '@relief/engine/api', true],
  ['editor/src/model/probe.ts', '../../../engine/src/store/case-repository.js', true],
  ['editor/src/model/probe.ts', 'react', true],
  ['editor/src/model/probe.ts', 'node:fs', true],
  ['editor/src/model/probe.ts', '@relief/engine', false],
];

describe('layer boundaries (eslint.config.js LAYERS)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    // The project's config as it is, without type information: probes are not files of a tsconfig.
    eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: [
        tseslint.configs.disableTypeChecked,
        { languageOptions: { parserOptions: { projectService: false, project: null } } },
      ],
    });
  });

  async function restrictions(file: string, text: string): Promise<string[]> {
    const [result] = await eslint.lintText(text, { filePath: `${ROOT}${file}` });
    return result!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal)
      .map((m) => m.message);
  }

  it.each(PROBES)('%s importing %s: refused %s', async (file, source, refused) => {
    const found = await restrictions(
      file,
      `import * as probe from '${source}';\nexport { probe };\n`,
    );
    // A path may break two rules at once (the layer's floor and the door): one is enough.
    if (refused) expect(found.length).toBeGreaterThan(0);
    else expect(found).toEqual([]);
  });

  it('refuses type-only and re-exporting imports across a boundary too', async () => {
    expect(
      await restrictions(
        'engine/src/api/probe.ts',
        "import type { StoreContext } from '../store/store-context.js';\nexport type { StoreContext };\n",
      ),
    ).not.toEqual([]);
    expect(
      await restrictions(
        'engine/src/cli/probe.ts',
        "export { getCase } from '../store/case-repository.js';\n",
      ),
    ).not.toEqual([]);
  });

  it('refuses an import cycle (import-x/no-cycle)', async () => {
    // check-expression.ts imports check-names.ts; check-names importing it back closes a circle.
    const [result] = await eslint.lintText(
      "import { checkExpression } from './check-expression.js';\nexport const probe = checkExpression;\n",
      { filePath: `${ROOT}engine/src/expr/check-names.ts` },
    );
    expect(result!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
