/**
 * The store's contract: templates, programmes, cases and events, run unchanged on PGlite and on
 * PostgreSQL (`relief-store.pglite.test.ts`, `relief-store.postgres.test.ts`).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  DuplicateCaseRefError,
  EventNotAcceptedError,
  GuardRefusedError,
  IdempotencyKeyReusedError,
  InvalidDistrictError,
  LedgerInsufficientError,
  NotFoundError,
  ProgrammeNotActiveError,
  ProgrammeStatusError,
  RoleNotAllowedError,
  TemplateInvalidError,
  TemplateNotPublishedError,
  TemplateVersionPublishedError,
  ValidationFailedError,
  VersionConflictError,
} from '../errors/engine-error.js';
import { settleStatements } from './sql-client.js';
import type { DatabaseKind } from './sql-client.js';
import {
  ADMIN,
  CLERK,
  COURIER,
  DAY,
  DRILL_SOURCE,
  expectRefusal,
  useStoreHarness,
} from './store-contract-kit.js';

/** Register the contract for one kind of database. */
export function reliefStoreContract(kind: DatabaseKind): void {
  describe(`relief store contract on ${kind}`, () => {
    const h = useStoreHarness(kind);

    /** Everything an event could have written for a case, to show a refusal wrote nothing. */
    const footprint = async (caseId: string) => {
      const c = await h.store.getCase(caseId);
      const [counts] = await h.test.database.sql.query<{
        history: number;
        notes: number;
        outbox: number;
        timers: number;
        entries: number;
      }>(sql`
        select (select count(*)::int from case_history where case_id = ${caseId}) as history,
               (select count(*)::int from notifications where case_id = ${caseId}) as notes,
               (select count(*)::int from outbox where case_id = ${caseId}) as outbox,
               (select count(*)::int from timers where case_id = ${caseId}) as timers,
               (select count(*)::int from ledger_entries where case_id = ${caseId}) as entries`);
      return { case: c, counts, balances: await h.store.ledgerBalances(c.programmeId) };
    };

    describe('templates', () => {
      it('refuses an invalid template with located issues', async () => {
        const error = await expectRefusal(
          h.store.saveTemplate('dsl: relief/v1\nid: broken\n', ADMIN),
          TemplateInvalidError,
          'template-invalid',
        );
        expect(error.kind).toBe('unprocessable');
        expect(error.issues.length).toBeGreaterThan(0);
        expect(error.issues[0]).toMatchObject({
          line: expect.any(Number) as number,
          col: expect.any(Number) as number,
          severity: 'error',
        });
      });

      it('keeps drafts editable, freezes a published version, and starts programmes only from published ones', async () => {
        const v1 = DRILL_SOURCE.replace('id: store-drill', 'id: drill-versions');
        const v2 = v1.replace('version: 1', 'version: 2');
        await h.store.publishTemplate(
          'drill-versions',
          (await h.store.saveTemplate(v1, ADMIN)).record.version,
          ADMIN,
        );
        await expectRefusal(
          h.store.saveTemplate(v1, ADMIN),
          TemplateVersionPublishedError,
          'template-version-published',
        );
        const draft = await h.store.saveTemplate(v2, { actorId: 'designer-1' });
        expect(draft.record).toMatchObject({
          templateId: 'drill-versions',
          version: 2,
          status: 'draft',
          createdBy: 'designer-1',
          publishedAt: null,
        });
        expect(
          (await h.store.saveTemplate(v2.replace('Store drill', 'Store drill v2'), ADMIN)).record
            .status,
        ).toBe('draft');
        expect(await h.store.listTemplates()).toContainEqual(
          expect.objectContaining({ id: 'drill-versions', latestVersion: 2, publishedVersion: 1 }),
        );
        expect((await h.store.getTemplateVersion('drill-versions')).source).toContain(
          'Store drill v2',
        );
        await expectRefusal(
          h.store.startProgramme(
            { template: 'drill-versions', version: 2, district: 'tv/a' },
            ADMIN,
          ),
          TemplateNotPublishedError,
          'template-not-published',
        );
        expect(
          (await h.store.startProgramme({ template: 'drill-versions', district: 'tv/a' }, ADMIN))
            .templateVersion,
        ).toBe(1);
        const published = await h.store.publishTemplate('drill-versions', 2, ADMIN);
        expect(published).toMatchObject({
          status: 'published',
          publishedBy: ADMIN.actorId,
          publishedAt: h.clock.now(),
        });
        expect(
          (await h.store.publishTemplate('drill-versions', 2, { actorId: 'someone-else' }))
            .publishedBy,
        ).toBe(ADMIN.actorId);
        expect(
          (await h.store.startProgramme({ template: 'drill-versions', district: 'tv/a' }, ADMIN))
            .templateVersion,
        ).toBe(2);
        await expectRefusal(
          h.store.getTemplateVersion('drill-versions', 9),
          NotFoundError,
          'not-found',
        );
        await expectRefusal(
          h.store.startProgramme({ template: 'no-such-template', district: 'tv/a' }, ADMIN),
          TemplateNotPublishedError,
          'template-not-published',
        );
      });
    });

    describe('programmes', () => {
      it('validates params, fills defaults and opens the ledgers', async () => {
        const p = await h.programme({ stock: 5 });
        expect(p).toMatchObject({
          templateId: 'store-drill',
          templateVersion: 1,
          params: { stock: 5, perDraw: 1 },
          status: 'active',
          createdBy: ADMIN.actorId,
          title: '演练',
        });
        expect(await h.store.ledgerBalances(p.id)).toEqual({ stock: 5 });
        const error = await expectRefusal(
          h.programme({ stock: -1 }),
          ValidationFailedError,
          'validation-failed',
        );
        expect(error.fieldErrors).toEqual([{ path: '/stock', message: 'must be >= 0' }]);
        await expectRefusal(
          h.programme({}, 'not a/district'),
          InvalidDistrictError,
          'invalid-district',
        );
      });

      it('records every parameter change with who, when, before and after; an invalid change records nothing', async () => {
        const p = await h.programme();
        h.clock.advance(1000);
        const changed = await h.store.changeProgramme(
          p.id,
          { params: { perDraw: 0.5 } },
          { actorId: 'admin-2' },
        );
        expect(changed.params).toEqual({ stock: 3, perDraw: 0.5 });
        await expectRefusal(
          h.store.changeProgramme(p.id, { params: { perDraw: 'lots' } }, ADMIN),
          ValidationFailedError,
          'validation-failed',
        );
        expect(await h.store.listProgrammeChanges(p.id)).toEqual([
          {
            kind: 'params',
            changedBy: 'admin-2',
            changedByName: null,
            changedAt: h.clock.now(),
            reason: null,
            before: { stock: 3, perDraw: 1 },
            after: { stock: 3, perDraw: 0.5 },
          },
        ]);
        expect((await h.store.getProgramme(p.id)).params).toEqual({ stock: 3, perDraw: 0.5 });
      });

      it('records every status change like a parameter change; a refused or empty change records nothing', async () => {
        const p = await h.programme();
        const opened = h.clock.now();
        await h.store.changeProgramme(p.id, { status: 'active' }, ADMIN);
        h.clock.advance(1000);
        await h.store.changeProgramme(
          p.id,
          { status: 'paused', reason: '封控期间暂停' },
          { actorId: 'admin-2' },
        );
        h.clock.advance(1000);
        await h.store.changeProgramme(
          p.id,
          { params: { perDraw: 2 }, status: 'closed' },
          { actorId: 'admin-3' },
        );
        await expectRefusal(
          h.store.changeProgramme(p.id, { params: { perDraw: 3 }, status: 'active' }, ADMIN),
          ProgrammeStatusError,
          'programme-status',
        );
        const at = (ms: number) => new Date(opened.getTime() + ms);
        expect(await h.store.listProgrammeChanges(p.id)).toEqual([
          {
            kind: 'status',
            changedBy: 'admin-2',
            changedByName: null,
            changedAt: at(1000),
            reason: '封控期间暂停',
            before: 'active',
            after: 'paused',
          },
          {
            kind: 'params',
            changedBy: 'admin-3',
            changedByName: null,
            changedAt: at(2000),
            reason: null,
            before: { stock: 3, perDraw: 1 },
            after: { stock: 3, perDraw: 2 },
          },
          {
            kind: 'status',
            changedBy: 'admin-3',
            changedByName: null,
            changedAt: at(2000),
            reason: null,
            before: 'paused',
            after: 'closed',
          },
        ]);
        const closed = await h.store.getProgramme(p.id);
        expect(closed).toMatchObject({ status: 'closed', params: { stock: 3, perDraw: 2 } });
      });

      it('a paused programme takes no new cases and no events; a closed one stays closed', async () => {
        const p = await h.programme();
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        await h.store.changeProgramme(p.id, { status: 'paused' }, ADMIN);
        await expectRefusal(
          h.store.openCase(p.id, { data: { name: 'B' } }, CLERK),
          ProgrammeNotActiveError,
          'programme-not-active',
        );
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'tick' }, CLERK),
          ProgrammeNotActiveError,
          'programme-not-active',
        );
        await h.store.changeProgramme(p.id, { status: 'active' }, ADMIN);
        expect((await h.store.applyEvent(c.id, { type: 'tick' }, CLERK)).case.version).toBe(2);
        await h.store.changeProgramme(p.id, { status: 'closed' }, ADMIN);
        await expectRefusal(
          h.store.changeProgramme(p.id, { status: 'active' }, ADMIN),
          ProgrammeStatusError,
          'programme-status',
        );
      });

      it('a district scope sees itself and everything below it, nothing else', async () => {
        const p = await h.programme({}, 'sh/putuo/changzheng');
        const c = await h.store.openCase(
          p.id,
          { data: { name: 'A' } },
          { actorId: 'w', scope: 'sh/putuo' },
        );
        for (const scope of [undefined, '', 'sh', 'sh/putuo', 'sh/putuo/changzheng']) {
          expect((await h.store.getProgramme(p.id, scope)).id).toBe(p.id);
          expect((await h.store.getCase(c.id, scope)).id).toBe(c.id);
        }
        for (const scope of ['sh/putu', 'sh/putuo/changzheng/x', 'bj']) {
          await expectRefusal(h.store.getProgramme(p.id, scope), NotFoundError, 'not-found');
          await expectRefusal(h.store.getCase(c.id, scope), NotFoundError, 'not-found');
          await expectRefusal(
            h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, scope }),
            NotFoundError,
            'not-found',
          );
          await expectRefusal(
            h.store.openCase(p.id, { data: { name: 'B' } }, { actorId: 'w', scope }),
            NotFoundError,
            'not-found',
          );
          expect((await h.store.listProgrammes({ scope })).map((x) => x.id)).not.toContain(p.id);
        }
        expect((await h.store.listProgrammes({ scope: 'sh/putuo' })).map((x) => x.id)).toEqual([
          p.id,
        ]);
        await expectRefusal(
          h.store.startProgramme(
            { template: 'store-drill', district: 'bj/x' },
            { actorId: 'w', scope: 'sh' },
          ),
          NotFoundError,
          'not-found',
        );
        await expectRefusal(h.store.getCase('not-a-uuid'), NotFoundError, 'not-found');
      });
    });

    describe('cases', () => {
      it('keeps the history append-only: the database refuses to change, remove or truncate it', async () => {
        const p = await h.programme();
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        const db = h.test.database.sql;
        await expect(
          db.query(sql`update case_history set event_type = 'x' where case_id = ${c.id}`),
        ).rejects.toThrow(/append-only: UPDATE/);
        await expect(
          db.query(sql`delete from case_history where case_id = ${c.id}`),
        ).rejects.toThrow(/append-only: DELETE/);
        await expect(db.query(sql`truncate case_history cascade`)).rejects.toThrow(
          /append-only: TRUNCATE/,
        );
        expect((await h.store.caseHistory(c.id)).map((r) => r.type)).toEqual(['(open)']);
      });

      it('opens a case with data validated against the template and records the opening as seq 1', async () => {
        const p = await h.programme();
        const error = await expectRefusal(
          h.store.openCase(p.id, { data: { count: 'x', extra: 1 } }, CLERK),
          ValidationFailedError,
          'validation-failed',
        );
        expect(error.fieldErrors.map((e) => e.path).sort()).toEqual(['/count', '/extra', '/name']);
        const c = await h.store.openCase(p.id, { data: { name: '王阿婆' }, ref: 'row-1' }, CLERK);
        expect(c).toMatchObject({
          programmeId: p.id,
          ref: 'row-1',
          state: 'open',
          value: 'open',
          version: 1,
          done: false,
          assignee: null,
          data: { name: '王阿婆', count: 0, drawn: 0 },
          createdBy: CLERK.actorId,
        });
        expect(await h.store.caseHistory(c.id)).toEqual([
          {
            seq: 1,
            type: '(open)',
            payload: c.data,
            actor: CLERK.actorId,
            roles: null,
            from: null,
            to: 'open',
            at: h.clock.now(),
          },
        ]);
        expect(await h.store.pendingTimers(c.id)).toEqual([
          {
            state: 'open',
            index: 0,
            eventType: 'after:open:0',
            dueAt: new Date(h.clock.now().getTime() + DAY),
          },
        ]);
        expect(await h.store.getCase(c.id)).toEqual(c);
      });

      it('refuses a duplicate ref within a programme, not across programmes', async () => {
        const [p, q] = [await h.programme(), await h.programme()];
        await h.store.openCase(p.id, { data: { name: 'A' }, ref: 'r' }, CLERK);
        await expectRefusal(
          h.store.openCase(p.id, { data: { name: 'B' }, ref: 'r' }, CLERK),
          DuplicateCaseRefError,
          'duplicate-ref',
        );
        await h.store.openCase(q.id, { data: { name: 'B' }, ref: 'r' }, CLERK);
        const outcomes = await h.store.openCases(
          p.id,
          [{ data: { name: 'C' } }, { data: {} }, { data: { name: 'D' }, ref: 'r' }],
          CLERK,
        );
        expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual([
          'ok',
          'validation-failed',
          'duplicate-ref',
        ]);
      });

      it('lists cases by active state and assignee, a page at a time', async () => {
        const p = await h.programme();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          h.clock.advance(1);
          ids.push((await h.store.openCase(p.id, { data: { name: `n${i}` } }, CLERK)).id);
        }
        for (const id of ids.slice(0, 3)) {
          await h.store.applyEvent(id, { type: 'tick' }, CLERK);
          await h.store.applyEvent(id, { type: 'approve', payload: { by: 'me' } }, CLERK);
        }
        await h.store.applyEvent(
          ids[0]!,
          { type: 'assign', payload: { worker: 'courier-7' } },
          CLERK,
        );
        const first = await h.store.listCases(p.id, { limit: 2 });
        expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
        const second = await h.store.listCases(p.id, { limit: 2, cursor: first.nextCursor! });
        const third = await h.store.listCases(p.id, { limit: 2, cursor: second.nextCursor! });
        expect([...second.items, ...third.items].map((c) => c.id)).toEqual(ids.slice(2));
        expect(third.nextCursor).toBeNull();
        expect(
          (await h.store.listCases(p.id, { state: 'approved' })).items.map((c) => c.id),
        ).toEqual(ids.slice(0, 3));
        expect((await h.store.listCases(p.id, { state: 'approved.waiting' })).items).toHaveLength(
          3,
        );
        expect((await h.store.listCases(p.id, { state: 'open' })).items.map((c) => c.id)).toEqual(
          ids.slice(3),
        );
        expect(
          (await h.store.listCases(p.id, { assignee: 'courier-7' })).items.map((c) => c.id),
        ).toEqual([ids[0]]);
        await expectRefusal(
          h.store.listCases(p.id, { cursor: 'garbage' }),
          NotFoundError,
          'not-found',
        );
      });
    });

    describe('events', () => {
      it('applies an event in one transaction: history, data, version, sender', async () => {
        const p = await h.programme();
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        h.clock.advance(60_000);
        const applied = await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
        expect(applied).toMatchObject({
          seq: 2,
          replayed: false,
          case: { version: 2, state: 'open', data: { count: 1 }, updatedAt: h.clock.now() },
        });
        expect(await h.store.getCase(c.id)).toEqual(applied.case);
        expect((await h.store.caseHistory(c.id))[1]).toEqual({
          seq: 2,
          type: 'tick',
          payload: {},
          actor: CLERK.actorId,
          roles: ['clerk'],
          from: 'open',
          to: 'open',
          at: h.clock.now(),
        });
      });

      it('refusals say why and write nothing: role, state, payload, guard, ledger', async () => {
        const p = await h.programme({ stock: 0 });
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        const before = await footprint(c.id);
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'tick' }, COURIER),
          RoleNotAllowedError,
          'role-not-allowed',
        );
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'deliver' }, COURIER),
          EventNotAcceptedError,
          'event-not-accepted',
        );
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'no-such-event' }, CLERK),
          EventNotAcceptedError,
          'event-not-accepted',
        );
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'after:open:0' }, CLERK),
          EventNotAcceptedError,
          'event-not-accepted',
        );
        const invalid = await expectRefusal(
          h.store.applyEvent(c.id, { type: 'approve', payload: { by: '' } }, CLERK),
          ValidationFailedError,
          'validation-failed',
        );
        expect(invalid.fieldErrors).toEqual([
          { path: '/by', message: 'must NOT have fewer than 1 characters' },
        ]);
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'approve', payload: { by: 'me' } }, CLERK),
          GuardRefusedError,
          'guard-refused',
        );
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'draw' }, CLERK),
          LedgerInsufficientError,
          'ledger-insufficient',
        );
        expect(await footprint(c.id)).toEqual(before);
      });

      it('refuses text the database cannot store (NUL, unpaired surrogates) as invalid input, with its path', async () => {
        const p = await h.programme();
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        const before = await footprint(c.id);
        for (const bad of ['a\u0000b', '\ud800', 'x\udc00']) {
          const error = await expectRefusal(
            h.store.applyEvent(c.id, { type: 'approve', payload: { by: bad } }, CLERK),
            ValidationFailedError,
            'validation-failed',
          );
          expect(error.fieldErrors.map((e) => e.path)).toEqual(['/payload/by']);
          await expectRefusal(
            h.store.openCase(p.id, { data: { name: bad } }, CLERK),
            ValidationFailedError,
            'validation-failed',
          );
        }
        expect(await footprint(c.id)).toEqual(before);
        // A well-formed pair is fine.
        expect(
          (await h.store.openCase(p.id, { data: { name: '𠮷 \ud842\udfb7' } }, CLERK)).data.name,
        ).toBe('𠮷 𠮷');
      });

      it('If-Match: a stale version is a conflict, the current one applies', async () => {
        const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
        const error = await expectRefusal(
          h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 7 }),
          VersionConflictError,
          'version-conflict',
        );
        expect(error.kind).toBe('conflict');
        expect(error.details).toEqual({ caseId: c.id, expected: 7, actual: 1 });
        expect(
          (await h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 1 })).case.version,
        ).toBe(2);
        await expectRefusal(
          h.store.applyEvent(c.id, { type: 'tick' }, { ...CLERK, ifMatch: 1 }),
          VersionConflictError,
          'version-conflict',
        );
      });

      it('Idempotency-Key: a retry gets the first answer and writes nothing; another request under the key is refused', async () => {
        const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
        const first = await h.store
          .applyEvent(
            c.id,
            { type: 'approve', payload: { by: 'x' } },
            { ...CLERK, idempotencyKey: 'k-1' },
          )
          .catch(() => undefined);
        expect(first).toBeUndefined(); // guard refused: a refusal is not remembered, the key stays free
        await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
        const accepted = await h.store.applyEvent(
          c.id,
          { type: 'approve', payload: { by: 'x' } },
          { ...CLERK, idempotencyKey: 'k-1' },
        );
        const after = await footprint(c.id);
        h.clock.advance(5000);
        const retry = await h.store.applyEvent(
          c.id,
          { type: 'approve', payload: { by: 'x' } },
          { ...CLERK, idempotencyKey: 'k-1' },
        );
        expect(retry).toEqual({ ...accepted, replayed: true });
        expect(await footprint(c.id)).toEqual(after);
        await expectRefusal(
          h.store.applyEvent(
            c.id,
            { type: 'approve', payload: { by: 'y' } },
            { ...CLERK, idempotencyKey: 'k-1' },
          ),
          IdempotencyKeyReusedError,
          'idempotency-key-reused',
        );
        const other = await h.store.openCase(c.programmeId, { data: { name: 'B' } }, CLERK);
        expect(
          (
            await h.store.applyEvent(
              other.id,
              { type: 'tick' },
              { ...CLERK, idempotencyKey: 'k-1' },
            )
          ).replayed,
        ).toBe(false);
      });

      it('draws on a ledger down to zero and refuses the one that would go below, exactly to the fen', async () => {
        const p = await h.programme({ stock: 1, perDraw: 0.35 });
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        for (let i = 0; i < 2; i++) await h.store.applyEvent(c.id, { type: 'draw' }, CLERK);
        expect(await h.store.ledgerBalances(p.id)).toEqual({ stock: 0.3 });
        const error = await expectRefusal(
          h.store.applyEvent(c.id, { type: 'draw' }, CLERK),
          LedgerInsufficientError,
          'ledger-insufficient',
        );
        expect(error.details).toEqual({ ledger: 'stock', balance: 0.3, amount: -0.35 });
        expect((await h.store.getCase(c.id)).data.drawn).toBe(0.7);
        const entries = await h.test.database.sql.query<{
          amount: string;
          balance_after: string;
          seq: number | null;
        }>(sql`
          select amount::text, balance_after::text, seq from ledger_entries where programme_id = ${p.id} order by id`);
        expect(entries).toEqual([
          { amount: '1.00', balance_after: '1.00', seq: null },
          { amount: '-0.35', balance_after: '0.65', seq: 2 },
          { amount: '-0.35', balance_after: '0.30', seq: 3 },
        ]);
      });

      it('notify and emit become rows with the event; entering and leaving states arms and cancels timers', async () => {
        const p = await h.programme();
        const c = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        await h.store.applyEvent(c.id, { type: 'tick' }, CLERK);
        const approved = await h.store.applyEvent(
          c.id,
          { type: 'approve', payload: { by: 'me' } },
          CLERK,
        );
        expect(approved.case).toMatchObject({
          state: 'approved.waiting',
          value: { approved: 'waiting' },
        });
        const outbox = await h.store.listOutbox({ programmeId: p.id });
        expect(outbox.items).toHaveLength(1);
        expect(outbox.items[0]).toMatchObject({
          caseId: c.id,
          name: 'drill.approved',
          status: 'pending',
          attempts: 0,
        });
        expect(outbox.items[0]!.payload).toEqual({
          event: 'drill.approved',
          programmeId: p.id,
          caseId: c.id,
          seq: 3,
          state: 'approved.waiting',
          value: { approved: 'waiting' },
          data: approved.case.data,
          at: h.clock.now().toISOString(),
        });
        expect(await h.store.pendingTimers(c.id)).toEqual([
          {
            state: 'approved.waiting',
            index: 0,
            eventType: 'after:approved.waiting:0',
            dueAt: new Date(h.clock.now().getTime() + 3_600_000),
          },
        ]);
        const statuses = await h.test.database.sql.query(
          sql`select state, status, note from timers where case_id = ${c.id} order by id`,
        );
        expect(statuses).toEqual([
          { state: 'open', status: 'cancelled', note: 'state exited' },
          { state: 'approved.waiting', status: 'pending', note: null },
        ]);
        await h.store.applyEvent(c.id, { type: 'assign', payload: { worker: 'courier-7' } }, CLERK);
        const delivered = await h.store.applyEvent(c.id, { type: 'deliver' }, COURIER);
        expect(delivered.case).toMatchObject({ assignee: 'courier-7', data: { count: 2 } });
        expect((await h.store.listOutbox({ programmeId: p.id })).items.map((o) => o.name)).toEqual([
          'drill.approved',
          'drill.delivered',
        ]);
        // A self-transition re-enters the state: its timer restarts.
        expect((await h.store.pendingTimers(c.id)).map((t) => t.eventType)).toEqual([
          'after:approved.waiting:0',
        ]);
        const closed = await h.store.applyEvent(c.id, { type: 'close' }, CLERK);
        expect(closed.case).toMatchObject({ state: 'closed', done: true });
        expect(await h.store.pendingTimers(c.id)).toEqual([]);
        const outboxRow = (await h.store.listOutbox({ programmeId: p.id, status: 'pending' }))
          .items[0]!;
        await h.store.markOutbox(outboxRow.id, { delivered: true });
        expect(
          (await h.store.listOutbox({ programmeId: p.id, status: 'pending' })).items.map(
            (o) => o.name,
          ),
        ).toEqual(['drill.delivered']);
      });
    });

    describe('transactions', () => {
      it('a transaction that sends its COMMIT early still applies all or nothing, in the order issued', async () => {
        const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
        const attempt = h.test.database.sql.transaction(async (tx) => {
          const writes = [
            tx.query(sql`update cases set assignee = 'someone' where id = ${c.id}`),
            // Seq 1 exists already: this statement fails, so the early COMMIT must become a rollback.
            tx.query(
              sql`insert into case_history (case_id, seq, event_type, payload, to_state, at) values (${c.id}, 1, 'x', '{}'::jsonb, 'open', now())`,
            ),
          ];
          tx.commitEarly();
          await settleStatements(writes);
        });
        await expect(attempt).rejects.toThrow(/case_history_case_seq_idx/);
        expect((await h.store.getCase(c.id)).assignee).toBeNull();
        await h.test.database.sql.transaction(async (tx) => {
          const writes = [
            tx.query(sql`update cases set assignee = 'first' where id = ${c.id}`),
            tx.query(sql`update cases set assignee = assignee || '+second' where id = ${c.id}`),
          ];
          tx.commitEarly();
          await settleStatements(writes);
        });
        expect((await h.store.getCase(c.id)).assignee).toBe('first+second');
      });
    });

    describe('lists for the API', () => {
      it('stats: cases by state, accepted events by type and day, ledger balances', async () => {
        const p = await h.programme({ stock: 10 });
        const start = h.clock.now();
        h.clock.set(new Date('2022-04-07T10:00:00Z'));
        const a = await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK);
        const b = await h.store.openCase(p.id, { data: { name: 'B' } }, CLERK);
        await h.store.applyEvent(a.id, { type: 'draw' }, CLERK);
        h.clock.set(new Date('2022-04-07T20:00:00Z'));
        await h.store.applyEvent(b.id, { type: 'close' }, CLERK);
        const stats = await h.store.programmeStats(p.id);
        expect(stats).toEqual({
          cases: { total: 2, open: 1, done: 1, byState: { open: 1, closed: 1 } },
          events: [
            { type: '(open)', day: '2022-04-07', count: 2 },
            { type: 'close', day: '2022-04-07', count: 1 },
            { type: 'draw', day: '2022-04-07', count: 1 },
          ],
          ledgers: { stock: 9 },
        });
        // 20:00 UTC is already the next day in Shanghai.
        expect(
          (await h.store.programmeStats(p.id, { timeZone: 'Asia/Shanghai' })).events,
        ).toContainEqual({ type: 'close', day: '2022-04-08', count: 1 });
        h.clock.set(start);
      });

      it("worklist: open cases waiting on the caller's roles, in the caller's districts, longest waiting first", async () => {
        const near = await h.programme({}, 'wl/a/b');
        const far = await h.programme({}, 'wl/z');
        const c1 = await h.store.openCase(near.id, { data: { name: 'one' } }, CLERK);
        h.clock.advance(1);
        const c2 = await h.store.openCase(near.id, { data: { name: 'two' } }, CLERK);
        const c3 = await h.store.openCase(far.id, { data: { name: 'three' } }, CLERK);
        await h.store.applyEvent(c2.id, { type: 'tick' }, CLERK);
        await h.store.applyEvent(c2.id, { type: 'approve', payload: { by: 'me' } }, CLERK);
        const clerk = await h.store.worklist({ roles: ['clerk'], scope: 'wl/a' });
        expect(clerk.items.map((i) => [i.case.id, i.waitingIn])).toEqual([[c1.id, ['open']]]);
        expect(clerk.items[0]).toMatchObject({ programmeTitle: '演练', templateId: 'store-drill' });
        expect(
          (await h.store.worklist({ roles: ['courier'], scope: 'wl' })).items.map((i) => [
            i.case.id,
            i.waitingIn,
          ]),
        ).toEqual([[c2.id, ['approved.waiting']]]);
        const all = await h.store.worklist({ roles: ['clerk', 'courier'], scope: 'wl', limit: 2 });
        const rest = await h.store.worklist({
          roles: ['clerk', 'courier'],
          scope: 'wl',
          limit: 2,
          cursor: all.nextCursor!,
        });
        expect([...all.items, ...rest.items].map((i) => i.case.id).sort()).toEqual(
          [c1.id, c2.id, c3.id].sort(),
        );
        expect((await h.store.worklist({ roles: ['admin'], scope: 'wl' })).items).toEqual([]);
      });

      it('notifications for roles within a scope, newest first, a page at a time', async () => {
        const p = await h.programme({}, 'nt/a');
        const q = await h.programme({}, 'nt/b');
        const [a, b] = [
          await h.store.openCase(p.id, { data: { name: 'A' } }, CLERK),
          await h.store.openCase(q.id, { data: { name: 'B' } }, CLERK),
        ];
        h.clock.advance(DAY);
        await h.store.createTimerScheduler().runDue();
        const page = await h.store.listNotifications({ roles: ['clerk'], scope: 'nt', limit: 1 });
        const next = await h.store.listNotifications({
          roles: ['clerk'],
          scope: 'nt',
          limit: 1,
          cursor: page.nextCursor!,
        });
        expect([...page.items, ...next.items].map((n) => n.caseId)).toEqual([b.id, a.id]);
        expect(page.items[0]).toMatchObject({
          role: 'clerk',
          message: { zh: '待处理', en: 'Waiting for a clerk' },
          district: 'nt/b',
          programmeId: q.id,
        });
        expect(
          (await h.store.listNotifications({ roles: ['clerk'], scope: 'nt/a' })).items.map(
            (n) => n.caseId,
          ),
        ).toEqual([a.id]);
        expect(
          (await h.store.listNotifications({ roles: ['courier'], scope: 'nt' })).items,
        ).toEqual([]);
        expect(
          (await h.store.listNotifications({ programmeId: p.id, order: 'oldest' })).items.map(
            (n) => n.caseId,
          ),
        ).toEqual([a.id]);
      });

      it('next events: what the case accepts now, and what the caller may send', async () => {
        const c = await h.store.openCase((await h.programme()).id, { data: { name: 'A' } }, CLERK);
        expect((await h.store.nextEvents(c)).map((e) => e.type)).toEqual([
          'tick',
          'draw',
          'approve',
          'close',
        ]);
        expect(await h.store.nextEvents(c, ['courier'])).toEqual([]);
        const approve = (await h.store.nextEvents(c, ['clerk'])).find((e) => e.type === 'approve');
        expect(approve).toMatchObject({
          roles: ['clerk'],
          form: { type: 'object', required: ['by'] },
        });
      });
    });
  });
}
