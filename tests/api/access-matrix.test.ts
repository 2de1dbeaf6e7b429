/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * The access matrix: every operation × every kind of key and of person signed in × a resource in
 * the caller's own district and one in another district, against a real server. The expected
 * answers are a literal table (MATRIX) written independently of the server's operation table;
 * other districts' resources answer 404, never 403; no key answers 401. A person's session has the
 * rights of a key with the same roles and district.
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
/** People signed in with a session cookie: `admin` and `committee` in `sh/putuo`, like the keys. */
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
const isPerson = (who: Who): who is PersonWho => who === 'admin person' || who === 'worker person';

/**
 * The expected answer of every operation, written out by hand from docs/api.md's role table (not
 * taken from the table the server enforces): for each operation, the statuses for the keys
 * `none owner designer admin auditor integrator worker`, then for the people `admin person` and
 * `worker person` (same roles and district as the admin and worker keys), first on a resource in the key's own
 * district, then on one in another district. `worker` is a programme role (`committee`); the
 * love-meals event `assess` is the committee's, so even the owner and admins get 403 for it.
 */
const MATRIX: Record<string, [own: string, other: string]> = {
  // [own: none owner designer admin auditor integrator worker admin-person worker-person, other: the same]
  getHealth: ['200 200 200 200 200 200 200 200 200', '200 200 200 200 200 200 200 200 200'],
  getOpenApi: ['200 200 200 200 200 200 200 200 200', '200 200 200 200 200 200 200 200 200'],
  getDocs: ['200 200 200 200 200 200 200 200 200', '200 200 200 200 200 200 200 200 200'],
  validateTemplate: ['401 200 200 200 403 403 403 200 403', '401 200 200 200 403 403 403 200 403'],
  createTemplate: ['401 201 201 403 403 403 403 403 403', '401 201 201 403 403 403 403 403 403'],
  listTemplates: ['401 200 200 200 200 200 403 200 403', '401 200 200 200 200 200 403 200 403'],
  getTemplate: ['401 200 200 200 200 200 403 200 403', '401 200 200 200 200 200 403 200 403'],
  getTemplateVersion: [
    '401 200 200 200 200 200 403 200 403',
    '401 200 200 200 200 200 403 200 403',
  ],
  publishTemplate: ['401 200 200 403 403 403 403 403 403', '401 200 200 403 403 403 403 403 403'],
  diffTemplate: ['401 200 200 200 200 200 403 200 403', '401 200 200 200 200 200 403 200 403'],
  startProgramme: ['401 201 403 201 403 403 403 201 403', '401 201 403 404 403 403 403 404 403'],
  listProgrammes: ['401 200 200 200 200 200 200 200 200', '401 200 200 200 200 200 200 200 200'],
  getProgramme: ['401 200 200 200 200 200 200 200 200', '401 200 404 404 404 404 404 404 404'],
  changeProgramme: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  migrateProgramme: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  getProgrammeStats: ['401 200 200 200 200 200 200 200 200', '401 200 404 404 404 404 404 404 404'],
  openCase: ['401 201 403 201 403 201 403 201 403', '401 201 403 404 403 404 403 404 403'],
  importCases: ['401 200 403 200 403 200 403 200 403', '401 200 403 404 403 404 403 404 403'],
  listCases: ['401 200 403 200 200 200 200 200 200', '401 200 403 404 404 404 404 404 404'],
  getCase: ['401 200 403 200 200 200 200 200 200', '401 200 403 404 404 404 404 404 404'],
  sendEvent: ['401 403 403 403 403 403 200 403 200', '401 403 403 404 403 404 404 404 404'],
  getCaseHistory: ['401 200 403 200 200 200 200 200 200', '401 200 403 404 404 404 404 404 404'],
  getWorklist: ['401 200 200 200 200 200 200 200 200', '401 200 200 200 200 200 200 200 200'],
  listNotifications: ['401 200 200 200 200 200 200 200 200', '401 200 200 200 200 200 200 200 200'],
  markNotificationsRead: [
    '401 200 200 200 200 200 200 200 200',
    '401 200 200 200 200 200 200 200 200',
  ],
  reassignCase: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  // Web Push is for people signed in: a key has no phone to alert.
  getPushKey: ['401 401 401 401 401 401 401 200 200', '401 401 401 401 401 401 401 200 200'],
  subscribePush: ['401 401 401 401 401 401 401 201 201', '401 401 401 401 401 401 401 201 201'],
  listPushSubscriptions: [
    '401 401 401 401 401 401 401 200 200',
    '401 401 401 401 401 401 401 200 200',
  ],
  // The path names no subscription of the caller's: 404, never another person's.
  unsubscribePush: ['401 401 401 401 401 401 401 404 404', '401 401 401 401 401 401 401 404 404'],
  createWebhook: ['401 201 403 201 403 201 403 201 403', '401 201 403 404 403 404 403 404 403'],
  listWebhooks: ['401 200 403 200 200 200 403 200 403', '401 200 403 200 200 200 403 200 403'],
  deleteWebhook: ['401 200 403 200 403 200 403 200 403', '401 200 403 404 403 404 403 404 403'],
  listCaseReads: ['401 200 403 200 200 403 403 200 403', '401 200 403 404 404 403 403 404 403'],
  listAccessLog: ['401 200 403 200 200 403 403 200 403', '401 200 403 200 200 403 403 200 403'],
  listAccessFlags: ['401 200 403 200 200 403 403 200 403', '401 200 403 200 200 403 403 200 403'],
  // The embedded database's backup: the owner key only (on PostgreSQL it answers 409: pg_dump).
  backupDatabase: ['401 200 403 403 403 403 403 403 403', '401 200 403 403 403 403 403 403 403'],
  // A resident's request: admins only; the matrix's case is open, so erasure answers 409.
  exportCase: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  printCase: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  eraseCase: ['401 409 403 409 403 403 403 409 403', '401 409 403 404 403 403 403 404 403'],
  listDeliveries: ['401 200 403 200 200 200 403 200 403', '401 200 403 404 404 404 403 404 403'],
  createKey: ['401 201 403 201 403 403 403 201 403', '401 201 403 404 403 403 403 404 403'],
  listKeys: ['401 200 403 200 403 403 403 200 403', '401 200 403 200 403 403 403 200 403'],
  revokeKey: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  previewParams: ['401 200 403 200 200 403 403 200 403', '401 200 403 404 404 403 403 404 403'],
  // Sessions: keys do not count, only the cookie of a person signed in.
  signIn: ['200 200 200 200 200 200 200 200 200', '200 200 200 200 200 200 200 200 200'],
  getSession: ['401 401 401 401 401 401 401 200 200', '401 401 401 401 401 401 401 200 200'],
  signOut: ['401 401 401 401 401 401 401 204 204', '401 401 401 401 401 401 401 204 204'],
  signOutEverywhere: ['401 401 401 401 401 401 401 204 204', '401 401 401 401 401 401 401 204 204'],
  listPeople: ['401 200 403 200 200 403 403 200 403', '401 200 403 200 200 403 403 200 403'],
  createPerson: ['401 201 403 201 403 403 403 201 403', '401 201 403 404 403 403 403 404 403'],
  getPerson: ['401 200 403 200 200 403 403 200 403', '401 200 403 404 404 403 403 404 403'],
  changePerson: ['401 200 403 200 403 403 403 200 403', '401 200 403 404 403 403 403 404 403'],
  resetPassword: ['401 204 403 204 403 403 403 204 403', '401 204 403 404 403 403 403 404 403'],
};

/** What the matrix expects. */
/** Rows that differ on PostgreSQL. */
const ON_POSTGRES: Record<string, [own: string, other: string]> = {
  backupDatabase: ['401 409 403 403 403 403 403 403 403', '401 409 403 403 403 403 403 403 403'],
};

function expected(op: OperationSpec, who: Who, where: Where, kind: string): number {
  const row = (kind === 'postgres' ? ON_POSTGRES[op.id] : undefined) ?? MATRIX[op.id];
  if (!row) throw new Error(`the access matrix has no row for ${op.id}: add one`);
  return Number(row[where === 'own' ? 0 : 1].split(' ')[WHO.indexOf(who)]);
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
    // Signing in people hashes passwords: allow for a loaded two-core machine.
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
      migrateProgramme: { json: { toVersion: 1, dryRun: true } },
      openCase: { json: { data: { name: '测试', age: 81, address: '某地' } } },
      importCases: { body: 'name,age,address\n测试,82,某地\n', type: 'text/csv' },
      sendEvent: { json: { type: 'assess', payload: { careLevel: 0, mobilityImpaired: false } } },
      createWebhook: { json: { url: 'http://127.0.0.1:9/unused', district } },
      markNotificationsRead: { json: { ids: [1] } },
      reassignCase: { json: { assignee: 'matrix.worker' } },
      eraseCase: { json: { note: '居民书面申请' } },
      subscribePush: {
        json: {
          endpoint: `http://127.0.0.1:9/push/${++made}`,
          keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
        },
      },
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
              ? // A new version each time: replacing a draft needs its ETag (If-Match).
                {
                  body: source.replace(/^version: 1$/m, `version: ${7 + made++}`),
                  type: 'application/yaml',
                }
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
          const want = expected(op, who, where, kind);
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
    expect(Object.keys(MATRIX).sort()).toEqual(API_OPERATIONS.map((op) => op.id).sort());
    // Every operation was exercised, and every answer matched the OpenAPI document.
    expect([...checker.seen.keys()].sort()).toEqual(API_OPERATIONS.map((op) => op.id).sort());
    // About 1,100 requests, some hashing a password: allow for a loaded two-core CI machine.
  }, 300_000);

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

  it('lets an admin revoke only the keys it could create', async () => {
    const list = async () => (await api.get('/api/v1/keys', t.ownerKey)).body.items as any[];
    const peerAdmin = await createKey(api, t.ownerKey, ['admin'], 'sh/putuo', 'peer admin');
    const designer = await createKey(
      api,
      t.ownerKey,
      ['designer'],
      'sh/putuo/changzheng',
      'designer',
    );
    const courier = await createKey(api, t.ownerKey, ['courier'], 'sh/putuo/changzheng', 'courier');
    const idOf = async (label: string) =>
      (await list()).find((k) => k.label === label).id as string;
    const [peerId, designerId, courierId] = [
      await idOf('peer admin'),
      await idOf('designer'),
      await idOf('courier'),
    ];
    const ownerId = (await list()).find((k) => k.roles.includes('owner')).id as string;
    for (const id of [peerId, designerId]) {
      const res = await api.delete(`/api/v1/keys/${id}`, keys.admin);
      expect(res.status, res.text).toBe(403);
      expect(res.body.detail).toMatch(
        /only the owner key may revoke keys with the roles (admin|designer)/,
      );
    }
    expect((await api.delete(`/api/v1/keys/${ownerId}`, keys.admin)).status).toBe(404);
    // Nothing was revoked: both keys still work.
    expect((await api.get('/api/v1/keys', peerAdmin)).status).toBe(200);
    expect((await api.get('/api/v1/templates', designer)).status).toBe(200);
    // A key it could create, it may revoke; the owner may revoke any.
    expect((await api.delete(`/api/v1/keys/${courierId}`, keys.admin)).status).toBe(200);
    expect((await api.get('/api/v1/worklist', courier)).status).toBe(401);
    expect((await api.delete(`/api/v1/keys/${peerId}`, t.ownerKey)).status).toBe(200);
    expect((await api.get('/api/v1/keys', peerAdmin)).status).toBe(401);
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
