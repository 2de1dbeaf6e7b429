/**
 * Case data leaves the store only as the reader may see it (`projectRecord`, the template's
 * need-to-know marks). A read that names no viewer sees no marked field: forgetting to say who
 * reads fails closed.
 */
import type { Template } from '../template/template.js';
import { dataMarks, formMarks, projectRecord } from '../template/privacy-marks.js';
import type { Reader } from '../template/privacy-marks.js';
import type { CaseRecord } from './case-record.js';
import { caseTemplateVersion } from './case-template-version.js';
import type { StoreContext } from './store-context.js';

/** The viewer of a read that names none: unmarked fields only. */
export const NO_MARKED_FIELDS: Reader = { roles: [] };

/** The case with its data as `viewer` may see it. */
export function projectCase(
  template: Template,
  record: CaseRecord,
  viewer: Reader = NO_MARKED_FIELDS,
): CaseRecord {
  const data = projectRecord(dataMarks(template), record.data, viewer);
  return data === record.data ? record : { ...record, data };
}

/** An event's payload as `viewer` may see it. */
export function projectEventPayload(
  template: Template,
  type: string,
  payload: Record<string, unknown>,
  viewer: Reader = NO_MARKED_FIELDS,
): Record<string, unknown> {
  return projectRecord(formMarks(template, type), payload, viewer);
}

/** Data fields `viewer` may not see (what a text search must not look into). */
export function hiddenFields(template: Template, viewer: Reader = NO_MARKED_FIELDS): string[] {
  if (viewer.all) return [];
  return [...dataMarks(template)]
    .filter(([, mark]) => !viewer.roles.some((role) => mark.visibleTo.includes(role)))
    .map(([name]) => name);
}

/** The template a stored case runs on (its own version after a migration). */
export async function caseTemplate(ctx: StoreContext, record: CaseRecord): Promise<Template> {
  return (await caseTemplateVersion(ctx, record.id)).compiled.template;
}

/** A stored case as `viewer` may see it (for answers built from a case just written). */
export async function visibleCase(
  ctx: StoreContext,
  record: CaseRecord,
  viewer: Reader,
): Promise<CaseRecord> {
  if (viewer.all) return record;
  return projectCase(await caseTemplate(ctx, record), record, viewer);
}
