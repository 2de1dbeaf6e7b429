/**
 * The one place that listens. Opens the database (PGlite in `dataDir`, or PostgreSQL at
 * `databaseUrl`) and migrates it, publishes the shipped templates on an empty database, creates the
 * owner key on first start, starts the timer scheduler and the webhook sender, and serves the app.
 * `close()` shuts down in order: stop taking requests, let those in flight finish, stop the loops,
 * close the database.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Clock } from '../runtime/clock.js';
import { createReliefStore, openDatabase } from '../store/index.js';
import type { Database, ReliefStore } from '../store/index.js';
import { createPushSender } from '../webhooks/create-push-sender.js';
import type { PushSenderOptions } from '../webhooks/create-push-sender.js';
import { createWebhookSender } from '../webhooks/create-webhook-sender.js';
import type { WebhookSenderOptions } from '../webhooks/create-webhook-sender.js';
import type { ApiContext } from '../api/api-context.js';
import { createApp } from '../api/create-app.js';
import { createLogger } from '../api/create-logger.js';
import type { Logger } from '../api/create-logger.js';
import {
  holdDataDir,
  prepareDataDir,
  restrictDataDirFiles,
  writeOwnerKey,
} from './data-folder-files.js';
import { DEFAULT_BODY_LIMITS } from '../api/read-body.js';
import type { BodyLimits } from '../api/read-body.js';
import { SHIPPED_TEMPLATES_DIR, seedTemplates } from './seed-templates.js';

/** How to run the server; every field has a default. */
export interface ServerOptions {
  /** How often the retention job erases personal data past its template's retention (default hourly). */
  retentionIntervalMs?: number | undefined;
  /** 0 picks a free port (tests). Default 8787. */
  port?: number | undefined;
  /** Default `127.0.0.1` (this machine only); `0.0.0.0` serves every interface. */
  hostname?: string | undefined;
  /** PostgreSQL; when absent PGlite runs in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data and the owner key file (default `./data`; `memory://` keeps PGlite in memory). */
  dataDir?: string | undefined;
  /** Templates published on an empty database (default the shipped `templates/`); null for none. */
  templatesDir?: string | null | undefined;
  /** The editor's built files (default `editor/dist`). */
  editorDir?: string | undefined;
  log?: Logger | undefined;
  clock?: Clock | undefined;
  limits?: Partial<BodyLimits> | undefined;
  /** Timer scheduler pause between passes (ms, default 1000). */
  timerIntervalMs?: number | undefined;
  webhooks?: WebhookSenderOptions | undefined;
  /** Web Push alerts; endpoints follow the webhook target policy unless `targets` is given here. */
  push?: PushSenderOptions | undefined;
  /** Where the one-time owner key message goes (default stdout). */
  print?: ((text: string) => void) | undefined;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  readonly store: ReliefStore;
  /** The owner key, only when this start created it. */
  readonly ownerKey: string | undefined;
  close(): Promise<void>;
}

const EDITOR_DIR = fileURLToPath(new URL('../../../editor/dist/', import.meta.url));

/** The engine's version, for `/health` and the OpenAPI document. */
export function engineVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Open the database, prepare it, and listen. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // `RELIEF_LOG_FLUSH_MS=0` writes every request's log line at once (as before batching).
  const flushMs = process.env.RELIEF_LOG_FLUSH_MS;
  const log = options.log ?? createLogger(flushMs ? { flushMs: Number(flushMs) } : {});
  const dataDir = options.dataDir ?? './data';
  const pglite = !options.databaseUrl;
  const onDisk = pglite && !dataDir.startsWith('memory://');
  if (onDisk) {
    const warning = prepareDataDir(dataDir);
    if (warning) log.warn(warning, {});
  }
  const release = onDisk ? holdDataDir(dataDir) : () => undefined;
  let database: Database;
  // PGlite writes its catalogs and WAL with the process umask: owner-only while it creates them.
  const umask = onDisk ? process.umask(0o077) : undefined;
  try {
    database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir });
  } catch (error) {
    release();
    throw error;
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  if (onDisk) restrictDataDirFiles(dataDir);
  const store = createReliefStore(database, options.clock ? { clock: options.clock } : {});
  const stopping: (() => Promise<void>)[] = [];
  try {
    if (options.templatesDir !== null)
      await seedTemplates(store, options.templatesDir ?? SHIPPED_TEMPLATES_DIR, log);
    const owner = await store.createOwnerKeyIfNone();
    if (owner) {
      const where = dataDir.startsWith('memory://') ? undefined : writeOwnerKey(dataDir, owner.key);
      (options.print ?? ((text: string) => process.stdout.write(text)))(
        `\nOwner API key (shown once${where ? `; also saved in ${where}, readable by you only` : ''}):\n\n  ${owner.key}\n\n` +
          `Use it as: Authorization: Bearer ${owner.key}\n\n`,
      );
    }

    const scheduler = store.createTimerScheduler({
      intervalMs: options.timerIntervalMs ?? 1000,
      onError: (error) =>
        log.error('timer scheduler failed', {
          error: error instanceof Error ? error.name : 'error',
        }),
    });
    scheduler.start();
    stopping.push(() => scheduler.stop());
    const sender = createWebhookSender(store, {
      ...options.webhooks,
      onError: (error) =>
        log.error('webhook sender failed', {
          error: error instanceof Error ? error.name : 'error',
        }),
    });
    sender.start();
    stopping.push(() => sender.stop());
    const pushSender = createPushSender(store, {
      targets: options.webhooks?.targets,
      ...options.push,
      onError: (error) =>
        log.error('push sender failed', {
          error: error instanceof Error ? error.name : 'error',
        }),
    });
    pushSender.start();
    stopping.push(() => pushSender.stop());
    const retention = startRetentionLoop(store, options.retentionIntervalMs ?? 3_600_000, log);
    stopping.push(retention);

    const ctx: ApiContext = {
      store,
      database: database.kind,
      log,
      limits: { ...DEFAULT_BODY_LIMITS, ...options.limits },
      version: engineVersion(),
      editorDir: options.editorDir ?? EDITOR_DIR,
      webhookTargets: options.webhooks?.targets,
      backup: database.dump,
    };
    const app = createApp(ctx);
    const server = await listen(app.fetch, options.port ?? 8787, options.hostname ?? '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const host = options.hostname ?? '127.0.0.1';
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    log.info('listening', { url, database: database.kind, location: database.location });
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      database,
      store,
      ownerKey: owner?.key,
      close: () =>
        (closing ??= (async () => {
          log.info('shutting down', {});
          await closeServer(server);
          for (const stop of stopping.reverse()) await stop();
          await database.close();
          release();
          log.info('stopped', {});
        })()),
    };
  } catch (error) {
    for (const stop of stopping.reverse()) await stop();
    await database.close();
    release();
    throw error;
  }
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}

/** Stop accepting connections and wait for requests in flight (at most 10 s, then cut them). */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** Run the retention job now and then every `intervalMs`; the returned function stops it. */
function startRetentionLoop(
  store: RunningServer['store'],
  intervalMs: number,
  log: Logger,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= store
      .applyRetention()
      .then((erased) => {
        if (erased > 0) log.info('retention erased personal data', { cases: erased });
      })
      .catch((error: unknown) =>
        log.error('retention job failed', {
          error: error instanceof Error ? error.name : 'error',
        }),
      )
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
