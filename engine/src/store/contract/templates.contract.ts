/**
 * The store's contract, part 1: saving, publishing and freezing template versions (registered by
 * `relief-store.contract.ts`).
 */
import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  TemplateInvalidError,
  TemplateNotPublishedError,
  TemplateEtagRequiredError,
  TemplateExistsError,
  TemplateVersionPublishedError,
  TemplateVersionStaleError,
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

    it('refuses a stale save (412), a save over a draft without its ETag (428) and a new template whose id exists (409), and keeps who published and why', async () => {
      const v1 = DRILL_SOURCE.replace('id: store-drill', 'id: drill-safe');
      const v2 = v1.replace('version: 1', 'version: 2');
      const first = (await h.store.saveTemplate(v1, ADMIN, { ifNoneMatch: true })).record;
      expect(first.etag).toBe('"drill-safe.1.1"');
      await expectRefusal(
        h.store.saveTemplate(v1, ADMIN, { ifNoneMatch: true }),
        TemplateExistsError,
        'template-exists',
      );
      await expectRefusal(
        h.store.saveTemplate(v1, ADMIN),
        TemplateEtagRequiredError,
        'template-etag-required',
      );
      // Two designers opened v1; the first save wins, the second is refused and changes nothing.
      const a = await h.store.saveTemplate(
        v1.replace('Store drill', 'A'),
        { actorId: 'a' },
        {
          ifMatch: first.etag,
        },
      );
      expect(a.record).toMatchObject({ revision: 2, etag: '"drill-safe.1.2"' });
      const stale = await expectRefusal(
        h.store.saveTemplate(
          v1.replace('Store drill', 'B'),
          { actorId: 'b' },
          {
            ifMatch: first.etag,
          },
        ),
        TemplateVersionStaleError,
        'template-version-stale',
      );
      expect(stale.details).toMatchObject({ savedBy: 'a', etag: '"drill-safe.1.2"' });
      expect((await h.store.getTemplateVersion('drill-safe', 1)).source).toContain('en: A }');
      // A new version from v1: the first save creates v2, the second (same base) is refused.
      await h.store.saveTemplate(v2, { actorId: 'a' }, { ifMatch: a.record.etag });
      await expectRefusal(
        h.store.saveTemplate(
          v2.replace('Store drill', 'B'),
          { actorId: 'b' },
          {
            ifMatch: a.record.etag,
          },
        ),
        TemplateVersionStaleError,
        'template-version-stale',
      );
      const published = await h.store.publishTemplate('drill-safe', 2, ADMIN, 'adds nothing');
      expect(published).toMatchObject({ publishedBy: ADMIN.actorId, publishNote: 'adds nothing' });
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
        (
          await h.store.saveTemplate(v2.replace('Store drill', 'Store drill v2'), ADMIN, {
            ifMatch: draft.record.etag,
          })
        ).record.status,
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
