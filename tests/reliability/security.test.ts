/**
 * Security, black-box: another district's objects answer 404 on every object endpoint (never 403,
 * never their data); lists never show them; a revoked key stops working at once on every server
 * process; and the servers' logs hold no key and no personal data sent in the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createApiClient } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { fillPath, loadOperations } from './api-operations.js';
import {
  DISTRICT,
  OTHER_DISTRICT,
  createReliabilityFixture,
  personalData,
} from './reliability-fixture.js';
import type { ReliabilityFixture } from './reliability-fixture.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

/** Personal data sent in this file, beyond the fixture's: must not reach a log either. */
const SENT_NAME = '保密测试人张某某';
const SENT_PHONE = '13912345678';
const SENT_ADDRESS = '长征镇保密路99号';

describe.runIf(gateSuite('security (reliability)', missingTestDatabase()))('security', () => {
  let fixture: ReliabilityFixture;
  let servers: ServerProcess[] = [];
  let admin: ApiClient;
  const secrets: string[] = [];

  beforeAll(async () => {
    fixture = await createReliabilityFixture({ cases: 2 });
    secrets.push(...Object.values(fixture.keys));
    servers = await Promise.all([
      startServer({ databaseUrl: fixture.databaseUrl }),
      startServer({ databaseUrl: fixture.databaseUrl }),
    ]);
    admin = createApiClient(servers[0]!.baseUrl, fixture.keys.admin);
  });
  afterAll(async () => {
    await Promise.all(servers.map(async (s) => (await s.stop(), s.cleanup())));
    await fixture?.drop();
  });

  it("answers 404 for another district's objects on every object endpoint", async () => {
    const other = createApiClient(servers[0]!.baseUrl, fixture.keys.otherAdmin);
    const webhook = await other.post<{ id: string }>('/api/v1/webhooks', {
      // Loopback discard port: nothing is ever delivered off this machine.
      url: 'http://127.0.0.1:9/relief-test',
      events: ['case.never'],
    });
    expect(webhook.status, webhook.text).toBe(201);
    const otherKey = await other.get<{ items: { id: string; district: string }[] }>('/api/v1/keys');
    const otherKeyId = otherKey.body.items?.find((k) => k.district === OTHER_DISTRICT)?.id;

    const worker = createApiClient(servers[0]!.baseUrl, fixture.keys.worker);
    const operations = (await loadOperations(admin)).filter((o) => o.pathParams.includes('id'));
    const idFor = (path: string): string | undefined =>
      path.startsWith('/api/v1/programmes/')
        ? fixture.otherProgrammeId
        : path.startsWith('/api/v1/cases/')
          ? fixture.otherCaseId
          : path.startsWith('/api/v1/webhooks/')
            ? webhook.body.id
            : path.startsWith('/api/v1/keys/')
              ? otherKeyId
              : undefined; // templates are shared by every district
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const id = idFor(op.path);
      if (id === undefined) continue;
      const path = fillPath(op.path, { id });
      const body = op.path.endsWith('/events')
        ? { json: { type: 'note', payload: {} } }
        : op.path.endsWith('/assignee')
          ? { json: { assignee: 'someone' } }
          : op.path.endsWith('/erasure')
            ? { json: { note: "resident's written request" } }
            : op.path.endsWith('/import')
              ? { body: `name\n${SENT_NAME}\n`, headers: { 'content-type': 'text/csv' } }
              : op.method === 'PATCH'
                ? { json: { status: 'paused' } }
                : op.method === 'POST'
                  ? { json: { data: { name: SENT_NAME } } }
                  : {};
      for (const client of op.path.endsWith('/events') ? [worker] : [admin, worker]) {
        const response = await client.request(op.method, path, body);
        checked++;
        // A worker may be refused an admin operation by role (403 reveals nothing), but never 2xx.
        const allowed = client === worker && !op.path.endsWith('/events') ? [403, 404] : [404];
        if (!allowed.includes(response.status) || response.text.includes(personalData(0).name))
          wrong.push(`${op.method} ${op.path} → ${response.status} ${response.text.slice(0, 120)}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(wrong).toEqual([]);

    // Lists in the caller's scope never show the other district.
    for (const path of [
      '/api/v1/programmes',
      '/api/v1/webhooks',
      '/api/v1/keys',
      '/api/v1/worklist',
      '/api/v1/notifications',
    ]) {
      const response = await admin.get(path);
      expect(response.status, path).toBeLessThan(300);
      for (const foreign of [
        fixture.otherProgrammeId,
        fixture.otherCaseId,
        webhook.body.id,
        OTHER_DISTRICT,
      ])
        expect(response.text, `${path} shows ${foreign}`).not.toContain(foreign);
    }
  });

  it('refuses a revoked key at once, on every server process', async () => {
    const created = await admin.post<{ id: string; key: string }>('/api/v1/keys', {
      roles: ['worker'],
      district: DISTRICT,
      label: 'revocation test',
    });
    expect(created.status, created.text).toBe(201);
    secrets.push(created.body.key);
    const caseUrl = `/api/v1/cases/${fixture.caseIds[0]}`;
    for (const s of servers)
      expect((await createApiClient(s.baseUrl, created.body.key).get(caseUrl)).status).toBe(200);
    // Each server now keeps the verified key cached (its revocation subscription is confirmed
    // asynchronously after the first use): the revocation must reach past that cache.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const s of servers)
      expect((await createApiClient(s.baseUrl, created.body.key).get(caseUrl)).status).toBe(200);
    const revoked = await admin.request('DELETE', `/api/v1/keys/${created.body.id}`);
    expect(revoked.status, revoked.text).toBe(200);
    for (const s of servers) {
      const response = await createApiClient(s.baseUrl, created.body.key).get(caseUrl);
      expect(response.status).toBe(401);
      expect(response.contentType).toContain('application/problem+json');
    }
  });

  it('keeps keys and personal data out of the logs', async () => {
    // Personal data through every door: a new case, an import, a refused event, a bad case.
    const opened = await admin.post<{ id: string }>(
      `/api/v1/programmes/${fixture.programmeId}/cases`,
      {
        data: { name: SENT_NAME, phone: SENT_PHONE },
      },
    );
    expect(opened.status, opened.text).toBe(201);
    await admin.request('POST', `/api/v1/programmes/${fixture.programmeId}/cases/import`, {
      body: `name,phone\n${SENT_NAME},${SENT_PHONE}\n${SENT_ADDRESS},${'x'.repeat(40)}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    await admin.post(`/api/v1/programmes/${fixture.programmeId}/cases`, {
      data: { name: 42, phone: SENT_PHONE, address: SENT_ADDRESS },
    });
    await createApiClient(servers[0]!.baseUrl, fixture.keys.worker).post(
      `/api/v1/cases/${opened.body.id}/events`,
      {
        type: 'nonsense',
        payload: { name: SENT_NAME },
      },
    );
    await createApiClient(servers[1]!.baseUrl, 'rk_' + SENT_PHONE).get('/api/v1/programmes');

    await Promise.all(servers.map((s) => s.stop()));
    const ownerKeys = servers.flatMap((s) => ownerKeyOf(s));
    // The owner key is printed once, on the first start, by design; nowhere else.
    const logs = servers.map((s) => stripOwnerBanner(s.output())).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const forbidden = [
      ...secrets,
      ...ownerKeys,
      SENT_NAME,
      SENT_PHONE,
      SENT_ADDRESS,
      ...fixture.caseIds.map((_, i) => personalData(i).name),
      personalData(0).phone,
    ];
    expect(forbidden.filter((s) => logs.includes(s))).toEqual([]);
    expect(logs).not.toMatch(/rk_[A-Za-z0-9_-]{20,}/);
    expect(logs.toLowerCase()).not.toContain('bearer ');
  });
});

/** The owner key a server printed on its first start, if it did. */
function ownerKeyOf(server: ServerProcess): string[] {
  return [...server.output().matchAll(/^\s+(rk_[A-Za-z0-9_-]+)\s*$/gm)].map((m) => m[1]!);
}

/** The output without the one-time owner key message (from its heading to "Use it as: …"). */
function stripOwnerBanner(output: string): string {
  return output.replace(
    /Owner API key \(shown once[\s\S]*?Use it as: Authorization: Bearer \S+\n/,
    '',
  );
}
