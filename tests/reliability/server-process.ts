/**
 * A real `relief serve` in its own process, for black-box tests and benchmarks: started on a free
 * port of 127.0.0.1 with its own data folder, its output kept (to grep the logs), its memory
 * readable, and stopped gently (SIGTERM) or killed (SIGKILL) on request.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running server. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resident memory in MB, from /proc. */
  rssMb(): number;
  /** SIGTERM, then wait for exit (SIGKILL after `graceMs`). Resolves to the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once, and wait for the process to be gone. */
  kill(): Promise<void>;
  /** Remove the data folder (after stopping). */
  cleanup(): void;
}

/** How to start. With `databaseUrl` the server uses PostgreSQL, else PGlite in `dataDir`. */
export interface StartServerOptions {
  databaseUrl?: string | undefined;
  /** Data folder (owner key, PGlite files); a fresh temporary one by default. */
  dataDir?: string | undefined;
  port?: number | undefined;
  env?: Record<string, string> | undefined;
  /** Options for node itself, before the script (`--cpu-prof`, …). */
  nodeArgs?: readonly string[] | undefined;
  /** Modules loaded before the server, after tsx (so they may be TypeScript): probes. */
  preload?: readonly string[] | undefined;
  /** How long to wait for `/api/v1/health` (default 60 s). */
  readyTimeoutMs?: number | undefined;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Start `relief serve` and wait until it answers `/api/v1/health`. */
export async function startServer(options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'relief-server-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // The suites' receivers and discard targets listen on loopback, refused by default.
    WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      ...(options.preload ?? []).flatMap((path) => ['--import', path]),
      join(REPO_ROOT, 'engine/src/cli/main.ts'),
      'serve',
    ],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => chunks.push(c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    baseUrl,
    port,
    pid: child.pid!,
    output: () => Buffer.concat(chunks).toString('utf8'),
    rssMb: () => rssMb(child),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    cleanup() {
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(baseUrl, options.readyTimeoutMs ?? 60_000, exited);
  } catch (error) {
    await server.kill();
    server.cleanup();
    throw new Error(
      `${(error as Error).message}\n--- server output ---\n${server.output().slice(-4000)}`,
    );
  }
  return server;
}

async function waitForHealth(
  baseUrl: string,
  timeoutMs: number,
  exited: Promise<number | null>,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('server exited before it was ready');
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer /api/v1/health within ${timeoutMs} ms`);
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
