/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * The access matrix: every operation × every kind of key and of person signed in × a resource in
 * the caller's own district and one in another district, against a real server. Roles come from
 * the operation table; other districts' resources answer 404, never 403; no key answers 401. A
 * person's session has exactly the rights of a key with the same roles and district.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '@relief/engine/api';
import type { OperationSpec } from '@relief/engine/api';
import { connect } from './api-client.js';
import type { ApiClient, RequestOptions, ResponseChecker } from './api-client.js';
import { createKey } from './api-fixtures.js';
import { createPerson, signIn } from './people-fixtures.js';
import type { SignedIn } from './people-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

type KeyWho = 'none' | 'owner' | 'designer' | 'admin' | 'auditor' | 'integrator' | 'worker';
/** People signed in, with the same roles and district as the key of the same name. */
type PersonWho = 'admin person' | 'worker person';
type Who = KeyWho | PersonWho;
type Where = 'own' | 'other';
const WHO: Who[] = [
  'none',
  'owner',
  'designer',
  'admin',
  'auditor',
  'integrator',
  'worker',
  'admin person',
  'worker person',
];
const AS_KEY: Record<PersonWho, KeyWho> = { 'admin person': 'admin', 'worker person': 'worker' };
const isPerson = (who: Who): who is PersonWho => who in AS_KEY;

/** Operations whose resource (or body) names a district. */
const DISTRICT_BOUND = new Set([
  'startProgramme',
  'getProgramme',
  'changeProgramme',
  'getProgrammeStats',
  'openCase',
  'importCases',
  'listCases',
  'getCase',
  'sendEvent',
  'getCaseHistory',
  'createWebhook',
  'deleteWebhook',
  'listDeliveries',
  'createKey',
  'revokeKey',
  'previewParams',
  'createPerson',
  'getPerson',
  'changePerson',
  'resetPassword',
]);

/** What the matrix expects. */
function expected(op: OperationSpec, caller: Who, where: Where): number {
  if (op.access === 'public') return op.success.status;
  if (caller === 'none') return 401;
  if (op.access === 'session') return isPerson(caller) ? op.success.status : 401;
  const who = isPerson(caller) ? AS_KEY[caller] : caller;
  const allowed =
    op.access === 'any' || who === 'owner' || (op.access as readonly string[]).includes(who);
  if (!allowed) return 403;
  if (DISTRICT_BOUND.has(op.id) && where === 'other' && who !== 'owner') return 404;
  // The route lets admins and integrators send events; the template's roles do not include them.
  if (op.id === 'sendEvent' && who !== 'worker') return 403;
  return op.success.status;
}

describe.each(DATABASES)('access matrix on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let checker: ResponseChecker;
  const keys = {} as Record<KeyWho, string | undefined>;
  const sessions = {} as Record<PersonWho, SignedIn>;
  const ids = {} as Record<string, Record<Where, string>>;
  let made = 0;

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api, checker } = await connect(t.url));
    const owner = t.ownerKey;
    keys.none = undefined;
    keys.owner = owner;
    for (const role of ['designer', 'admin', 'auditor', 'integrator'] as const)
      keys[role] = await createKey(api, owner, [role], 'sh/putuo');
    keys.worker = await createKey(api, owner, ['committee'], 'sh/putuo');
    await createPerson(api, owner, {
      login: 'matrix.admin',
      roles: ['admin'],
      district: 'sh/putuo',
    });
    await createPerson(api, owner, {
      login: 'matrix.worker',
      roles: ['committee'],
      district: 'sh/putuo',
    });
    sessions['admin person'] = await signIn(api, 'matrix.admin');
    sessions['worker person'] = await signIn(api, 'matrix.worker');
    const district = { own: 'sh/putuo/changzheng', other: 'bj/haidian' };
    ids.programme = {} as Record<Where, string>;
    ids.case = {} as Record<Where, string>;
    ids.webhook = {} as Record<Where, string>;
    ids.key = {} as Record<Where, string>;
    ids.person = {} as Record<Where, string>;
    for (const where of ['own', 'other'] as const) {
      const p = await api.post('/api/v1/programmes', owner, {
        template: 'love-meals',
        district: district[where],
      });
      ids.programme[where] = p.body.id;
      const c = await api.post(`/api/v1/programmes/${p.body.id}/cases`, owner, {
        data: { name: '测试', age: 80, address: '某地' },
      });
      ids.case[where] = c.body.id;
      const w = await api.post('/api/v1/webhooks', owner, {
        url: 'http://127.0.0.1:9/unused',
        district: district[where],
      });
      ids.webhook[where] = w.body.id;
      const k = await api.post('/api/v1/keys', owner, {
        roles: ['courier'],
        district: district[where],
      });
      ids.key[where] = k.body.id;
      const person = await createPerson(api, owner, {
        login: `matrix.target.${where}`,
        roles: ['admin'],
        district: district[where],
      });
      ids.person[where] = person.id;
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  function requestFor(op: OperationSpec, where: Where): { path: string; options: RequestOptions } {
    const id = op.path.includes('/programmes/{id}')
      ? ids.programme![where]
      : op.path.includes('/cases/{id}')
        ? ids.case![where]
        : op.path.includes('/webhooks/{id}')
          ? ids.webhook![where]
          : op.path.includes('/keys/{id}')
            ? ids.key![where]
            : op.path.includes('/people/{id}')
              ? ids.person![where]
              : 'love-meals';
    const path = op.path.replace('{id}', id).replace('{v}', '1');
    const district = where === 'own' ? 'sh/putuo/changzheng' : 'bj/haidian';
    const yaml = { body: 'dsl: relief/v1\n', type: 'application/yaml' };
    const bodies: Record<string, RequestOptions> = {
      validateTemplate: {
        body: (globalThis as { loveMeals?: string }).loveMeals ?? '',
        type: 'application/yaml',
      },
      createTemplate: yaml,
      startProgramme: { json: { template: 'love-meals', district } },
      changeProgramme: { json: { params: { minAge: 80 } } },
      openCase: { json: { data: { name: '测试', age: 81, address: '某地' } } },
      importCases: { body: 'name,age,address\n测试,82,某地\n', type: 'text/csv' },
      sendEvent: { json: { type: 'assess', payload: { careLevel: 0, mobilityImpaired: false } } },
      createWebhook: { json: { url: 'http://127.0.0.1:9/unused', district } },
      createKey: { json: { roles: ['integrator'], district } },
      previewParams: { json: { params: { openEnrollment: true } } },
      signIn: { json: { login: 'matrix.worker', password: 'password-123' } },
      createPerson: {
        json: {
          login: `matrix.new.${++made}`,
          displayName: '新人',
          password: 'password-123',
          roles: ['admin'],
          district,
        },
      },
      changePerson: { json: { displayName: '改名' } },
      resetPassword: { json: { password: 'password-456' } },
    };
    return { path, options: bodies[op.id] ?? {} };
  }

  it('answers every operation × key × district as the access rules say', async () => {
    // A template that validates, so validate/create answer their success status when allowed.
    const source = (await api.get('/api/v1/templates/love-meals/versions/1', t.ownerKey)).body
      .source as string;
    (globalThis as { loveMeals?: string }).loveMeals = source;
    const mismatches: string[] = [];
    for (const op of API_OPERATIONS) {
      for (const who of WHO) {
        for (const where of ['own', 'other'] as const) {
          const { path, options } = requestFor(op, where);
          const body =
            op.id === 'createTemplate'
              ? { body: source.replace(/^version: 1$/m, 'version: 7'), type: 'application/yaml' }
              : options;
          const method = op.method.toUpperCase();
          // Signing out ends the session used: those requests use a session of their own.
          const session = !isPerson(who)
            ? undefined
            : op.id === 'signOut' || op.id === 'signOutEverywhere'
              ? await signIn(api, `matrix.${who.split(' ')[0]!}`)
              : sessions[who];
          const res = await api.request(method, path, {
            ...body,
            key: isPerson(who) ? undefined : keys[who],
            headers: session && {
              cookie: session.cookie,
              ...(method !== 'GET' && { 'x-csrf-token': session.csrfToken }),
            },
          });
          if (op.id === 'signOutEverywhere' && isPerson(who))
            sessions[who] = await signIn(api, `matrix.${who.split(' ')[0]!}`);
          const want = expected(op, who, where);
          if (res.status !== want)
            mismatches.push(
              `${op.id} as ${who} (${where}): ${res.status}, expected ${want}: ${res.text.slice(0, 160)}`,
            );
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every operation was exercised, and every answer matched the OpenAPI document.
    expect([...checker.seen.keys()].sort()).toEqual(API_OPERATIONS.map((op) => op.id).sort());
    // About 1,000 requests, some of which hash a password (sign-in, people, resets).
  }, 120_000);

  it("lists only what lies in the caller's districts", async () => {
    const programmes = await api.get('/api/v1/programmes', keys.auditor);
    expect(programmes.body.items.map((p: any) => p.district)).not.toContain('bj/haidian');
    expect(programmes.body.items.length).toBeGreaterThan(0);
    const hooks = await api.get('/api/v1/webhooks', keys.integrator);
    expect(hooks.body.items.map((w: any) => w.id)).not.toContain(ids.webhook!.other);
    const all = await api.get('/api/v1/programmes', t.ownerKey);
    expect(all.body.items.map((p: any) => p.district)).toContain('bj/haidian');
    const narrowed = await api.get('/api/v1/programmes?district=bj', keys.admin);
    expect(narrowed.body.items).toEqual([]);
    const notes = await api.get('/api/v1/notifications', keys.worker);
    expect(notes.body.items.every((n: any) => n.district.startsWith('sh/putuo'))).toBe(true);
  });

  it('refuses keys it does not know, and revoked keys', async () => {
    const res = await api.get('/api/v1/programmes', 'rk_not-a-key');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const key = await createKey(api, t.ownerKey, ['auditor'], 'sh');
    expect((await api.get('/api/v1/programmes', key)).status).toBe(200);
    const list = await api.get('/api/v1/keys', t.ownerKey);
    const id = list.body.items.find((k: any) => k.roles.includes('auditor') && k.district === 'sh')
      .id as string;
    expect((await api.delete(`/api/v1/keys/${id}`, t.ownerKey)).body.revokedAt).not.toBeNull();
    expect((await api.get('/api/v1/programmes', key)).status).toBe(401);
    expect(
      (await api.request('GET', '/api/v1/programmes', { headers: { authorization: 'Basic abc' } }))
        .status,
    ).toBe(401);
    // Only the owner hands out designer and admin keys.
    const escalate = await api.post('/api/v1/keys', keys.admin, {
      roles: ['admin'],
      district: 'sh/putuo',
    });
    expect(escalate.status).toBe(403);
  });
});
