/**
 * The real server for the web app's client tests: `startServer` on 127.0.0.1, an ephemeral port,
 * PGlite in memory, the shipped templates seeded; and the web app's client pointed at it.
 */
import { startServer } from '@relief/engine/server';
import { createApiClient } from '../api/api-client.js';
import type { ApiClient } from '../api/api-client.js';

/** A started server, its owner key, and a client with that key. */
export interface RealServer {
  url: string;
  ownerKey: string;
  api: ApiClient;
  /** A client with another key. */
  clientWith(key: string): ApiClient;
  close(): Promise<void>;
}

/** Start the server (stop it with `close`). */
export async function startRealServer(): Promise<RealServer> {
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dataDir: 'memory://',
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    print: () => undefined,
  });
  const clientWith = (key: string) =>
    createApiClient({ origin: server.url, credentials: () => ({ key }) });
  return {
    url: server.url,
    ownerKey: server.ownerKey!,
    api: clientWith(server.ownerKey!),
    clientWith,
    close: () => server.close(),
  };
}
