/**
 * Group commit under SIGKILL: many writers, each on its own case so that their events are
 * batched into shared transactions, notes and ledger draws mixed; the server is killed while
 * batches are in flight and restarted on the same PostgreSQL database. Nothing is retried. Then:
 * every acknowledged event is in history exactly once (none lost), every event that got no answer
 * is either applied exactly once or not at all, and no case or ledger holds a half-applied one
 * (history gapless, version = history length, counters = events, stock = opening − draws). And the
 * run must have batched (fewer transactions than events) and cut requests in flight, or it proved
 * nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { createApiClient } from './api-client.js';
import { appliedRequestIds, auditCases, caseProblems } from './case-audit.js';
import { createReliabilityFixture } from './reliability-fixture.js';
import type { ReliabilityFixture } from './reliability-fixture.js';
import { newRid, sendEvent } from './send-event.js';
import type { EventRequest, Outcome } from './send-event.js';
import { startServer } from './server-process.js';
import type { ServerProcess } from './server-process.js';

const WRITERS = 48;
const LOAD_MS = 4000;
const STOCK = 1_000_000;

describe.runIf(gateSuite('group commit: kill -9 mid-batch (reliability)', missingTestDatabase()))(
  'group commit: kill -9 mid-batch',
  () => {
    let fixture: ReliabilityFixture;
    let server: ServerProcess | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'relief-batch-kill-'));

    beforeAll(async () => {
      fixture = await createReliabilityFixture({ cases: WRITERS, stock: STOCK });
    });
    afterAll(async () => {
      await server?.kill();
      await fixture?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('loses no acknowledged event and half-applies none', async () => {
      server = await startServer({
        databaseUrl: fixture.databaseUrl,
        dataDir,
        env: { RELIEF_GROUP_COMMIT: 'on' },
      });
      const sent = new Map<string, { request: EventRequest; outcome: Outcome }>();
      // One event first, so the load meets a warm server (template compiled, key verified).
      const warm: EventRequest = { rid: newRid(), caseId: fixture.caseIds[0]!, type: 'note' };
      const warmed = await sendEvent(server.baseUrl, fixture.keys.worker, warm);
      expect(warmed.kind, JSON.stringify(warmed)).toBe('ok');
      sent.set(warm.rid, { request: warm, outcome: warmed });
      let killed = false;
      const writer = async (caseId: string) => {
        while (!killed) {
          const request: EventRequest = {
            rid: newRid(),
            caseId,
            type: Math.random() < 0.5 ? 'note' : 'draw',
          };
          const entry = { request, outcome: { kind: 'unknown', error: 'in flight' } as Outcome };
          sent.set(request.rid, entry);
          entry.outcome = await sendEvent(server!.baseUrl, fixture.keys.worker, request);
        }
      };
      const writers = fixture.caseIds.map(writer);
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      await server.kill();
      killed = true;
      await Promise.all(writers);

      const outcomes = [...sent.values()];
      const acknowledged = outcomes.filter((e) => e.outcome.kind === 'ok');
      const unanswered = outcomes.filter((e) => e.outcome.kind === 'unknown');
      expect(outcomes.filter((e) => e.outcome.kind === 'refused').map((e) => e.outcome)).toEqual(
        [],
      );
      expect(acknowledged.length).toBeGreaterThan(WRITERS);
      // Requests were in flight when the process died, or the kill proved nothing.
      expect(unanswered.length).toBeGreaterThan(0);

      server = await startServer({ databaseUrl: fixture.databaseUrl, dataDir });
      // Each case's 5-second timer fires meanwhile: read once they all have, so that a case and
      // its history are not read on either side of a timer event.
      const reader = createApiClient(server.baseUrl, fixture.keys.worker);
      const deadline = Date.now() + 60_000;
      let cases = await auditCases(reader, fixture.caseIds);
      while (cases.some((c) => c.state !== 'expired') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        cases = await auditCases(reader, fixture.caseIds);
      }
      expect(caseProblems(cases)).toEqual([]);
      const applied = appliedRequestIds(cases);
      expect(acknowledged.filter((e) => applied.get(e.request.rid) !== 1)).toEqual([]);
      for (const e of unanswered) expect([undefined, 1]).toContain(applied.get(e.request.rid));
      // Nothing in history that was not sent.
      expect([...applied.keys()].filter((rid) => !sent.has(rid))).toEqual([]);
      const stats = await createApiClient(server.baseUrl, fixture.keys.admin).get<{
        ledgers: Record<string, number>;
      }>(`/api/v1/programmes/${fixture.programmeId}/stats`);
      const draws = cases.reduce((n, c) => n + (c.data.draws ?? 0), 0);
      expect(stats.body.ledgers.stock).toBe(STOCK - draws);

      // The events were batched: rows written by one transaction share its xmin.
      const sql = postgres(fixture.databaseUrl, { max: 1, onnotice: () => undefined });
      try {
        const [row] = await sql<{ events: number; transactions: number }[]>`
          select count(*)::int as events, count(distinct xmin::text)::int as transactions
          from case_history where seq > 1 and event_type in ('note', 'draw')`;
        expect(row!.events).toBe(applied.size);
        expect(row!.transactions).toBeLessThan(row!.events);
      } finally {
        await sql.end({ timeout: 5 });
      }
    }, 240_000);
  },
);
