/**
 * The web app's client against the real server (PGlite, real HTTP): each call goes to its
 * operation's path with its media type, answers come back as the contract types them, and refusals
 * become an `ApiProblem` with the server's code, field errors, findings and details. The
 * `@ts-expect-error` lines are checked by `tsc -b`: a call that does not match the contract does
 * not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShipped } from '../test-support/shipped-templates.js';
import { startRealServer } from '../test-support/real-server.js';
import type { RealServer } from '../test-support/real-server.js';
import { ApiProblem } from './api-problem.js';
import type { ApiClient } from './api-client.js';

const refusal = async (call: Promise<unknown>): Promise<ApiProblem> => {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiProblem))
    throw new Error(`expected an ApiProblem, got ${String(error)}`);
  return error;
};

/** Calls the contract refuses at compile time (never run). */
export function refusedByTheContract(api: ApiClient): void {
  // @ts-expect-error an unknown operation id
  void api.call('getTemplates');
  // @ts-expect-error the path parameter is missing
  void api.call('getCase', {});
  // @ts-expect-error `v` is a number
  void api.call('getTemplateVersion', { path: { id: 'love-meals', v: '1' } });
  // @ts-expect-error a programme needs a district
  void api.call('startProgramme', { body: { template: 'love-meals' } });
  // @ts-expect-error no such query parameter
  void api.call('listProgrammes', { query: { limit: 200 } });
}

describe('the web app client, against the real server', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server?.close());

  it('stores a YAML draft, publishes it and reads it back as the contract types it', async () => {
    const { api } = server;
    const source = readShipped('love-meals').replace(/^version: 1$/m, 'version: 2');
    const saved = await api.call('createTemplate', { body: source });
    expect(saved).toMatchObject({ templateId: 'love-meals', version: 2, status: 'draft' });
    const published = await api.call('publishTemplate', {
      path: { id: 'love-meals', v: 2 },
      body: { note: 'a test publish' },
    });
    expect(published.status).toBe('published');
    const read = await api.call('getTemplateVersion', { path: { id: 'love-meals', v: 2 } });
    expect(read.source).toBe(source);
    const latest = await api.call('getTemplate', { path: { id: 'love-meals' } });
    expect(latest.versions?.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    const { items } = await api.call('listTemplates');
    expect(items.find((i) => i.id === 'love-meals')).toMatchObject({
      latestVersion: 2,
      publishedVersion: 2,
    });
  });

  it('refuses a broken template with located findings', async () => {
    const broken = readShipped('love-meals').replace('target: rejected', 'target: rejectd');
    const problem = await refusal(server.api.call('validateTemplate', { body: broken }));
    expect(problem.status).toBe(422);
    expect(problem.findings.length).toBeGreaterThan(0);
    expect(problem.lines().some((line) => /^\d+:\d+ .*\[unknown-target\]$/.test(line))).toBe(true);
  });

  it('starts a programme, imports NDJSON, sends an event with If-Match and Idempotency-Key', async () => {
    const { api } = server;
    const admin = await api.call('createKey', {
      body: { roles: ['admin', 'committee'], district: 'sh/putuo' },
    });
    const asAdmin = server.clientWith(admin.key!);
    const programme = await asAdmin.call('startProgramme', {
      body: { template: 'love-meals', district: 'sh/putuo/changzheng', params: { minAge: 80 } },
    });
    const rows = [
      { ref: 'LM-1', data: { name: '王阿婆', age: 85, address: '梅岭北路 3 号' } },
      { ref: 'LM-2', data: { name: '李老伯', age: 'abc', address: '梅岭北路 5 号' } },
    ];
    const imported = await asAdmin.call('importCases', {
      path: { id: programme.id },
      query: { dedupe: 'ref' },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
      contentType: 'application/x-ndjson',
    });
    expect([imported.created, imported.failed]).toEqual([1, 1]);
    expect(imported.errors[0]?.errors).toEqual([{ path: '/age', message: 'must be integer' }]);
    const opened = await asAdmin.call('openCase', {
      path: { id: programme.id },
      body: {
        data: { name: '张阿姨', age: 90, mobilityImpaired: true, address: '梅岭北路 7 号' },
        ref: 'LM-3',
      },
    });
    const read = await asAdmin.answer('getCase', { path: { id: opened.id } });
    expect(read.headers.get('ETag')).toBe(`"${read.body.version}"`);
    expect(read.body.nextEvents.map((e) => e.type)).toContain('review');

    const stale = await refusal(
      asAdmin.call('sendEvent', {
        path: { id: opened.id },
        headers: { 'If-Match': `"${read.body.version + 1}"` },
        body: { type: 'review' },
      }),
    );
    expect([stale.status, stale.code, stale.details.actual]).toEqual([
      409,
      'version-conflict',
      read.body.version,
    ]);
    const send = () =>
      asAdmin.answer('sendEvent', {
        path: { id: opened.id },
        headers: { 'If-Match': `"${read.body.version}"`, 'Idempotency-Key': 'review-LM-3' },
        body: { type: 'review' },
      });
    const first = await send();
    expect(first.body).toMatchObject({ replayed: false, case: { state: 'enrolled.prepared' } });
    const retry = await send();
    expect([retry.body.replayed, retry.headers.get('Idempotent-Replayed')]).toEqual([true, 'true']);
    const history = await asAdmin.call('getCaseHistory', { path: { id: opened.id } });
    expect(history.items.map((h) => h.type)).toEqual(['(open)', 'review']);

    const invalid = await refusal(
      asAdmin.call('openCase', { path: { id: programme.id }, body: { data: { name: '' } } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/age']));
  });

  it('answers 401 without a key; health needs none', async () => {
    const nobody = server.clientWith('');
    expect((await refusal(nobody.call('listProgrammes'))).status).toBe(401);
    expect(await nobody.call('getHealth')).toMatchObject({ status: 'ok' });
  });
});
