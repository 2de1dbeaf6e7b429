/**
 * Files the server keeps in its data folder: the owner key (readable by the owner only) and, on
 * PGlite, a lock naming the process that has the database open (PGlite allows one process).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the owner key is written on first start. */
export function ownerKeyPath(dataDir: string): string {
  return join(dataDir, 'owner-key');
}

/** Write the owner key with mode 0600. */
export function writeOwnerKey(dataDir: string, key: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = ownerKeyPath(dataDir);
  writeFileSync(path, key + '\n', { mode: 0o600 });
  return path;
}

const lockPath = (dataDir: string) => join(dataDir, 'server.pid');

/** The pid of a live server holding `dataDir`, if any. */
export function serverHoldingDataDir(dataDir: string): number | undefined {
  if (!existsSync(lockPath(dataDir))) return undefined;
  const pid = Number(readFileSync(lockPath(dataDir), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Mark `dataDir` as held by this process; returns the release function. */
export function holdDataDir(dataDir: string): () => void {
  const holder = serverHoldingDataDir(dataDir);
  if (holder !== undefined && holder !== process.pid)
    throw new Error(
      `the data folder ${dataDir} is in use by process ${holder}; PGlite allows one process per folder (stop it, or use DATABASE_URL)`,
    );
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockPath(dataDir), String(process.pid));
  return () => rmSync(lockPath(dataDir), { force: true });
}
