/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * Webhook targets over real HTTP (PGlite in memory): hostile URLs are refused when subscribed;
 * a name is resolved and checked again when a delivery connects, and the connection goes to the
 * checked address; redirects are not followed; the delivery log keeps no receiver body.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '@relief/engine/server';
import type { RunningServer } from '@relief/engine/server';
import { createWebhookTargetPolicy } from '@relief/engine/webhooks';
import { connect, eventually } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';

const PING_TEMPLATE = `dsl: relief/v1
id: webhook-ping
version: 1
title: { zh: 回调测试, en: Webhook ping }
roles:
  worker: { zh: 工作人员, en: Worker }
parameters: { type: object, properties: {} }
data: { type: object, properties: {} }
events:
  ping: { title: { zh: 发送, en: Ping }, roles: [worker] }
initial: open
states:
  open:
    on:
      ping: { actions: [{ emit: ping.sent }] }
`;

const HOSTILE = [
  'http://127.0.0.1:5432/',
  'http://localhost:23411/api/v1/keys',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]:22/',
  'http://0.0.0.0:6379/',
  'http://2130706433:5432/',
  'http://0x7f.1:5432/',
  'http://[::ffff:127.0.0.1]:5432/',
  'http://10.0.0.1/',
  'https://user:pass@hooks.example.org/',
];

function quiet() {
  return { info: () => undefined, warn: () => undefined, error: () => undefined };
}

describe('webhook targets', () => {
  let strict: RunningServer;
  let strictApi: ApiClient;
  beforeAll(async () => {
    strict = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      dataDir: 'memory://',
      templatesDir: null,
      log: quiet(),
      print: () => undefined,
    });
    strictApi = (await connect(strict.url)).api;
  });
  afterAll(async () => {
    await strict?.close();
  });

  it('refuses loopback, private, link-local, unspecified, encoded and credentialed URLs (422 at /url)', async () => {
    const integrator = await createKey(strictApi, strict.ownerKey!, ['integrator'], 'sh');
    for (const url of HOSTILE) {
      const res = await strictApi.post('/api/v1/webhooks', integrator, { url });
      expectProblem(res, 422, 'validation-failed');
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        url,
      ).toEqual(['/url']);
    }
    expect((await strictApi.get('/api/v1/webhooks', integrator)).body.items).toEqual([]);
    const ok = await strictApi.post('/api/v1/webhooks', integrator, {
      url: 'https://hooks.example.org/relief',
      events: ['never.sent'],
    });
    expect(ok.status, ok.text).toBe(201);
  });
});

describe('webhook deliveries check the resolved address', () => {
  let server: RunningServer;
  let api: ApiClient;
  let receiver: Server;
  let port = 0;
  const hits: { path: string; host: string }[] = [];
  const resolved: string[] = [];
  const names: Record<string, string> = {
    'good.test': '127.0.0.1',
    'inward.test': '169.254.169.254',
    'private.test': '10.1.2.3',
  };

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      hits.push({ path: req.url ?? '', host: req.headers.host ?? '' });
      req.resume();
      if (req.url === '/redirect') res.writeHead(302, { location: '/hook' }).end();
      else if (req.url === '/fail') res.writeHead(500).end('RECEIVER-SECRET-BODY');
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    server = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      dataDir: 'memory://',
      templatesDir: null,
      log: quiet(),
      print: () => undefined,
      webhooks: {
        intervalMs: 25,
        retry: { baseMs: 50, maxMs: 100, maxAttempts: 2 },
        timeoutMs: 2000,
        targets: createWebhookTargetPolicy(['127.0.0.1']),
        resolve: (host) => {
          resolved.push(host);
          const address = names[host];
          return address
            ? Promise.resolve([{ address, family: 4 }])
            : Promise.reject(
                Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
              );
        },
      },
    });
    api = (await connect(server.url)).api;
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('delivers to an allowed resolved address, refuses an inward one, follows no redirect, logs no body', async () => {
    const owner = server.ownerKey!;
    const designer = await createKey(api, owner, ['designer'], 'sh');
    const admin = await createKey(api, owner, ['admin'], 'sh');
    const worker = await createKey(api, owner, ['worker'], 'sh');
    const yaml = { key: designer, body: PING_TEMPLATE, type: 'application/yaml' };
    expect((await api.request('POST', '/api/v1/templates', yaml)).status).toBe(201);
    expect(
      (await api.post('/api/v1/templates/webhook-ping/versions/1/publish', designer)).status,
    ).toBe(200);
    const hooks: Record<string, string> = {};
    for (const [name, url] of Object.entries({
      good: `http://good.test:${port}/hook`,
      inward: `http://inward.test:${port}/hook`,
      private: `http://private.test:${port}/hook`,
      redirect: `http://127.0.0.1:${port}/redirect`,
      fail: `http://127.0.0.1:${port}/fail`,
    })) {
      const res = await api.post('/api/v1/webhooks', admin, { url, events: ['ping.sent'] });
      expect(res.status, res.text).toBe(201);
      hooks[name] = res.body.id as string;
    }
    const programme = (
      await api.post('/api/v1/programmes', admin, { template: 'webhook-ping', district: 'sh' })
    ).body.id as string;
    const opened = await api.post(`/api/v1/programmes/${programme}/cases`, admin, { data: {} });
    expect(opened.status, opened.text).toBe(201);
    const sent = await api.post(`/api/v1/cases/${opened.body.id}/events`, worker, { type: 'ping' });
    expect(sent.status, sent.text).toBe(200);

    const logOf = async (name: string) =>
      (await api.get(`/api/v1/webhooks/${hooks[name]}/deliveries`, admin)).body.items[0];
    const settled = async (name: string) =>
      eventually(
        async () => {
          const d = await logOf(name);
          return d && d.status !== 'pending' ? d : undefined;
        },
        10_000,
        `${name} delivery`,
      );

    const good = await settled('good');
    expect(good.status).toBe('delivered');
    // The connection went to the checked address, with the name in the Host header.
    expect(hits.filter((h) => h.path === '/hook').map((h) => h.host)).toEqual([
      `good.test:${port}`,
    ]);

    for (const [name, address, range] of [
      ['inward', '169.254.169.254', 'link-local'],
      ['private', '10.1.2.3', 'private'],
    ] as const) {
      const d = await settled(name);
      expect(d.status).toBe('failed');
      expect(d.attempts, 'a refused target is not retried').toBe(1);
      expect(d.lastError).toContain(`refused: ${name}.test (${address}) is a ${range} address`);
    }
    expect(resolved).toEqual(expect.arrayContaining(['good.test', 'inward.test', 'private.test']));

    const redirect = await settled('redirect');
    expect(redirect.lastError).toBe('receiver answered 302');
    expect(hits.filter((h) => h.path === '/redirect').length).toBe(redirect.attempts);
    expect(hits.filter((h) => h.path === '/hook').length, 'the redirect was not followed').toBe(1);

    const fail = await settled('fail');
    expect(fail.lastError).toBe('receiver answered 500');
    const log = await api.get(`/api/v1/webhooks/${hooks.fail}/deliveries`, admin);
    expect(log.text).not.toContain('RECEIVER-SECRET-BODY');
  });
});
