/**
 * `relief backup` and `relief restore` on the embedded database: a backup taken while the server
 * runs (through it) and one taken with it stopped; a restore into a fresh DATA_DIR that a server
 * then starts on, with the cases, their history and the access log of the backup's moment; the
 * refusals (an existing archive, a folder that holds a database, a file that is no archive,
 * PostgreSQL) change nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/server.js';
import type { RunningServer } from '../server/server.js';
import { backupCommand, restoreCommand } from './backup-command.js';

const root = mkdtempSync(join(tmpdir(), 'relief-backup-'));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const start = (dataDir: string) =>
  startServer({ port: 0, dataDir, log: quiet, print: () => undefined, timerIntervalMs: 60_000 });

async function call<T>(server: RunningServer, key: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('relief backup and restore', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up while the server runs and after, and restores into a fresh folder', async () => {
    const lines: string[] = [];
    const out = (line: string) => lines.push(line);
    const live = join(root, 'live');
    const server = await start(live);
    let adminKey = '';
    const ids: string[] = [];
    try {
      adminKey = (
        await call<{ key: string }>(server, server.ownerKey!, '/keys', {
          roles: ['admin', 'committee'],
          district: 'sh/putuo',
        })
      ).key;
      const p = await call<{ id: string }>(server, adminKey, '/programmes', {
        template: 'love-meals',
        district: 'sh/putuo/changzheng',
      });
      for (const name of ['王秀英', '李桂兰']) {
        const c = await call<{ id: string }>(server, adminKey, `/programmes/${p.id}/cases`, {
          data: { name, age: 85, address: '长寿路 1 号', mobilityImpaired: true },
        });
        await call(server, adminKey, `/cases/${c.id}/events`, { type: 'review' });
        ids.push(c.id);
      }
      await call(server, adminKey, `/cases/${ids[0]}`);

      // while it runs: through the server, with the owner key of the folder
      const running = join(root, 'running.tar.gz');
      const env = { DATA_DIR: live, RELIEF_URL: server.url };
      expect(await backupCommand([running], out, env), lines.join('\n')).toBe(0);
      expect(lines.at(-1)).toMatch(/from the running server/);
      expect(statSync(running).mode & 0o777).toBe(0o600);
      expect(await backupCommand([running], out, env)).toBe(1);
      expect(lines.at(-1)).toMatch(/exists; nothing was written/);
      // a case opened after the backup is not in it
      await call(server, adminKey, `/programmes/${p.id}/cases`, {
        data: { name: '张志明', age: 88, address: '长寿路 3 号' },
      });
    } finally {
      await server.close();
    }

    // stopped: straight from the folder
    const stopped = join(root, 'stopped.tar.gz');
    expect(await backupCommand([stopped], out, { DATA_DIR: live }), lines.join('\n')).toBe(0);
    expect(lines.at(-1)).toContain(`from ${live}`);
    expect(existsSync(join(live, 'server.pid'))).toBe(false);

    // a folder that holds a database is not overwritten
    const before = readdirSync(live).sort();
    expect(await restoreCommand([join(root, 'running.tar.gz')], out, { DATA_DIR: live })).toBe(1);
    expect(lines.at(-1)).toMatch(/already holds a database; nothing was changed/);
    expect(readdirSync(live).sort()).toEqual(before);

    // a fresh folder from the backup taken while running: two cases, their history, the reads
    const fresh = join(root, 'fresh');
    expect(
      await restoreCommand([join(root, 'running.tar.gz')], out, { DATA_DIR: fresh }),
      lines.join('\n'),
    ).toBe(0);
    expect(lines.at(-1)).toMatch(/: 2 cases, 4 history entries, [1-9]\d* access-log rows/);
    const restored = await start(fresh);
    try {
      expect(restored.ownerKey, 'the owner exists: no new owner key').toBeUndefined();
      const c = await call<{ data: { name: string }; state: string }>(
        restored,
        adminKey,
        `/cases/${ids[0]}`,
      );
      expect(c.data.name).toBe('王秀英');
      const history = await call<{ items: { type: string }[] }>(
        restored,
        adminKey,
        `/cases/${ids[1]}/history`,
      );
      expect(history.items.map((h) => h.type)).toEqual(['(open)', 'review']);
      const reads = await call<{ items: { via: string }[] }>(
        restored,
        adminKey,
        `/cases/${ids[0]}/reads`,
      );
      expect(reads.items.map((r) => r.via)).toContain('getCase');
      const programmes = await call<{ items: { id: string }[] }>(restored, adminKey, '/programmes');
      const cases = await call<{ items: unknown[] }>(
        restored,
        adminKey,
        `/programmes/${programmes.items[0]!.id}/cases`,
      );
      expect(cases.items).toHaveLength(2);
    } finally {
      await restored.close();
    }

    // --force moves the existing folder aside; the stopped backup has the third case
    expect(
      await restoreCommand([stopped, '--force'], out, { DATA_DIR: fresh }, () => new Date(0)),
      lines.join('\n'),
    ).toBe(0);
    expect(lines.at(-1)).toMatch(/: 3 cases/);
    expect(existsSync(`${fresh}.before-restore-1970-01-01T00-00-00-000Z`)).toBe(true);

    // not an archive: refused, nothing left behind
    const junk = join(root, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    const other = join(root, 'other');
    expect(await restoreCommand([junk], out, { DATA_DIR: other })).toBe(1);
    expect(lines.at(-1)).toMatch(/is not a backup/);
    expect(existsSync(other)).toBe(false);

    // PostgreSQL: pg_dump
    expect(await backupCommand(['x.tar.gz'], out, { DATABASE_URL: 'postgres://h/db' })).toBe(2);
    expect(lines.at(-1)).toMatch(/pg_dump/);
  }, 240_000);
});
