import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateCommand } from './validate-command.js';

const root = resolve(import.meta.dirname, '../../..');
const loveMeals = join(root, 'templates/love-meals.yaml');

async function brokenCopy(): Promise<{ file: string; line: number }> {
  const source = await readFile(loveMeals, 'utf8');
  const lines = source.split('\n');
  const line = lines.findIndex((l) => /^\s+- target: rejected$/.test(l)) + 1;
  lines[line - 1] = lines[line - 1]!.replace('rejected', 'rejectd');
  const dir = await mkdtemp(join(tmpdir(), 'relief-cli-'));
  const file = join(dir, 'broken.yaml');
  await writeFile(file, lines.join('\n'));
  return { file, line };
}

async function run(files: string[], json = false) {
  const lines: string[] = [];
  const code = await validateCommand(files, { json }, (l) => lines.push(l));
  return { code, lines };
}

describe('relief validate', () => {
  it('accepts the shipped templates with exit 0', async () => {
    const { code, lines } = await run([loveMeals]);
    expect(code).toBe(0);
    expect(lines).toEqual(['1 file(s) checked: 0 error(s), 0 warning(s)']);
  });

  it('prints file:line:col: error: message [code] for an unknown target, exit 1', async () => {
    const { file, line } = await brokenCopy();
    const { code, lines } = await run([file]);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: error: transition target 'rejectd' is not a state; .* \\[unknown-target\\]$`,
      ),
    );
  });

  it('prints JSON for tools with --json', async () => {
    const { file, line } = await brokenCopy();
    const { code, lines } = await run([file], true);
    const report = JSON.parse(lines.join('\n')) as {
      errors: number;
      files: { issues: { code: string; line: number }[] }[];
    };
    expect(code).toBe(1);
    expect(report.errors).toBe(1);
    expect(report.files[0]!.issues[0]).toMatchObject({ code: 'unknown-target', line });
  });

  it('reports a missing file as an error instead of crashing', async () => {
    const { code, lines } = await run(['/nonexistent/x.yaml']);
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      '/nonexistent/x.yaml:1:1: error: cannot read the file: no such file; check the path and permissions. [file-unreadable]',
    );
  });

  // One ajv setup: the dialect validate checks defaults with is the one cases are opened with, so
  // a default the run time would refuse is refused here (before: validated clean, then every case
  // opened without the field was refused with "must match format").
  it('refuses a data default that does not match its format', async () => {
    const source = await readFile(loveMeals, 'utf8');
    const lines = source.split('\n');
    const at = lines.indexOf('  properties:', lines.indexOf('data:')) + 1;
    lines.splice(at, 0, '    contact: { type: string, format: email, default: not-an-email }');
    const dir = await mkdtemp(join(tmpdir(), 'relief-cli-'));
    const file = join(dir, 'email-default.yaml');
    await writeFile(file, lines.join('\n'));
    const { code, lines: out } = await run([file]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(
      new RegExp(
        `^.*email-default\\.yaml:${at + 1}:\\d+: error: .*contact.*\\[invalid-default\\]$`,
      ),
    );
  });

  it('exits 1 from the real command line on an error', async () => {
    const { file } = await brokenCopy();
    const exec = promisify(execFile);
    const failure = await exec('pnpm', ['-s', 'relief', 'validate', file], { cwd: root }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect('code' in failure && failure.code).toBe(1);
    expect(failure.stdout).toContain('[unknown-target]');
  });
  it('lists the first 100 findings of a file and says how many more (issue 10, item 11)', async () => {
    const source = await readFile(loveMeals, 'utf8');
    const states = Array.from(
      { length: 150 },
      (_, i) => `  extra${i}:\n    on:\n      note: nowhere${i}\n`,
    ).join('');
    const dir = await mkdtemp(join(tmpdir(), 'relief-cli-'));
    const file = join(dir, 'many.yaml');
    await writeFile(file, source.replace(/^states:\n/m, `states:\n${states}`));
    const { code, lines } = await run([file]);
    expect(code).toBe(1);
    const findings = lines.filter((l) => l.startsWith(`${file}:`) && / (error|warning): /.test(l));
    expect(findings).toHaveLength(100);
    const [, errors, warnings] = lines.at(-1)!.match(/(\d+) error\(s\), (\d+) warning/)!;
    const total = Number(errors) + Number(warnings);
    expect(total).toBeGreaterThan(100);
    expect(lines).toContain(
      `${file}: and ${total - 100} more finding(s) not shown; fix these first, or use --json to list all`,
    );
    const json = await run([file], true);
    const all = JSON.parse(json.lines.join('\n')) as { files: { issues: unknown[] }[] };
    expect(all.files[0]!.issues.length).toBeGreaterThan(100);
  });
});
