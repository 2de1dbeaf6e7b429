/**
 * Issue 10, item 14 over real HTTP: unknown API keys from one address are counted in the database
 * (the sign-in lockout's table); after 20 within a minute that address gets 429 with Retry-After
 * for unknown keys, while a valid key from the same address is still answered at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

describe.each(DATABASES)('unknown API keys over HTTP (%s)', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    auditor = await createKey(api, t.ownerKey, ['auditor'], 'sh');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After after 20 unknown keys, and still serves a valid key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.get('/api/v1/programmes', `rk_forged_${i}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 19)).toEqual(Array.from({ length: 19 }, () => 401));
    expect(statuses[19]).toBe(429);
    const locked = await api.get('/api/v1/programmes', 'rk_forged_again');
    expectProblem(locked, 429, 'too-many-failed-keys');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const started = performance.now();
    const valid = await api.get('/api/v1/programmes', auditor);
    expect(valid.status, valid.text).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);

    // The lock ends with its minute.
    t.clock.advance(61_000);
    expect((await api.get('/api/v1/programmes', 'rk_forged_later')).status).toBe(401);
  });
});
