/**
 * The template version a stored case runs on: its own once a migration has touched its programme
 * (a case left behind by `onlyMovable` keeps the older one), else its programme's. Reads of a case
 * (detail, next events, state title, history, need-to-know projection) use it, as events do
 * (`apply-event.ts`).
 */
import { sql } from 'drizzle-orm';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { NotFoundError } from '../errors/engine-error.js';
import type { StoreContext } from './store-context.js';
import { compiledTemplate } from './template-repository.js';

/** The case's template id and version, and that version compiled. */
export async function caseTemplateVersion(
  ctx: StoreContext,
  caseId: string,
): Promise<{ id: string; version: number; compiled: CompiledTemplate }> {
  const [row] = await ctx.sql.query<{ template_id: string; version: number }>(sql`
    select p.template_id, coalesce(c.template_version, p.template_version) as version
    from cases c join programmes p on p.id = c.programme_id where c.id = ${caseId}`);
  if (!row) throw new NotFoundError('case', caseId);
  const version = Number(row.version);
  return {
    id: row.template_id,
    version,
    compiled: await compiledTemplate(ctx, row.template_id, version),
  };
}
