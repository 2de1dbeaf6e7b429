/**
 * Bad input on every endpoint: property-based fuzzing (fast-check) of bodies, query strings and
 * path ids drawn from the OpenAPI document, hostile YAML, expressions that try to reach the host,
 * invalid UTF-8, wrong content types, oversized bodies, SQL metacharacters. Every answer is below
 * 500, every 4xx is problem+json; the server keeps answering `/api/v1/health` and its memory stays
 * bounded. `RELIABILITY_LONG=1` runs thirty times as many fuzz cases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createApiClient } from './api-client.js';
import type { ApiClient, ApiResponse } from './api-client.js';
import { fillPath, loadOperations } from './api-operations.js';
import type { Operation } from './api-operations.js';
import {
  HOST_REACHING_EXPRESSIONS,
  SQL_METACHARACTERS,
  hostileYamlDocuments,
  hugeYaml,
  templateWithGuard,
} from './hostile-inputs.js';
import { LONG, createReliabilityFixture } from './reliability-fixture.js';
import type { ReliabilityFixture } from './reliability-fixture.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

const FUZZ_RUNS = LONG ? 5000 : 300;
const MEMORY_LIMIT_MB = 300;
/** Odd but valid documents: they must not break anything, and may be accepted. */
const MAY_PASS = new Set(['long line']);

/** What every answer to bad input must look like; returns what is wrong, or undefined. */
function badAnswer(response: ApiResponse): string | undefined {
  if (response.status >= 500) return `${response.status}: ${response.text.slice(0, 300)}`;
  if (response.status >= 400) {
    if (!response.contentType.includes('application/problem+json'))
      return `${response.status} as ${response.contentType}: ${response.text.slice(0, 200)}`;
    const body = response.body as { status?: unknown; type?: unknown };
    if (body.status !== response.status || typeof body.type !== 'string')
      return `not a problem: ${response.text.slice(0, 200)}`;
  }
  if (/\bat .+\.(ts|js):\d+/.test(response.text))
    return `stack trace leaked: ${response.text.slice(0, 300)}`;
  return undefined;
}

/** Like `badAnswer`, for a caller who may call the endpoint: a 401/403 would prove nothing. */
function badRefusal(response: ApiResponse): string | undefined {
  if (response.status === 401 || response.status === 403)
    return `refused by access control (${response.status}), so the input was never checked`;
  return badAnswer(response);
}

describe.runIf(gateSuite('bad input on every endpoint (reliability)', missingTestDatabase()))(
  'bad input on every endpoint',
  () => {
    let fixture: ReliabilityFixture;
    let server: ServerProcess;
    let admin: ApiClient;
    let operations: Operation[];
    let rssAtStart: number;

    beforeAll(async () => {
      fixture = await createReliabilityFixture({ cases: 2 });
      server = await startServer({ databaseUrl: fixture.databaseUrl });
      admin = createApiClient(server.baseUrl, fixture.keys.admin);
      // Never fuzz webhook subscriptions with arbitrary bodies: a URL that happened to be valid would
      // send the server's deliveries off this machine. They get hand-made bad bodies below.
      operations = (await loadOperations(admin)).filter(
        (o) => !(o.method === 'POST' && o.path === '/api/v1/webhooks'),
      );
      rssAtStart = server.rssMb();
    });
    afterAll(async () => {
      await server?.stop();
      server?.cleanup();
      await fixture?.drop();
    });

    const expectHealthy = async () => {
      const health = await createApiClient(server.baseUrl).get('/api/v1/health');
      expect(health.status).toBe(200);
    };

    it('answers fuzzed bodies, queries and ids with < 500 and problem+json', async () => {
      const hostile = fc.oneof(
        fc.string(),
        fc.string({ unit: 'grapheme', maxLength: 50 }),
        fc.constantFrom(...SQL_METACHARACTERS),
        fc.string({ maxLength: 10 }).map((s) => `${s}'; drop table cases; --`),
      );
      const jsonish = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record(
          {
            type: fc.oneof(hostile, fc.constantFrom('note', 'draw', 'close')),
            payload: fc.dictionary(hostile, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
            data: fc.dictionary(
              fc.constantFrom('name', 'phone', 'notes', 'draws', 'x'),
              fc.jsonValue({ maxDepth: 2 }),
            ),
            ref: hostile,
            template: fc.oneof(hostile, fc.constant('reliability')),
            district: fc.oneof(hostile, fc.constant('rel/own')),
            params: fc.dictionary(fc.constantFrom('stock', 'x'), fc.jsonValue({ maxDepth: 1 })),
            status: fc.oneof(hostile, fc.constantFrom('active', 'paused', 'closed')),
            roles: fc.array(hostile, { maxLength: 3 }),
            title: hostile,
          },
          { requiredKeys: [] },
        ),
      );
      const realIds = { programme: fixture.programmeId, case: fixture.caseIds[0]! };
      const request = fc.record({
        operation: fc.constantFrom(...operations),
        id: fc.oneof(fc.constant('real'), hostile, fc.uuid()),
        body: jsonish,
        query: fc.dictionary(
          fc.constantFrom('state', 'limit', 'cursor', 'district', 'status', 'dryRun', 'tz', 'x'),
          hostile,
          { maxKeys: 3 },
        ),
        key: fc.constantFrom(fixture.keys.admin, fixture.keys.worker, 'rk_not-a-key', ''),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ operation, id, body, query, key }) => {
          const realId = operation.path.startsWith('/api/v1/cases')
            ? realIds.case
            : realIds.programme;
          const value = id === 'real' ? realId : id;
          const search = new URLSearchParams(query).toString();
          const path =
            fillPath(operation.path, { id: value, v: '1' }) + (search ? `?${search}` : '');
          const client = createApiClient(server.baseUrl, key || undefined);
          const response = await client.request(operation.method, path, {
            ...(operation.bodyTypes.length > 0 ? { json: body } : {}),
            headers: { 'idempotency-key': `fuzz-${Math.random()}` },
          });
          const wrong = badAnswer(response);
          if (wrong) throw new Error(`${operation.method} ${path}: ${wrong}`);
        }),
        { numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      await expectHealthy();
    }, 240_000);

    it('answers SQL metacharacters in every path id and query value with < 500', async () => {
      const wrong: string[] = [];
      for (const operation of operations)
        for (const hostile of SQL_METACHARACTERS) {
          const query = new URLSearchParams(
            operation.query.map((q): [string, string] => [q, hostile]),
          ).toString();
          const path =
            fillPath(operation.path, { id: hostile, v: hostile }) + (query ? `?${query}` : '');
          const response = await admin.request(
            operation.method,
            path,
            operation.bodyTypes.length > 0 ? { json: {} } : {},
          );
          const problem = badAnswer(response);
          if (problem) wrong.push(`${operation.method} ${path}: ${problem.slice(0, 80)}`);
        }
      expect(wrong).toEqual([]);
      await expectHealthy();
    }, 120_000);

    it('refuses malformed bodies: invalid UTF-8, wrong types, truncated, oversized, nested', async () => {
      const events = `/api/v1/cases/${fixture.caseIds[0]}/events`;
      const importPath = `/api/v1/programmes/${fixture.programmeId}/cases/import`;
      const worker = createApiClient(server.baseUrl, fixture.keys.worker);
      const cases: [string, ApiClient, string, string, string | Uint8Array][] = [
        [
          'invalid UTF-8 JSON',
          worker,
          events,
          'application/json',
          Uint8Array.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        ],
        [
          'invalid UTF-8 CSV',
          admin,
          importPath,
          'text/csv',
          Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xc3, 0x28, 0x0a]),
        ],
        ['truncated JSON', worker, events, 'application/json', '{"type": "note", "payload": {'],
        ['wrong content type', worker, events, 'text/plain', '{"type":"note"}'],
        ['no content type', worker, events, '', '{"type":"note"}'],
        ['JSON array', worker, events, 'application/json', '[]'],
        [
          'NUL in a string',
          worker,
          events,
          'application/json',
          '{"type":"note","payload":{"rid":"a\\u0000b"}}',
        ],
        [
          'lone surrogate',
          worker,
          events,
          'application/json',
          '{"type":"note","payload":{"rid":"\\ud800"}}',
        ],
        [
          'huge number',
          worker,
          events,
          'application/json',
          '{"type":"note","payload":{"rid":1e400}}',
        ],
        [
          'deeply nested JSON',
          worker,
          events,
          'application/json',
          `{"type":"note","payload":{"rid":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
        ],
        [
          'unknown fields',
          worker,
          events,
          'application/json',
          '{"type":"note","payload":{},"extra":true}',
        ],
        [
          '1.5 MB event',
          worker,
          events,
          'application/json',
          `{"type":"note","payload":{"rid":"${'x'.repeat(1_500_000)}"}}`,
        ],
        ['21 MB import', admin, importPath, 'text/csv', `name\n${'张三\n'.repeat(3_000_000)}`],
        [
          'CSV with SQL',
          admin,
          importPath,
          'text/csv',
          `name,phone,notes\n"'; drop table cases; --",x,'1'\n`,
        ],
        [
          'webhook to a non-URL',
          admin,
          '/api/v1/webhooks',
          'application/json',
          '{"url":"not a url","events":["x"]}',
        ],
        [
          'webhook to javascript:',
          admin,
          '/api/v1/webhooks',
          'application/json',
          '{"url":"javascript:alert(1)","events":["x"]}',
        ],
        [
          'webhook to file:',
          admin,
          '/api/v1/webhooks',
          'application/json',
          '{"url":"file:///etc/passwd","events":["x"]}',
        ],
      ];
      const wrong: string[] = [];
      for (const [name, client, path, type, body] of cases) {
        const response = await client.request('POST', path, {
          body,
          headers: type ? { 'content-type': type } : {},
        });
        const problem =
          badRefusal(response) ??
          (response.status < 400 && !name.startsWith('CSV')
            ? `accepted (${response.status})`
            : undefined);
        if (problem) wrong.push(`${name}: ${problem}`);
      }
      expect(wrong).toEqual([]);
      await expectHealthy();
    }, 120_000);

    it('refuses hostile YAML and host-reaching expressions with 4xx', async () => {
      const designer = createApiClient(server.baseUrl, fixture.keys.designer);
      const documents = {
        ...hostileYamlDocuments(),
        '5 MB document': hugeYaml(5 * 1024 * 1024),
        ...Object.fromEntries(
          HOST_REACHING_EXPRESSIONS.map((e) => [`expression ${e}`, templateWithGuard(e)]),
        ),
      };
      const wrong: string[] = [];
      for (const [name, yaml] of Object.entries(documents))
        for (const path of ['/api/v1/templates/validate', '/api/v1/templates']) {
          const response = await designer.request('POST', path, {
            body: yaml,
            headers: { 'content-type': 'application/yaml' },
          });
          const mustRefuse = !MAY_PASS.has(name);
          const problem =
            badRefusal(response) ??
            (mustRefuse && response.status < 400 ? `accepted (${response.status})` : undefined);
          if (problem) wrong.push(`${name} → ${path}: ${problem}`);
        }
      expect(wrong).toEqual([]);
      await expectHealthy();
    }, 120_000);

    it('is still healthy, its data intact and its memory bounded', async () => {
      await expectHealthy();
      const cases = await admin.get<{ items: unknown[] }>(
        `/api/v1/programmes/${fixture.programmeId}/cases`,
      );
      expect(cases.status).toBe(200);
      expect(cases.body.items.length).toBeGreaterThanOrEqual(2);
      const rss = server.rssMb();
      expect(rss, `RSS ${rss.toFixed(0)} MB (at start ${rssAtStart.toFixed(0)} MB)`).toBeLessThan(
        MEMORY_LIMIT_MB,
      );
    });
  },
);
