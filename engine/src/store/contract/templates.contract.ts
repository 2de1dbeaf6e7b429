/**
 * The store's contract, part 1: saving, publishing and freezing template versions (registered by
 * `relief-store.contract.ts`).
 */
import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  TemplateInvalidError,
  TemplateNotPublishedError,
  TemplateVersionPublishedError,
} from '../../errors/engine-error.js';
import { ADMIN, DRILL_SOURCE, expectRefusal } from './store-contract-kit.js';
import type { StoreHarness } from './store-contract-kit.js';

/** Register the `templates` part of the contract on a harness. */
export function templatesContract(h: StoreHarness): void {
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
        h.store.startProgramme({ template: 'drill-versions', version: 2, district: 'tv/a' }, ADMIN),
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
}
