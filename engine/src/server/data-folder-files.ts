/**
 * Files the server keeps in its data folder: the owner key (readable by the owner only) and, on
 * PGlite, a lock naming the process that has the database open (PGlite allows one process).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

/** Another live server holds the data folder. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(dataDir: string, pid: number) {
    super(
      `the data folder ${dataDir} is in use by process ${pid}; PGlite allows one process per folder (stop it, or use DATABASE_URL)`,
    );
  }
}

/** When process `pid` started (clock ticks since boot, from /proc), or undefined where unknown. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; the start time is field 22 of the line.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * The pid of a live server holding `dataDir`, if any. The lock records the holder's pid and start
 * time: a pid that now belongs to another process (PIDs repeat, above all in containers) started
 * at another time, so the lock is stale.
 */
export function serverHoldingDataDir(dataDir: string): number | undefined {
  if (!existsSync(lockPath(dataDir))) return undefined;
  const [pidText, started] = readFileSync(lockPath(dataDir), 'utf8').trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const now = startTime(pid);
  if (started !== undefined) return now === undefined || now === started ? pid : undefined;
  // A lock without a start time (older servers): held only if that pid is a Node process.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node') ? pid : undefined;
  } catch {
    return pid;
  }
}

/**
 * Make `dataDir` owner-only: created 0700 (with its parents as the umask allows); an existing
 * folder open to the group or others is left as it is, with a warning (PostgreSQL itself refuses
 * such a folder). Returns the warning, if any.
 */
export function prepareDataDir(dataDir: string): string | undefined {
  const existed = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existed) chmodSync(dataDir, 0o700);
  const mode = statSync(dataDir).mode & 0o777;
  if (mode & 0o077)
    return `the data folder ${dataDir} is open to other users (mode ${mode.toString(8).padStart(4, '0')}); it holds residents' personal data: chmod 700 ${dataDir}`;
  return undefined;
}

/**
 * Make every file and folder under `dataDir` owner-only. PGlite writes its files 0666 whatever the
 * umask; the 0700 folder already keeps other users out, and this keeps the files so if the folder
 * is ever opened up or copied. Returns how many modes it changed.
 */
export function restrictDataDirFiles(dataDir: string): number {
  let changed = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      const mode = statSync(path).mode & 0o777;
      const wanted = entry.isDirectory() ? 0o700 : mode & 0o700;
      if (mode !== wanted) {
        chmodSync(path, wanted);
        changed += 1;
      }
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dataDir);
  return changed;
}

/** Mark `dataDir` as held by this process; returns the release function. */
export function holdDataDir(dataDir: string): () => void {
  const holder = serverHoldingDataDir(dataDir);
  if (holder !== undefined && holder !== process.pid)
    throw new DataFolderInUseError(dataDir, holder);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(lockPath(dataDir), `${process.pid} ${startTime(process.pid) ?? ''}`.trim(), {
    mode: 0o600,
  });
  chmodSync(lockPath(dataDir), 0o600);
  return () => rmSync(lockPath(dataDir), { force: true });
}
