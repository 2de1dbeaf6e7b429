/**
 * The session of `docs/api.md` ("A session an integrator can paste"), written as an integrator
 * would against a client generated from the served OpenAPI document: `openapi-typescript` makes
 * `relief-api.ts` beside this file, `openapi-fetch` calls it. `openapi-generated-client.test.ts`
 * type-checks this
 * file (no `any`, no casts) and runs it against the real server. It is not part of the `tests`
 * project, since `relief-api.ts` exists only while that test runs.
 */
import createClient from 'openapi-fetch';
import type { paths } from './relief-api.js';

/** What came back, for the test to check. */
export interface SessionSummary {
  health: string;
  programme: { id: string; params: Record<string, unknown> };
  imported: { rows: number; created: number; failed: number; firstError: string | undefined };
  opened: { state: string; etag: string | null };
  worklist: string[];
  sent: { state: string; replayed: boolean };
  retried: { replayed: boolean; header: string | null };
  history: string[];
  openCases: number;
}

/** An answer's body, or the server's problem as an error. */
function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined)
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

/** Replay the documented session on the server at `baseUrl`; webhooks go to `webhookUrl`. */
export async function replayDocsSession(
  baseUrl: string,
  ownerKey: string,
  webhookUrl: string,
): Promise<SessionSummary> {
  const as = (key: string) =>
    createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
  const owner = as(ownerKey);
  const health = must(await owner.GET('/api/v1/health'), 'health');

  // keys: an admin + integrator for Putuo, a residents' committee worker for Changzheng
  const adminKey = must(
    await owner.POST('/api/v1/keys', {
      body: { roles: ['admin', 'integrator'], district: 'sh/putuo', label: 'Putuo civil affairs' },
    }),
    'admin key',
  );
  if (adminKey.key === undefined) throw new Error('the new key is shown once, in the answer');
  const admin = as(adminKey.key);
  const committeeKey = must(
    await admin.POST('/api/v1/keys', {
      body: { roles: ['committee'], district: 'sh/putuo/changzheng' },
    }),
    'committee key',
  );
  if (committeeKey.key === undefined) throw new Error('the new key is shown once, in the answer');
  const committee = as(committeeKey.key);

  // start a programme from the published love-meals template
  const programme = must(
    await admin.POST('/api/v1/programmes', {
      body: { template: 'love-meals', district: 'sh/putuo/changzheng', params: { minAge: 80 } },
    }),
    'programme',
  );

  // import a roster (UTF-8 CSV, header = data fields, optional ref column)
  const roster =
    'ref,name,age,mobilityImpaired,address\n' +
    'LM-1,王阿婆,85,是,梅岭北路 3 号 201 室\n' +
    'LM-2,李老伯,abc,否,梅岭北路 5 号\n';
  const imported = must(
    await admin.POST('/api/v1/programmes/{id}/cases/import', {
      params: { path: { id: programme.id }, query: { dedupe: 'ref' } },
      body: roster,
      bodySerializer: (csv: string) => csv,
      headers: { 'Content-Type': 'text/csv' },
    }),
    'import',
  );

  // open one case by hand, with the caller's own reference
  const opened = must(
    await admin.POST('/api/v1/programmes/{id}/cases', {
      params: { path: { id: programme.id } },
      body: {
        ref: 'LM-3',
        data: { name: '张阿姨', age: 90, mobilityImpaired: true, address: '梅岭北路 7 号' },
      },
    }),
    'open case',
  );

  // receive emitted events (meal.delivered, …) on your system
  must(
    await admin.POST('/api/v1/webhooks', {
      body: { url: webhookUrl, events: ['meal.delivered'] },
    }),
    'webhook',
  );

  // what waits on the committee, and an event sent exactly once
  const worklist = must(await committee.GET('/api/v1/worklist'), 'worklist');
  const first = worklist.items.find((item) => item.case.ref === 'LM-1');
  if (first === undefined) throw new Error('LM-1 is not on the committee worklist');
  const read = await committee.GET('/api/v1/cases/{id}', {
    params: { path: { id: first.case.id } },
  });
  const current = must(read, 'case');
  const review = () =>
    committee.POST('/api/v1/cases/{id}/events', {
      params: {
        path: { id: first.case.id },
        header: { 'Idempotency-Key': 'review-LM-1', 'If-Match': `"${current.version}"` },
      },
      body: { type: 'review' },
    });
  const sent = must(await review(), 'review');
  const again = await review();
  const retried = must(again, 'review again');
  const history = must(
    await admin.GET('/api/v1/cases/{id}/history', { params: { path: { id: first.case.id } } }),
    'history',
  );
  const stats = must(
    await admin.GET('/api/v1/programmes/{id}/stats', { params: { path: { id: programme.id } } }),
    'stats',
  );

  return {
    health: health.status,
    programme: { id: programme.id, params: programme.params },
    imported: {
      rows: imported.rows,
      created: imported.created,
      failed: imported.failed,
      firstError: imported.errors[0]?.errors?.[0]?.path,
    },
    opened: { state: opened.state, etag: read.response.headers.get('ETag') },
    worklist: worklist.items.map((item) => item.case.ref ?? ''),
    sent: { state: sent.case.state, replayed: sent.replayed },
    retried: {
      replayed: retried.replayed,
      header: again.response.headers.get('Idempotent-Replayed'),
    },
    history: history.items.map((item) => item.type),
    openCases: stats.cases.open,
  };
}
