/**
 * People over real HTTP on each database: sign-in with a session cookie, wrong passwords, lockout,
 * CSRF, sign-out everywhere, what an admin may grant, districts, password reset, and a person's
 * session acting with its roles exactly as a key would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { expectProblem } from './api-fixtures.js';
import { asPerson, createPerson, signIn } from './people-fixtures.js';
import type { SignedIn } from './people-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

describe.each(DATABASES)('people and sessions on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let admin: SignedIn;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    // The first admin, as `relief users create` would make it: roles admin and committee.
    const person = await createPerson(api, t.ownerKey, {
      login: 'Wang.Li',
      displayName: '王丽',
      roles: ['admin', 'committee'],
      district: 'sh/putuo',
    });
    adminId = person.id as string;
    expect(person).toMatchObject({ login: 'wang.li', displayName: '王丽', disabled: false });
    expect(JSON.stringify(person)).not.toMatch(/argon2|password/);
    admin = await signIn(api, 'WANG.LI');
  });

  afterAll(async () => {
    await t?.close();
  });

  it("names the person's programme roles by the titles published templates give them", async () => {
    const me = await asPerson(api, admin, 'GET', '/api/v1/session');
    // Three shipped templates call `committee` 居委会 and one 社区居委会: the most common wins.
    // `admin` is a system role: its title comes from the web app's catalog, not from templates.
    expect(me.body.roleTitles).toEqual({ committee: { zh: '居委会', en: "Residents' committee" } });
  });

  it('signs in with an HttpOnly SameSite=Strict cookie, Secure only over HTTPS', async () => {
    expect(admin.person).toEqual(
      expect.objectContaining({
        id: adminId,
        login: 'wang.li',
        displayName: '王丽',
        roles: ['admin', 'committee'],
        district: 'sh/putuo',
        disabled: false,
      }),
    );
    expect(admin.csrfToken.length).toBeGreaterThan(20);
    expect(admin.setCookie).toMatch(/; HttpOnly/);
    expect(admin.setCookie).toMatch(/; SameSite=Strict/);
    expect(admin.setCookie).toMatch(/; Path=\//);
    expect(admin.setCookie).not.toMatch(/Secure/);
    const https = await signIn(api, 'wang.li', 'password-123', { 'x-forwarded-proto': 'https' });
    expect(https.setCookie).toMatch(/; Secure/);
    const me = await asPerson(api, admin, 'GET', '/api/v1/session');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ person: { id: adminId }, csrfToken: admin.csrfToken });
    expectProblem(await api.get('/api/v1/session'), 401, 'unauthenticated');
    // A key is not a session.
    expectProblem(await api.get('/api/v1/session', t.ownerKey), 401, 'unauthenticated');
  });

  it('refuses a wrong password and an unknown login alike, without saying which', async () => {
    const wrong = await api.post('/api/v1/session', undefined, {
      login: 'wang.li',
      password: 'not-the-password',
    });
    const unknown = await api.post('/api/v1/session', undefined, {
      login: 'nobody.here',
      password: 'password-123',
    });
    expectProblem(wrong, 401, 'sign-in-failed');
    expectProblem(unknown, 401, 'sign-in-failed');
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('locks a login for 15 minutes after 5 failures within 15 minutes (429, Retry-After)', async () => {
    await createPerson(api, t.ownerKey, {
      login: '13800138000',
      roles: ['committee'],
      district: 'sh/putuo/changzheng',
    });
    for (let i = 0; i < 5; i++) {
      const res = await api.post('/api/v1/session', undefined, {
        login: '13800138000',
        password: `guess-number-${i}`,
      });
      expectProblem(res, 401, 'sign-in-failed');
    }
    // Now even the right password is refused until the lock ends.
    const locked = await api.post('/api/v1/session', undefined, {
      login: '13800138000',
      password: 'password-123',
    });
    expectProblem(locked, 429, 'sign-in-locked');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Other logins are not affected.
    await signIn(api, 'wang.li');
    t.clock.advance(15 * 60_000 + 1000);
    await signIn(api, '13800138000');
  });

  it('refuses unsafe requests made with the cookie but without the CSRF token; keys need none', async () => {
    const body = { template: 'love-meals', district: 'sh/putuo/changzheng' };
    const none = await asPerson(api, admin, 'POST', '/api/v1/programmes', {
      json: body,
      csrf: false,
    });
    expectProblem(none, 403, 'csrf-token-invalid');
    const forged = await asPerson(api, admin, 'POST', '/api/v1/programmes', {
      json: body,
      headers: { 'x-csrf-token': 'x'.repeat(admin.csrfToken.length) },
    });
    expectProblem(forged, 403, 'csrf-token-invalid');
    expect((await asPerson(api, admin, 'POST', '/api/v1/programmes', { json: body })).status).toBe(
      201,
    );
    // Reading needs no token.
    expect((await asPerson(api, admin, 'GET', '/api/v1/programmes')).status).toBe(200);
    expect((await api.post('/api/v1/programmes', t.ownerKey, body)).status).toBe(201);
  });

  it('lets an admin grant only roles it holds, in districts within its own', async () => {
    const courier = await asPerson(api, admin, 'POST', '/api/v1/people', {
      json: {
        login: 'courier.1',
        displayName: '送餐员',
        password: 'password-123',
        roles: ['courier'],
        district: 'sh/putuo/changzheng',
      },
    });
    expectProblem(courier, 403, 'forbidden');
    expect(courier.body.detail).toMatch(/courier/);
    const elsewhere = await asPerson(api, admin, 'POST', '/api/v1/people', {
      json: {
        login: 'cadre.bj',
        displayName: '北京',
        password: 'password-123',
        roles: ['committee'],
        district: 'bj/haidian',
      },
    });
    expectProblem(elsewhere, 404, 'not-found');
    const short = await asPerson(api, admin, 'POST', '/api/v1/people', {
      json: {
        login: 'cadre.short',
        displayName: '短',
        password: 'short',
        roles: ['committee'],
        district: 'sh/putuo/changzheng',
      },
    });
    expectProblem(short, 422, 'validation-failed');
    expect(short.body.errors).toEqual([expect.objectContaining({ path: '/password' })]);
    const cadre = await asPerson(api, admin, 'POST', '/api/v1/people', {
      json: {
        login: 'cadre.1',
        displayName: '李干部',
        password: 'password-123',
        roles: ['committee'],
        district: 'sh/putuo/changzheng',
      },
    });
    expect(cadre.status, cadre.text).toBe(201);
    expect(cadre.body.createdBy).toBe(adminId);
    const taken = await asPerson(api, admin, 'POST', '/api/v1/people', {
      json: {
        login: 'CADRE.1',
        displayName: '重名',
        password: 'password-123',
        roles: ['committee'],
        district: 'sh/putuo/changzheng',
      },
    });
    expectProblem(taken, 409, 'login-taken');
    // Nor by a change: roles it lacks, districts outside, people holding roles it lacks.
    const id = cadre.body.id as string;
    expectProblem(
      await asPerson(api, admin, 'PATCH', `/api/v1/people/${id}`, {
        json: { roles: ['designer'] },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await asPerson(api, admin, 'PATCH', `/api/v1/people/${id}`, {
        json: { district: 'bj/haidian' },
      }),
      404,
      'not-found',
    );
    const designer = await createPerson(api, t.ownerKey, {
      login: 'designer.1',
      roles: ['designer', 'admin'],
      district: 'sh/putuo',
    });
    expectProblem(
      await asPerson(api, admin, 'POST', `/api/v1/people/${designer.id}/password`, {
        json: { password: 'taken-over-123' },
      }),
      403,
      'forbidden',
    );
    const renamed = await asPerson(api, admin, 'PATCH', `/api/v1/people/${id}`, {
      json: { displayName: '李红' },
    });
    expect(renamed.body).toMatchObject({ displayName: '李红', roles: ['committee'] });
  });

  it("answers 404 for people of another district, and lists only the caller's", async () => {
    const other = await createPerson(api, t.ownerKey, {
      login: 'haidian.admin',
      roles: ['admin'],
      district: 'bj/haidian',
    });
    for (const [method, path, json] of [
      ['GET', `/api/v1/people/${other.id}`, undefined],
      ['PATCH', `/api/v1/people/${other.id}`, { displayName: 'x' }],
      ['POST', `/api/v1/people/${other.id}/password`, { password: 'password-456' }],
    ] as const)
      expectProblem(await asPerson(api, admin, method, path, { json }), 404, 'not-found');
    const list = await asPerson(api, admin, 'GET', '/api/v1/people?limit=500');
    const districts = (list.body.items as { district: string }[]).map((p) => p.district);
    expect(districts.length).toBeGreaterThan(2);
    expect(districts.every((d) => d === 'sh/putuo' || d.startsWith('sh/putuo/'))).toBe(true);
    const all = await api.get('/api/v1/people?text=HAIDIAN', t.ownerKey);
    expect((all.body.items as { id: string }[]).map((p) => p.id)).toEqual([other.id]);
    const committee = await asPerson(
      api,
      admin,
      'GET',
      '/api/v1/people?role=committee&district=sh/putuo/changzheng',
    );
    expect(committee.body.items.length).toBeGreaterThan(0);
    expect(
      (committee.body.items as { roles: string[]; district: string }[]).every(
        (p) => p.roles.includes('committee') && p.district === 'sh/putuo/changzheng',
      ),
    ).toBe(true);
    const page = await asPerson(api, admin, 'GET', '/api/v1/people?limit=1');
    expect(page.body.items).toHaveLength(1);
    const next = await asPerson(
      api,
      admin,
      'GET',
      `/api/v1/people?limit=1&cursor=${page.body.nextCursor as string}`,
    );
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
  });

  it('signs a person out of one session, or of every session', async () => {
    await createPerson(api, t.ownerKey, {
      login: 'volunteer.1',
      roles: ['courier'],
      district: 'sh/putuo/changzheng',
    });
    const phone = await signIn(api, 'volunteer.1');
    const office = await signIn(api, 'volunteer.1');
    const spare = await signIn(api, 'volunteer.1');
    expectProblem(
      await asPerson(api, spare, 'DELETE', '/api/v1/session', { csrf: false }),
      403,
      'csrf-token-invalid',
    );
    const out = await asPerson(api, spare, 'DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/relief_session=;.*Max-Age=0/);
    expectProblem(await asPerson(api, spare, 'GET', '/api/v1/session'), 401, 'unauthenticated');
    expect((await asPerson(api, phone, 'GET', '/api/v1/session')).status).toBe(200);
    const everywhere = await asPerson(api, phone, 'POST', '/api/v1/session/sign-out-everywhere');
    expect(everywhere.status).toBe(204);
    for (const s of [phone, office])
      expectProblem(await asPerson(api, s, 'GET', '/api/v1/programmes'), 401, 'unauthenticated');
    // Signing in again works.
    await signIn(api, 'volunteer.1');
  });

  it("ends a person's sessions when an admin resets the password or disables the account", async () => {
    await createPerson(api, t.ownerKey, {
      login: 'cadre.2',
      roles: ['committee'],
      district: 'sh/putuo/changzheng',
    });
    const before = await signIn(api, 'cadre.2');
    const { id } = before.person as { id: string };
    const reset = await asPerson(api, admin, 'POST', `/api/v1/people/${id}/password`, {
      json: { password: 'new-password-456' },
    });
    expect(reset.status, reset.text).toBe(204);
    expectProblem(await asPerson(api, before, 'GET', '/api/v1/session'), 401, 'unauthenticated');
    expectProblem(
      await api.post('/api/v1/session', undefined, { login: 'cadre.2', password: 'password-123' }),
      401,
      'sign-in-failed',
    );
    const after = await signIn(api, 'cadre.2', 'new-password-456');
    const disabled = await asPerson(api, admin, 'PATCH', `/api/v1/people/${id}`, {
      json: { disabled: true },
    });
    expect(disabled.body.disabled).toBe(true);
    expectProblem(await asPerson(api, after, 'GET', '/api/v1/session'), 401, 'unauthenticated');
    expectProblem(
      await api.post('/api/v1/session', undefined, {
        login: 'cadre.2',
        password: 'new-password-456',
      }),
      401,
      'sign-in-failed',
    );
  });

  it('lets a session send the events its roles allow, and no others, recorded as the person', async () => {
    const start = await asPerson(api, admin, 'POST', '/api/v1/programmes', {
      json: { template: 'love-meals', district: 'sh/putuo/changzheng' },
    });
    const opened = await asPerson(api, admin, 'POST', `/api/v1/programmes/${start.body.id}/cases`, {
      json: { data: { name: '王阿婆', age: 86, mobilityImpaired: true, address: '梅岭北路 3 号' } },
    });
    expect(opened.status, opened.text).toBe(201);
    const caseId = opened.body.id as string;
    const courier = await signIn(api, 'volunteer.1');
    const refused = await asPerson(api, courier, 'POST', `/api/v1/cases/${caseId}/events`, {
      json: { type: 'review' },
    });
    expectProblem(refused, 403, 'role-not-allowed');
    const reviewed = await asPerson(api, admin, 'POST', `/api/v1/cases/${caseId}/events`, {
      json: { type: 'review' },
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.body.case.state).toBe('enrolled.prepared');
    const history = await asPerson(api, admin, 'GET', `/api/v1/cases/${caseId}/history`);
    expect((history.body.items as unknown[]).at(-1)).toMatchObject({
      type: 'review',
      actor: adminId,
    });
    const detail = await asPerson(api, courier, 'GET', `/api/v1/cases/${caseId}`);
    expect((detail.body.nextEvents as { type: string }[]).map((e) => e.type)).toEqual([
      'carryToGate',
    ]);
    const carried = await asPerson(api, courier, 'POST', `/api/v1/cases/${caseId}/events`, {
      json: { type: 'carryToGate' },
    });
    expect(carried.status, carried.text).toBe(200);
  });

  it('ends a session after 12 idle hours', async () => {
    const s = await signIn(api, 'wang.li');
    t.clock.advance(11 * 3600_000);
    expect((await asPerson(api, s, 'GET', '/api/v1/session')).status).toBe(200);
    t.clock.advance(11 * 3600_000);
    expect((await asPerson(api, s, 'GET', '/api/v1/session')).status).toBe(200);
    t.clock.advance(12 * 3600_000 + 1000);
    expectProblem(await asPerson(api, s, 'GET', '/api/v1/session'), 401, 'unauthenticated');
  });
});
