/**
 * Two server processes on one PostgreSQL database, 64 concurrent writers each, all on the same few
 * cases and the same ledger: draws until the stock is gone, notes, stale `If-Match` versions, and
 * the same request sent to both servers at once. Nothing is applied twice, history is gapless,
 * versions count the accepted events, the ledger never goes below zero, and every refusal is a 409
 * problem+json saying why. `RELIABILITY_LONG=1` sends five times as many requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createApiClient } from './api-client.js';
import { appliedRequestIds, auditCases, caseProblems, isTimerEvent } from './case-audit.js';
import { LONG, createReliabilityFixture } from './reliability-fixture.js';
import type { ReliabilityFixture } from './reliability-fixture.js';
import { newRid, sendEventRetrying } from './send-event.js';
import type { EventRequest, Outcome } from './send-event.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

const WRITERS_PER_SERVER = 64;
const REQUESTS_PER_WRITER = LONG ? 40 : 8;
const STOCK = LONG ? 1000 : 150;

describe.runIf(
  gateSuite('two server processes, one database (reliability)', missingTestDatabase()),
)('two server processes, one database', () => {
  let fixture: ReliabilityFixture;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    fixture = await createReliabilityFixture({ cases: 4, stock: STOCK });
    servers = await Promise.all([
      startServer({ databaseUrl: fixture.databaseUrl }),
      startServer({ databaseUrl: fixture.databaseUrl }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(servers.map(async (s) => (await s.stop(), s.cleanup())));
    await fixture?.drop();
  });

  it('applies each accepted event once, keeps the ledger ≥ 0 and refuses with reasons', async () => {
    const results: { request: EventRequest; outcomes: (Outcome & { retries: number })[] }[] = [];
    const writer = async (server: ServerProcess, w: number) => {
      for (let n = 0; n < REQUESTS_PER_WRITER; n++) {
        const roll = Math.random();
        const request: EventRequest = {
          rid: newRid(),
          caseId: fixture.caseIds[(w + n) % fixture.caseIds.length]!,
          type: roll < 0.6 ? 'draw' : 'note',
          // Version 1 is the case as opened: stale as soon as anything was applied to it.
          ifMatch: roll > 0.85 ? 1 : undefined,
        };
        const duplicate = Math.random() < 0.05;
        const outcomes = duplicate
          ? await Promise.all(
              servers.map((s) => sendEventRetrying(s.baseUrl, fixture.keys.worker, request)),
            )
          : [await sendEventRetrying(server.baseUrl, fixture.keys.worker, request)];
        results.push({ request, outcomes });
      }
    };
    await Promise.all(
      servers.flatMap((server) =>
        Array.from({ length: WRITERS_PER_SERVER }, (_, w) => writer(server, w)),
      ),
    );

    const all = results.flatMap((r) => r.outcomes);
    const retried = all.filter((o) => o.retries > 0).length;
    if (retried > 0)
      console.info(`two-processes: ${retried} requests sent again after "other side closed"`);
    expect(all.filter((o) => o.kind === 'unknown')).toEqual([]);
    const refusals = all.filter((o) => o.kind === 'refused');
    const unexplained = refusals.filter(
      (o) =>
        o.status !== 409 ||
        !o.contentType.includes('application/problem+json') ||
        !o.problemType?.startsWith('urn:relief:problem:') ||
        !o.detail,
    );
    expect(
      unexplained.map((o) => `${o.status} ${o.problemType}: ${o.detail}`),
      errorLines(servers),
    ).toEqual([]);
    // The same request sent to both servers at once gets one answer, applied once.
    for (const r of results.filter((x) => x.outcomes.length === 2))
      expect(r.outcomes[0]!.kind, JSON.stringify(r.outcomes)).toBe(r.outcomes[1]!.kind);

    const cases = await auditCases(
      createApiClient(servers[0]!.baseUrl, fixture.keys.worker),
      fixture.caseIds,
    );
    expect(caseProblems(cases)).toEqual([]);
    const applied = appliedRequestIds(cases);
    const accepted = results.filter((r) => r.outcomes[0]!.kind === 'ok').map((r) => r.request.rid);
    const refused = results
      .filter((r) => r.outcomes[0]!.kind === 'refused')
      .map((r) => r.request.rid);
    expect(accepted.filter((rid) => applied.get(rid) !== 1)).toEqual([]);
    expect(refused.filter((rid) => applied.has(rid))).toEqual([]);
    // Final versions = the opening + accepted events + fired timers.
    const versions = cases.reduce((n, c) => n + c.version, 0);
    const timers = cases.reduce((n, c) => n + c.history.filter(isTimerEvent).length, 0);
    expect(versions).toBe(cases.length + accepted.length + timers);

    const draws = cases.reduce((n, c) => n + (c.data.draws ?? 0), 0);
    const attemptedDraws = results.filter(
      (r) => r.request.type === 'draw' && r.request.ifMatch === undefined,
    ).length;
    expect(draws).toBeLessThanOrEqual(STOCK);
    if (attemptedDraws > STOCK * 1.5) expect(draws).toBe(STOCK);
    const stats = await createApiClient(servers[1]!.baseUrl, fixture.keys.admin).get<{
      ledgers: Record<string, number>;
    }>(`/api/v1/programmes/${fixture.programmeId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.ledgers.stock).toBe(STOCK - draws);
    expect(stats.body.ledgers.stock).toBeGreaterThanOrEqual(0);
  }, 240_000);
});

/** The servers' error log lines, to explain a failure. */
function errorLines(servers: readonly ServerProcess[]): string {
  return servers
    .flatMap((s) => s.output().split('\n'))
    .filter((line) => /error/i.test(line))
    .slice(0, 20)
    .join('\n');
}
