/**
 * Web Push over real HTTP on each database, with a push service on 127.0.0.1 that decrypts what
 * it gets as a browser would: a `notify` message reaches exactly the subscribed people who read it
 * (its role in their districts, or the case's assignee), once, encrypted for their browser and
 * signed with the server's VAPID key; a push service's 410 drops the subscription; endpoints the
 * target policy refuses are refused when subscribing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { asPerson, createPerson, signIn } from './people-fixtures.js';
import type { SignedIn } from './people-fixtures.js';
import {
  checkVapid,
  decryptPush,
  newBrowserSubscription,
  startPushService,
} from './push-service.js';
import type { BrowserSubscription, PushService } from './push-service.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const PROBE = `dsl: relief/v1
id: push-probe
version: 1
title: { zh: 提醒探针, en: Push probe }
roles:
  helper: { zh: 帮扶员, en: Helper }
  checker: { zh: 核查员, en: Checker }
data:
  type: object
  required: [name]
  properties:
    name: { type: string }
    helper: { type: string, default: '' }
events:
  help:
    title: { zh: 帮扶, en: Help }
    roles: [helper]
initial: open
states:
  open:
    entry:
      - assign: data.helper
    on:
      help:
        target: open
        actions:
          - notify: { role: checker, message: { zh: 已帮扶，请核查, en: Helped; please check } }
`;

/** Wait, bounded, until `ready()` holds; the loops run every 25 ms in the test server. */
async function waitFor(ready: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(DATABASES)('Web Push on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let push: PushService;
  let programmeId = '';
  const people: Record<string, SignedIn> = {};
  const phones: Record<string, BrowserSubscription> = {};

  const subscribe = (who: string, phone: BrowserSubscription, lang = 'zh') =>
    asPerson(api, people[who]!, 'POST', '/api/v1/push/subscriptions', {
      json: { ...phone.json, lang },
    });
  const receivedBy = (who: string) =>
    push.received.filter((r) => `${push.origin}${r.path}` === phones[who]!.endpoint);

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    push = await startPushService();
    const designer = await createKey(api, t.ownerKey, ['designer'], 'sh');
    const saved = await api.request('POST', '/api/v1/templates', {
      key: designer,
      body: PROBE,
      type: 'application/yaml',
    });
    expect(saved.status, saved.text).toBe(201);
    await api.post('/api/v1/templates/push-probe/versions/1/publish', designer);
    const started = await api.post('/api/v1/programmes', t.ownerKey, {
      template: 'push-probe',
      district: 'sh/putuo',
      title: '提醒探针 · 普陀',
    });
    expect(started.status, started.text).toBe(201);
    programmeId = started.body.id as string;
    // Who reads a checker's message about a case in sh/putuo:
    const everyone = [
      ['checker.putuo', ['checker'], 'sh/putuo'], // the role, in the district: yes
      ['checker.sh', ['checker'], 'sh'], // the role, a district above: yes (English alerts)
      ['checker.beijing', ['checker'], 'bj/haidian'], // another district: no
      ['helper.other', ['helper'], 'sh/putuo'], // another role, not assigned: no
      ['helper.assigned', ['helper'], 'sh/putuo'], // another role, the case's assignee: yes
      ['checker.gone', ['checker'], 'sh/putuo'], // the browser dropped it: 410, removed
    ] as const;
    for (const [login, roles, district] of everyone) {
      await createPerson(api, t.ownerKey, { login, roles: [...roles], district });
      people[login] = await signIn(api, login);
      phones[login] = newBrowserSubscription(`${push.origin}/push/${login}`);
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await push?.close();
  });

  it('gives a person the server key and keeps their subscription; keys and strangers get none', async () => {
    const key = await asPerson(api, people['checker.putuo']!, 'GET', '/api/v1/push/key');
    expect(key.status, key.text).toBe(200);
    expect(Buffer.from(key.body.publicKey as string, 'base64url')).toHaveLength(65);
    // The same key for everyone, on every call (one pair per database).
    const again = await asPerson(api, people['checker.sh']!, 'GET', '/api/v1/push/key');
    expect(again.body.publicKey).toBe(key.body.publicKey);
    expect((await api.get('/api/v1/push/key', t.ownerKey)).status).toBe(401);

    for (const who of Object.keys(phones)) {
      const res = await subscribe(who, phones[who]!, who === 'checker.sh' ? 'en' : 'zh');
      expect(res.status, res.text).toBe(201);
      expect(res.body).not.toHaveProperty('keys');
    }
    // Subscribing the same endpoint again updates the one row.
    const twice = await subscribe('checker.putuo', phones['checker.putuo']!);
    expect(twice.status).toBe(201);
    const mine = await asPerson(api, people['checker.putuo']!, 'GET', '/api/v1/push/subscriptions');
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].endpoint).toBe(phones['checker.putuo']!.endpoint);
  });

  it('refuses an endpoint the target policy refuses, or bad keys, and keeps nothing', async () => {
    const who = people['checker.putuo']!;
    const phone = (endpoint: string) => newBrowserSubscription(endpoint).json;
    const cases: [unknown, string][] = [
      [phone('http://10.1.2.3/push/x'), '/endpoint'], // private, not allowed
      [phone('https://localhost/push/x'), '/endpoint'], // loopback name
      [phone('http://push.example.org/x'), '/endpoint'], // public but plain http
      [phone('ftp://127.0.0.1/x'), '/endpoint'],
      [
        { ...phone(`${push.origin}/push/bad`), keys: { p256dh: 'short', auth: 'A'.repeat(22) } },
        '/keys/p256dh',
      ],
      [{ endpoint: `${push.origin}/push/bad` }, ''],
    ];
    for (const [json, path] of cases) {
      const res = await asPerson(api, who, 'POST', '/api/v1/push/subscriptions', { json });
      expectProblem(res, 422, 'validation-failed');
      if (path !== '') expect(JSON.stringify(res.body.errors)).toContain(path);
    }
    const mine = await asPerson(api, who, 'GET', '/api/v1/push/subscriptions');
    expect(mine.body.items).toHaveLength(1);
  });

  it('pushes a message once to each subscribed reader, encrypted for their browser and signed', async () => {
    push.gone('/push/checker.gone');
    const opened = await api.post(`/api/v1/programmes/${programmeId}/cases`, t.ownerKey, {
      data: { name: '王阿婆', helper: 'helper.assigned' },
    });
    expect(opened.status, opened.text).toBe(201);
    const caseId = opened.body.id as string;
    const sent = await asPerson(
      api,
      people['helper.assigned']!,
      'POST',
      `/api/v1/cases/${caseId}/events`,
      {
        json: { type: 'help' },
      },
    );
    expect(sent.status, sent.text).toBe(200);

    const readers = ['checker.putuo', 'checker.sh', 'helper.assigned'];
    await waitFor(
      () =>
        readers.every((who) => receivedBy(who).length > 0) && receivedBy('checker.gone').length > 0,
      'the alerts',
    );
    // A few more rounds of the sender: nothing is pushed twice, and nobody else gets it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const who of readers) expect(receivedBy(who), who).toHaveLength(1);
    expect(receivedBy('checker.beijing')).toHaveLength(0);
    expect(receivedBy('helper.other')).toHaveLength(0);

    const { publicKey } = (await asPerson(api, people['checker.putuo']!, 'GET', '/api/v1/push/key'))
      .body;
    for (const who of readers) {
      const [got] = receivedBy(who);
      expect(got!.headers['content-encoding']).toBe('aes128gcm');
      expect(Number(got!.headers.ttl)).toBeGreaterThan(0);
      const claims = checkVapid(String(got!.headers.authorization), publicKey as string);
      expect(claims.aud).toBe(push.origin);
      expect(claims.exp * 1000).toBeGreaterThan(Date.now());
      const payload = JSON.parse(decryptPush(got!.body, phones[who]!));
      expect(payload).toEqual({
        tag: expect.stringMatching(/^notification-\d+$/),
        title: '提醒探针 · 普陀',
        body: who === 'checker.sh' ? 'Helped; please check' : '已帮扶，请核查',
        url: `/work/cases/${caseId}`,
      });
    }
    // The push service said 410: the subscription is gone; the others record their success.
    let left: unknown[] = [{}];
    for (let i = 0; i < 100 && left.length > 0; i++) {
      const gone = await asPerson(
        api,
        people['checker.gone']!,
        'GET',
        '/api/v1/push/subscriptions',
      );
      left = gone.body.items as unknown[];
      if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(left).toEqual([]);
    const kept = await asPerson(api, people['checker.putuo']!, 'GET', '/api/v1/push/subscriptions');
    expect(kept.body.items[0].lastSentAt).not.toBeNull();
    expect(kept.body.items[0].failures).toBe(0);
  });

  it('stops alerts when a person unsubscribes, and only their own subscription', async () => {
    const mine = await asPerson(api, people['checker.putuo']!, 'GET', '/api/v1/push/subscriptions');
    const id = mine.body.items[0].id as string;
    const stranger = await asPerson(
      api,
      people['checker.sh']!,
      'DELETE',
      `/api/v1/push/subscriptions/${id}`,
    );
    expectProblem(stranger, 404, 'not-found');
    const res = await asPerson(
      api,
      people['checker.putuo']!,
      'DELETE',
      `/api/v1/push/subscriptions/${id}`,
    );
    expect(res.status, res.text).toBe(204);
    const before = push.received.length;
    const opened = await api.post(`/api/v1/programmes/${programmeId}/cases`, t.ownerKey, {
      data: { name: '陈老伯', helper: 'helper.assigned' },
    });
    await asPerson(
      api,
      people['helper.assigned']!,
      'POST',
      `/api/v1/cases/${opened.body.id as string}/events`,
      {
        json: { type: 'help' },
      },
    );
    await waitFor(() => receivedBy('checker.sh').length === 2, 'the second alert');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedBy('checker.putuo')).toHaveLength(1);
    expect(push.received.length - before).toBe(2); // checker.sh and helper.assigned
  });
});
