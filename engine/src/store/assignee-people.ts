/**
 * An assignee as the people directory knows it: a case's `assign:` value names a person of the
 * case's district by id or by login. One that names nobody is kept as written (an integrator's
 * event is never refused for it) and reported as unmatched, so the console can flag it.
 */
import { sql } from 'drizzle-orm';
import { inScope } from './district-scope.js';
import { textArray } from './sql/sql-client.js';
import type { StoreContext } from './store-context.js';

/** The person an assignee names, or null when it names nobody in the case's district. */
export interface AssigneeMatch {
  assignee: string;
  person: { id: string; login: string; displayName: string } | null;
}

interface PersonRow {
  id: string;
  login: string;
  display_name: string;
  district: string;
}

/** Match each case's assignee (null when the case has none); same order as `cases`. */
export async function matchAssignees(
  ctx: StoreContext,
  cases: readonly { assignee: string | null; district: string }[],
): Promise<(AssigneeMatch | null)[]> {
  const names = [...new Set(cases.map((c) => c.assignee).filter((a): a is string => !!a))];
  if (names.length === 0) return cases.map(() => null);
  const rows = await ctx.sql.query<PersonRow>(sql`
    select id::text as id, login, display_name, district from people
    where disabled_at is null
      and (id::text = any(${textArray(names)}) or login = any(${textArray(names.map((n) => n.trim().toLowerCase()))}))`);
  return cases.map(({ assignee, district }) => {
    if (!assignee) return null;
    const key = assignee.trim().toLowerCase();
    const person = rows.find(
      (p) => (p.id === key || p.login === key) && inScope(district, p.district),
    );
    return {
      assignee,
      person: person
        ? { id: person.id, login: person.login, displayName: person.display_name }
        : null,
    };
  });
}

/** Does this assignee name the person (by id or login)? */
export function namesPerson(
  assignee: string | null,
  person: { id: string; login: string } | undefined,
): boolean {
  if (!assignee || !person) return false;
  const key = assignee.trim().toLowerCase();
  return key === person.id || key === person.login;
}
