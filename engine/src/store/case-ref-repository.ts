/** Which of a list of case refs a programme already has (for bulk import dedupe and dry runs). */
import { sql } from 'drizzle-orm';
import { textArray } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';

/** The refs among `refs` that are already cases of the programme. */
export async function existingCaseRefs(
  ctx: StoreContext,
  programmeId: string,
  refs: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += 1000) {
    const rows = await ctx.sql.query<{ ref: string }>(sql`
      select ref from cases where programme_id = ${programmeId} and ref = any(${textArray(refs.slice(i, i + 1000))})`);
    for (const row of rows) found.add(row.ref);
  }
  return found;
}
