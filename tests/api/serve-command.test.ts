/**
 * `relief serve` as a process, the way `pnpm start` runs it: first start prints the owner key once
 * and keeps it in the data folder with mode 0600; `relief keys create` refuses while the server
 * holds the PGlite folder and works once it has stopped; `relief users create` makes the first
 * admin through the running server, or straight in the database once it has stopped; SIGTERM
 * shuts down cleanly. Issue 10, item 11: with no `HOST` it listens on 127.0.0.1 only, and a second
 * server on a live data folder is refused in one line, not a stack trace.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'engine/src/cli/main.ts');

interface Run {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function relief(args: string[], env: Record<string, string>, stdin?: string): Run {
  const child = spawn(TSX, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  if (stdin !== undefined) child.stdin.end(stdin);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function listening(run: Run): Promise<string> {
  const until = Date.now() + 120_000;
  for (;;) {
    const match = /"msg":"listening","url":"([^"]+)"/.exec(run.output());
    if (match) return match[1]!;
    if (Date.now() > until || run.child.exitCode !== null)
      throw new Error(`server did not start:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('relief serve, relief keys and relief users', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'relief-serve-'));
  // No HOST: the default address is checked too.
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '', DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on 127.0.0.1, prints the owner key once, keeps it 0600, refuses a second process, and stops on SIGTERM', async () => {
    const first = relief(['serve'], env);
    const url = await listening(first);
    const key = readFileSync(join(dataDir, 'owner-key'), 'utf8').trim();
    expect(key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dataDir, 'owner-key')).mode & 0o777).toBe(0o600);
    expect(first.output().split(key).length - 1).toBe(2); // the key, and the curl hint
    // Bound to 127.0.0.1 with no HOST set: the kernel's table of listening TCP sockets says where.
    const hex = Number(new URL(url).port).toString(16).toUpperCase().padStart(4, '0');
    const bound = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A')
      .map((f) => f[1]);
    expect(bound).toEqual([`0100007F:${hex}`]);
    // A second server on the live folder is refused in one line, not a stack trace.
    const rival = relief(['serve'], env);
    expect(await rival.exited).toBe(1);
    const lines = rival.output().trim().split('\n');
    expect(lines, rival.output()).toHaveLength(1);
    expect(lines[0]).toMatch(/in use by process \d+; PGlite allows one process per folder/);
    const health = await fetch(`${url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    const templates = await fetch(`${url}/api/v1/templates`, {
      headers: { authorization: `Bearer ${key}` },
    });
    // Every shipped template is published on the empty database: the ten of templates/*.yaml.
    const seeded = ((await templates.json()) as { items: { id: string }[] }).items;
    expect(seeded).toHaveLength(10);
    expect(seeded.map((t) => t.id).sort()).toEqual(
      readdirSync(join(ROOT, 'templates'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -'.yaml'.length))
        .sort(),
    );

    const busy = relief(['keys', 'create', '--role', 'committee', '--district', 'sh/putuo'], env);
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toMatch(/PGlite allows one process per folder/);

    // The first admin, while the server runs: through its API with the owner key.
    const admin = relief(
      ['users', 'create', '--login', 'wang.li', '--name', '王丽', '--roles', 'admin,committee'],
      { ...env, RELIEF_URL: url },
      'first-admin-password\n',
    );
    expect(await admin.exited).toBe(2); // --district is missing
    const created1 = relief(
      [
        'users',
        'create',
        '--login',
        'wang.li',
        '--name',
        '王丽',
        '--roles',
        'admin,committee',
        '--district',
        'sh/putuo',
      ],
      { ...env, RELIEF_URL: url },
      'first-admin-password\n',
    );
    expect(await created1.exited, created1.output()).toBe(0);
    expect(created1.output()).toMatch(
      /created .* wang\.li {2}王丽 {2}admin,committee {2}sh\/putuo \(through the running server/,
    );
    const session = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'wang.li', password: 'first-admin-password' }),
    });
    expect(session.status).toBe(200);
    expect(session.headers.get('set-cookie')).toMatch(/^relief_session=/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const created = relief(
      ['keys', 'create', '--role', 'committee', '--role', 'cadre', '--district', 'sh/putuo'],
      env,
    );
    expect(await created.exited).toBe(0);
    const workerKey = /(rk_[A-Za-z0-9_-]{43})/.exec(created.output())![1]!;
    // With the server stopped, straight in the database; a short password is refused.
    const short = relief(
      [
        'users',
        'create',
        '--login',
        '13800138000',
        '--name',
        '李红',
        '--roles',
        'cadre',
        '--district',
        'sh/putuo/changzheng',
      ],
      env,
      'short\n',
    );
    expect(await short.exited).toBe(1);
    expect(short.output()).toMatch(
      /password is invalid: \/password must be 10 to 200 characters long/,
    );
    const cadre = relief(
      [
        'users',
        'create',
        '--login',
        '13800138000',
        '--name',
        '李红',
        '--roles',
        'cadre',
        '--district',
        'sh/putuo/changzheng',
      ],
      env,
      'cadre-password-1\n',
    );
    expect(await cadre.exited, cadre.output()).toBe(0);
    const list = relief(['users', 'list'], env);
    expect(await list.exited).toBe(0);
    expect(list.output()).toMatch(/wang\.li {2}王丽/);
    expect(list.output()).toMatch(/13800138000 {2}李红 {2}cadre {2}sh\/putuo\/changzheng/);

    const second = relief(['serve'], env);
    const url2 = await listening(second);
    expect(second.output()).not.toContain('Owner API key');
    const work = await fetch(`${url2}/api/v1/worklist`, {
      headers: { authorization: `Bearer ${workerKey}` },
    });
    expect(work.status).toBe(200);
    const signedIn = await fetch(`${url2}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '13800138000', password: 'cadre-password-1' }),
    });
    expect(signedIn.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 400_000);
});
