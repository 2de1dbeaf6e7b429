/**
 * Crash: the server is killed with SIGKILL while events are in flight and timers are pending, then
 * restarted on the same PostgreSQL database. Every request the client retries with its
 * Idempotency-Key ends applied exactly once; no event is half-applied; each timer that fell due
 * fires exactly once. `RELIABILITY_LONG=1`: more cases, more writers, three kill/restart rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createApiClient } from './api-client.js';
import { appliedRequestIds, auditCases, caseProblems, isTimerEvent } from './case-audit.js';
import { LONG, createReliabilityFixture, personalData } from './reliability-fixture.js';
import type { ReliabilityFixture } from './reliability-fixture.js';
import { newRid, sendEvent } from './send-event.js';
import type { EventRequest, Outcome } from './send-event.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

const CASES = LONG ? 40 : 12;
const WRITERS = LONG ? 32 : 16;
const ROUNDS = LONG ? 3 : 1;
const LOAD_MS = LONG ? 4000 : 1500;
const MAX_PER_WRITER = LONG ? 5000 : 400;
const STOCK = 1_000_000;

describe.runIf(gateSuite('crash: kill -9 under load (reliability)', missingTestDatabase()))(
  'crash: kill -9 under load',
  () => {
    let fixture: ReliabilityFixture;
    let server: ServerProcess | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'relief-crash-'));

    beforeAll(async () => {
      fixture = await createReliabilityFixture({ cases: 0, stock: STOCK });
    });
    afterAll(async () => {
      await server?.kill();
      await fixture?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('applies every retried event exactly once and fires every due timer once', async () => {
      const sent = new Map<string, { request: EventRequest; outcome: Outcome }>();
      const caseIds: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        server = await startServer({ databaseUrl: fixture.databaseUrl, dataDir });
        // Retry what got no answer last round, as a client would, with the same Idempotency-Key.
        for (const entry of sent.values())
          if (entry.outcome.kind === 'unknown')
            entry.outcome = await sendEvent(server.baseUrl, fixture.keys.worker, entry.request);
        // New cases each round: their 5-second timers are pending when the server is killed.
        const admin = createApiClient(server.baseUrl, fixture.keys.admin);
        for (let i = 0; i < CASES; i++) {
          const opened = await admin.post<{ id: string }>(
            `/api/v1/programmes/${fixture.programmeId}/cases`,
            {
              data: personalData(caseIds.length),
            },
          );
          expect(opened.status, opened.text).toBe(201);
          caseIds.push(opened.body.id);
        }
        await loadThenKill(server, fixture.keys.worker, caseIds, sent);
      }

      // The kill must have cut requests in flight, or this test proved nothing.
      expect([...sent.values()].filter((e) => e.outcome.kind === 'unknown').length).toBeGreaterThan(
        0,
      );
      server = await startServer({ databaseUrl: fixture.databaseUrl, dataDir });
      for (const entry of sent.values())
        if (entry.outcome.kind === 'unknown')
          entry.outcome = await sendEvent(server.baseUrl, fixture.keys.worker, entry.request);
      const outcomes = [...sent.values()].map((e) => e.outcome);
      expect(outcomes.filter((o) => o.kind !== 'ok')).toEqual([]);

      const reader = createApiClient(server.baseUrl, fixture.keys.worker);
      const deadline = Date.now() + 30_000;
      let cases = await auditCases(reader, caseIds);
      while (cases.some((c) => c.state !== 'expired') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        cases = await auditCases(reader, caseIds);
      }
      expect(caseProblems(cases)).toEqual([]);
      expect(cases.filter((c) => c.state !== 'expired').map((c) => c.id)).toEqual([]);
      for (const c of cases) expect(c.history.filter(isTimerEvent)).toHaveLength(1);
      const applied = appliedRequestIds(cases);
      expect([...sent.keys()].filter((rid) => applied.get(rid) !== 1)).toEqual([]);
      expect(applied.size).toBe(sent.size);

      const stats = await createApiClient(server.baseUrl, fixture.keys.admin).get<{
        ledgers: Record<string, number>;
      }>(`/api/v1/programmes/${fixture.programmeId}/stats`);
      const draws = cases.reduce((n, c) => n + (c.data.draws ?? 0), 0);
      expect(stats.body.ledgers.stock).toBe(STOCK - draws);
    }, 240_000);
  },
);

/** Writers send events to random cases; the server is killed while they do; wait for them. */
async function loadThenKill(
  server: ServerProcess,
  key: string,
  caseIds: readonly string[],
  sent: Map<string, { request: EventRequest; outcome: Outcome }>,
): Promise<void> {
  let killed = false;
  const writer = async () => {
    for (let n = 0; n < MAX_PER_WRITER && !killed; n++) {
      const request: EventRequest = {
        rid: newRid(),
        caseId: caseIds[Math.floor(Math.random() * caseIds.length)]!,
        type: Math.random() < 0.5 ? 'note' : 'draw',
      };
      const entry: { request: EventRequest; outcome: Outcome } = {
        request,
        outcome: { kind: 'unknown', error: 'in flight' },
      };
      sent.set(request.rid, entry);
      entry.outcome = await sendEvent(server.baseUrl, key, request);
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);
  await new Promise((r) => setTimeout(r, LOAD_MS));
  await server.kill();
  killed = true;
  await Promise.all(writers);
}
