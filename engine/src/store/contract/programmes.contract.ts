/**
 * The store's contract, part 2: starting programmes, parameters, ledgers and changes (registered
 * by `relief-store.contract.ts`).
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidDistrictError,
  NotFoundError,
  ProgrammeNotActiveError,
  ProgrammeStatusError,
  ValidationFailedError,
} from '../../errors/engine-error.js';
import { ADMIN, CLERK, expectRefusal } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `programmes` part of the contract on a harness. */
export function programmesContract(h: StoreHarness): void {
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
}
