/**
 * The real server for the end-to-end suite: `pnpm relief serve` in a child process on a free port,
 * with PGlite in memory or, given `databaseUrl`, on PostgreSQL. It seeds the shipped templates and
 * prints the owner key once; both are read from its output.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
// PGlite opens, migrates and seeds the templates first: on a loaded 2-core machine that has taken
// over 60 s (a bound on a hung start, not a speed check).
const START_TIMEOUT_MS = 150_000;

/** Where a server keeps its data and listens, when not the defaults (PGlite in memory, any port). */
export interface ServerPlace {
  /** A PGlite folder that outlives the process (a restart finds the same cases). */
  dataDir?: string;
  /** A fixed port (a restarted server keeps the origin, so the browser's offline copy applies). */
  port?: number;
  /** The folder has been started before: no owner key will be printed. */
  restart?: boolean;
}

/**
 * Start the server; resolves with its URL, the owner key and a stop function. A server restarted
 * on an existing `dataDir` prints no key (only the first start makes one): `key` is then ''.
 */
export function startReliefServer(
  databaseUrl?: string,
  place: ServerPlace = {},
): Promise<{
  url: string;
  key: string;
  close: () => Promise<void>;
}> {
  const child = spawn('pnpm', ['-s', 'relief', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(place.port ?? 0),
      HOST: '127.0.0.1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: place.dataDir ?? 'memory://' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the tsx and node processes under pnpm.
    detached: true,
  });
  const close = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      process.kill(-child.pid!, 'SIGTERM');
    });
  return new Promise((resolveStart, reject) => {
    let output = '';
    let key: string | undefined;
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`relief serve did not start in time:\n${output}`));
    }, START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      key ??= /Bearer (\S+)/.exec(output)?.[1];
      const url = /"msg":"listening","url":"([^"]+)"/.exec(output)?.[1];
      if (url && (key || place.restart)) {
        clearTimeout(timer);
        resolveStart({ url, key: key ?? '', close });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relief serve exited with ${code}:\n${output}`));
    });
  });
}
