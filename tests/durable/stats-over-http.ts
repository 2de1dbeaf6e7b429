/**
 * `GET /api/v1/programmes/{id}/stats` over real HTTP, served by the engine's own app over the
 * scenario's database: the durable scenarios replay a report through the store and then read its
 * figures back the way a district's dashboard does. A bare `node:http` listener on 127.0.0.1 and
 * an ephemeral port carries the requests to `createApp(...).fetch` (GET only: nothing else is sent).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BODY_LIMITS, createApp } from '@relief/engine/api';
import type { ApiContext } from '@relief/engine/api';
import { createReliefStore } from '@relief/engine/store';
import type { Database } from '@relief/engine/store';
import type { FigureView } from '../scenarios/programme-driver.js';

/** A listening stats reader; `close` stops it. */
export interface StatsOverHttp {
  readonly url: string;
  figures(programmeId: string): Promise<Record<string, FigureView>>;
  close(): Promise<void>;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface StatsBody {
  figures: ({ name: string } & FigureView)[];
}

/** Serve the API over `database` on 127.0.0.1 and read figures with an auditor key of every district. */
export async function startStatsOverHttp(database: Database): Promise<StatsOverHttp> {
  const store = createReliefStore(database);
  const ctx: ApiContext = {
    store,
    database: database.kind,
    log: quiet,
    limits: DEFAULT_BODY_LIMITS,
    version: 'scenarios',
  };
  const app = createApp(ctx);
  const { key } = await store.createApiKey({
    roles: ['auditor'],
    district: '',
    label: 'scenario stats',
  });
  const server = createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value] as [string, string]] : [],
      ),
    });
    Promise.resolve(app.fetch(request))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  // Minutes pass between two reads of one scenario run: without this, the server drops an idle
  // keep-alive socket (5 s) just as the client reuses it, and the read fails with ECONNRESET.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async figures(programmeId) {
      const response = await fetch(`${url}/api/v1/programmes/${programmeId}/stats`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`GET stats answered ${response.status}: ${text}`);
      const body = JSON.parse(text) as StatsBody;
      return Object.fromEntries(
        body.figures.map(({ name, value, by, groups }) => [
          name,
          { value, ...(by ? { by } : {}), ...(groups ? { groups } : {}) },
        ]),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
