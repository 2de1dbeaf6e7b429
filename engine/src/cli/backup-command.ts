/**
 * `relief backup <file> [--force]` and `relief restore <file> [--force]`: the embedded database
 * (PGlite in `DATA_DIR`) as one gzipped archive, and a data folder made from one.
 *
 * Safe while the server runs: PGlite lets one process open a folder, and copying its files under a
 * running server can catch them half-written (it runs with fsync off). So a backup never copies
 * files: when a server holds the folder, the server takes the archive itself, between two queries,
 * through `GET /api/v1/backup` with the owner key (`DATA_DIR/owner-key`); otherwise this command
 * opens the folder, holding the server's lock so no server starts meanwhile, and takes it. Restoring
 * needs the server stopped and a new or empty folder (`--force` moves an existing one aside).
 * On PostgreSQL (`DATABASE_URL`) both refuse and name pg_dump / pg_restore.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import {
  holdDataDir,
  ownerKeyPath,
  prepareDataDir,
  restrictDataDirFiles,
  serverHoldingDataDir,
} from '../server/data-folder-files.js';
import { dumpPgliteDir, loadPgliteDir } from '../store/index.js';

/** Usage of `relief backup` and `relief restore`. */
export const BACKUP_USAGE = `relief backup <file.tar.gz> [--force]    archive the embedded database of DATA_DIR (also while the server runs)
relief restore <file.tar.gz> [--force]   make DATA_DIR from an archive (server stopped; --force moves an existing DATA_DIR aside)
  PostgreSQL (DATABASE_URL): use pg_dump -Fc and pg_restore instead (docs/operations.md)`;

const PG_HINT =
  'DATABASE_URL is set: this server runs on PostgreSQL; back it up with pg_dump -Fc "$DATABASE_URL" -f relief.dump and restore with pg_restore -d <new database> relief.dump (docs/operations.md)';

function parse(args: readonly string[]): { file?: string; force: boolean } | string {
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) return `unknown option '${unknown}'`;
  if (rest.length !== 1) return 'name one archive file';
  return { file: rest[0], force };
}

async function fromServer(dataDir: string, env: Record<string, string | undefined>) {
  const base = env.RELIEF_URL || `http://127.0.0.1:${env.PORT || '8787'}`;
  let key: string;
  try {
    key = readFileSync(ownerKeyPath(dataDir), 'utf8').trim();
  } catch {
    throw new Error(
      `a server holds ${dataDir} and there is no owner key in it to ask it for a backup; stop the server and try again`,
    );
  }
  const res = await fetch(`${base}/api/v1/backup`, {
    headers: { authorization: `Bearer ${key}` },
  }).catch(() => undefined);
  if (!res)
    throw new Error(`a server holds ${dataDir} but does not answer at ${base}; set RELIEF_URL`);
  if (res.status !== 200) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `the server answered ${res.status}`);
  }
  return { archive: new Uint8Array(await res.arrayBuffer()), via: `the running server at ${base}` };
}

/** The file and `--force` of a backup or restore, or the exit code after saying what is wrong. */
function parseFor(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined>,
): { file: string; force: boolean } | number {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    out(`${parsed}\n${BACKUP_USAGE}`);
    return 2;
  }
  if (env.DATABASE_URL) {
    out(PG_HINT);
    return 2;
  }
  return { file: parsed.file!, force: parsed.force };
}

/** `relief backup`: returns the exit code. */
export async function backupCommand(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const parsed = parseFor(args, out, env);
  if (typeof parsed === 'number') return parsed;
  const file = parsed.file;
  if (existsSync(file) && !parsed.force) {
    out(`${file} exists; nothing was written (give --force to replace it)`);
    return 1;
  }
  const dataDir = env.DATA_DIR || './data';
  try {
    let taken: { archive: Uint8Array; via: string };
    if (serverHoldingDataDir(dataDir) !== undefined) taken = await fromServer(dataDir, env);
    else {
      // Hold the folder as a server would: no server opens it while the archive is taken.
      const release = holdDataDir(dataDir);
      try {
        taken = { archive: await dumpPgliteDir(dataDir), via: dataDir };
      } finally {
        release();
      }
    }
    writeFileSync(file, taken.archive, { mode: 0o600 });
    out(
      `backed up ${dataDir} to ${file} (${taken.archive.byteLength} bytes, from ${taken.via}); it holds residents' personal data: keep it encrypted`,
    );
    return 0;
  } catch (error) {
    out(`${(error as Error).message}; nothing was written`);
    return 1;
  }
}

/** `relief restore`: returns the exit code. */
export async function restoreCommand(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
  now: () => Date = () => new Date(),
): Promise<number> {
  const parsed = parseFor(args, out, env);
  if (typeof parsed === 'number') return parsed;
  const file = parsed.file;
  const dataDir = env.DATA_DIR || './data';
  let archive: Uint8Array<ArrayBuffer>;
  try {
    archive = new Uint8Array(readFileSync(file));
  } catch {
    out(`cannot read ${file}; nothing was changed`);
    return 1;
  }
  const holder = serverHoldingDataDir(dataDir);
  if (holder !== undefined) {
    out(`the server (process ${holder}) has ${dataDir} open: stop it first; nothing was changed`);
    return 1;
  }
  let aside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!parsed.force) {
      out(
        `${dataDir} already holds a database; nothing was changed (give --force to move it aside and restore, or set DATA_DIR to a new folder)`,
      );
      return 1;
    }
    aside = `${dataDir}.before-restore-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, aside);
  }
  const warning = prepareDataDir(dataDir);
  if (warning) out(warning);
  const umask = process.umask(0o077);
  try {
    const counts = await loadPgliteDir(dataDir, archive);
    restrictDataDirFiles(dataDir);
    out(
      `restored ${file} into ${dataDir}: ${counts.cases} cases, ${counts.events} history entries, ${counts.reads} access-log rows` +
        (aside
          ? `; the previous folder is in ${aside} (it holds personal data: delete it once you are sure)`
          : '') +
        `. The owner key file is not in a backup: keep yours, or make a key with relief keys create.`,
    );
    return 0;
  } catch (error) {
    out(`${file} is not a backup this version can open (${(error as Error).message})`);
    // Leave things as they were: the half-made folder goes, the moved one comes back.
    rmSync(dataDir, { recursive: true, force: true });
    if (aside) renameSync(aside, dataDir);
    return 1;
  } finally {
    process.umask(umask);
  }
}
