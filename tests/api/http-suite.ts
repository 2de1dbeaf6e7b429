/**
 * Set-up shared by the programme suites: a real server on one database, a checked client, a
 * webhook receiver subscribed for district `sh` by an integrator, and a designer key.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { asVersion, createKey, expectProblem, templateSource } from './api-fixtures.js';
import { startTestServer } from './test-server.js';
import type { DatabaseUnderTest, TestServer } from './test-server.js';
import { startWebhookReceiver } from './webhook-receiver.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** What a programme suite works with; filled in before its first test. */
export interface HttpSuite {
  t: TestServer;
  api: ApiClient;
  receiver: WebhookReceiver;
  /** The signing secret of the `sh` integrator's webhook. */
  secret: string;
  webhookId: string;
  designer: string;
  integrator: string;
}

/** Register the suite's set-up and tear-down; the returned object is filled in `beforeAll`. */
export function useHttpSuite(kind: DatabaseUnderTest): HttpSuite {
  const suite = {} as HttpSuite;
  beforeAll(async () => {
    suite.t = await startTestServer(kind);
    suite.api = (await connect(suite.t.url)).api;
    suite.receiver = await startWebhookReceiver();
    suite.designer = await createKey(suite.api, suite.t.ownerKey, ['designer'], 'sh');
    suite.integrator = await createKey(suite.api, suite.t.ownerKey, ['integrator'], 'sh');
    const hook = await suite.api.post('/api/v1/webhooks', suite.integrator, {
      url: suite.receiver.url,
      description: 'city hub',
    });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.body.district).toBe('sh');
    suite.secret = hook.body.secret as string;
    suite.webhookId = hook.body.id as string;
  });
  afterAll(async () => {
    await suite.receiver?.close();
    await suite.t?.close();
  });
  return suite;
}

/** As a designer: validate, store and publish the shipped template as version 2. */
export async function publishVersion2(api: ApiClient, designer: string, id: string): Promise<void> {
  const source = asVersion(templateSource(id), 2);
  const yaml = { key: designer, body: source, type: 'application/yaml' };
  const checked = await api.request('POST', '/api/v1/templates/validate', yaml);
  expect(checked.status, checked.text).toBe(200);
  expect(checked.body).toMatchObject({ valid: true, id, version: 2 });
  const saved = await api.request('POST', '/api/v1/templates', yaml);
  expect(saved.status, saved.text).toBe(201);
  expect(saved.body).toMatchObject({ templateId: id, version: 2, status: 'draft' });
  const published = await api.post(`/api/v1/templates/${id}/versions/2/publish`, designer);
  expect(published.body.status).toBe('published');
  expectProblem(
    await api.request('POST', '/api/v1/templates', yaml),
    409,
    'template-version-published',
  );
  const one = await api.get(`/api/v1/templates/${id}`, designer);
  expect((one.body.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
  expect(one.body).toMatchObject({ version: 2, status: 'published', definition: { id } });
}
