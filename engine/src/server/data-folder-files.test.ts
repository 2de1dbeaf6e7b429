/** The data folder: owner-only modes, and a lock that a reused PID does not keep. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataFolderInUseError,
  holdDataDir,
  prepareDataDir,
  restrictDataDirFiles,
  serverHoldingDataDir,
} from './data-folder-files.js';

const root = mkdtempSync(join(tmpdir(), 'relief-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('data folder', () => {
  it('creates the folder 0700, and warns about an existing folder open to others', () => {
    const fresh = join(root, 'a', 'data');
    expect(prepareDataDir(fresh)).toBeUndefined();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const wide = join(root, 'wide');
    mkdirSync(wide, { mode: 0o755 });
    expect(prepareDataDir(wide)).toMatch(/open to other users \(mode 0755\).*chmod 700/);
    // Files written world-readable (as PGlite writes them) become owner-only.
    mkdirSync(join(fresh, 'pg_wal'), { mode: 0o755 });
    writeFileSync(join(fresh, 'pg_wal', '0001'), 'x', { mode: 0o666 });
    writeFileSync(join(fresh, 'pg_control'), 'x', { mode: 0o644 });
    expect(restrictDataDirFiles(fresh)).toBeGreaterThanOrEqual(2);
    expect(statSync(join(fresh, 'pg_wal')).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'pg_wal', '0001')).mode & 0o777).toBe(0o600);
    expect(statSync(join(fresh, 'pg_control')).mode & 0o777).toBe(0o600);
  });

  it('ignores a lock whose PID now belongs to another process, and honours a live one', async () => {
    const dir = join(root, 'lock');
    mkdirSync(dir, { mode: 0o700 });
    // Another, unrelated process that happens to have the recorded PID.
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      const pid = other.pid!;
      writeFileSync(join(dir, 'server.pid'), String(pid));
      expect(serverHoldingDataDir(dir), 'old-format lock of a non-Node process').toBeUndefined();
      writeFileSync(join(dir, 'server.pid'), `${pid} 1`);
      expect(serverHoldingDataDir(dir), 'same PID, other start time').toBeUndefined();
      const release = holdDataDir(dir);
      const [mine, started] = readFileSync(join(dir, 'server.pid'), 'utf8').split(' ');
      expect(Number(mine)).toBe(process.pid);
      expect(statSync(join(dir, 'server.pid')).mode & 0o777).toBe(0o600);
      release();
      // The lock of the live process, with its real start time, holds.
      writeFileSync(
        join(dir, 'server.pid'),
        `${pid} ${readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]}`,
      );
      expect(serverHoldingDataDir(dir)).toBe(pid);
      expect(() => holdDataDir(dir)).toThrow(DataFolderInUseError);
      expect(started).toMatch(/^\d+$/);
    } finally {
      other.kill();
    }
  });
});
