/**
 * Titles of programme roles (`committee` → 居委会), as the published templates declare them, so a
 * person's roles are shown by title in the web app without it reading every template.
 */
import { sql } from 'drizzle-orm';
import type { Label } from '../template/template.js';
import type { StoreContext } from './store-context.js';
import { textArray } from './sql/sql-client.js';

/**
 * The title of each of `roles` that some published template declares. Templates may title a role
 * differently (居委会, 社区居委会): the title most of them give wins, then the latest published.
 */
export async function programmeRoleTitles(
  ctx: StoreContext,
  roles: readonly string[],
): Promise<Record<string, Label>> {
  if (roles.length === 0) return {};
  const rows = await ctx.sql.query<{ role: string; title: Label }>(sql`
    select distinct on (role) role, title from (
      select r.key as role, r.value as title, count(distinct v.template_id) as templates,
        max(v.published_at) as latest
      from template_versions v, jsonb_each(v.definition::jsonb -> 'roles') as r
      where v.status = 'published' and r.key = any(${textArray(roles)})
      group by r.key, r.value) as titles
    order by role, templates desc, latest desc`);
  return Object.fromEntries(rows.map((row) => [row.role, row.title]));
}
