/** `relief import`: a roster file opened as cases through the store's one import operation. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRILL_SOURCE } from '../store/contract/drill-template.js';
import { createReliefStore, openDatabase } from '../store/index.js';
import { importCommand } from './import-command.js';

const ADMIN = { actorId: 'test' };

describe('relief import', () => {
  let dir: string;
  let programmeId: string;
  let roster: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relief-import-'));
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      const store = createReliefStore(database);
      const { record } = await store.saveTemplate(DRILL_SOURCE, ADMIN);
      await store.publishTemplate(record.templateId, record.version, ADMIN);
      programmeId = (
        await store.startProgramme(
          { template: 'store-drill', district: 'cli/a', params: {} },
          ADMIN,
        )
      ).id;
    } finally {
      await database.close();
    }
    roster = join(dir, 'roster.csv');
    // Row 3 has no name (required), row 4 repeats row 1's ref.
    await writeFile(roster, 'ref,name,count\nr1,Wang,1\nr2,Li,2\nr3,,3\nr1,Zhao,4\n');
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    const lines: string[] = [];
    const code = await importCommand(args, (l) => lines.push(l), { DATA_DIR: join(dir, 'data') });
    return { code, lines };
  }

  it('checks every row on a dry run and writes nothing', async () => {
    const { code, lines } = await run([programmeId, roster, '--dry-run']);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('4 rows: 2 would be opened, 0 skipped, 2 refused');
    expect(lines[0]).toMatch(/roster\.csv:4: row 3: .*\[validation-failed\]$/);
    expect(lines[1]).toBe(`${roster}:5: row 4: ref 'r1' already appears in row 1 [duplicate-ref]`);
  }, 60_000);

  it('opens the valid rows, skips taken refs with --dedupe, and refuses an unknown programme', async () => {
    expect((await run([programmeId, roster])).lines.at(-1)).toBe(
      '4 rows: 2 opened, 0 skipped, 2 refused',
    );
    expect((await run([programmeId, roster, '--dedupe'])).lines.at(-1)).toBe(
      '4 rows: 0 opened, 3 skipped, 1 refused',
    );
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      const page = await createReliefStore(database).listCases(programmeId, {
        viewer: { roles: [], all: true },
      });
      expect(page.items.map((c) => [c.ref, c.data.name])).toEqual([
        ['r1', 'Wang'],
        ['r2', 'Li'],
      ]);
    } finally {
      await database.close();
    }
    const unknown = await run(['00000000-0000-4000-8000-000000000000', roster]);
    expect(unknown.code).toBe(1);
    expect(unknown.lines.join('\n')).toMatch(/programme/);
    expect((await run([programmeId])).code).toBe(2);
  }, 60_000);
});
