/**
 * An admin reassigns a case: the assignee changes, the history records it as `(reassign)` with the
 * old and new assignee, and the version moves on like for any event, so a worker's change made
 * against the old assignment is seen as a conflict rather than applied blindly.
 */
import { sql } from 'drizzle-orm';
import { NotFoundError, VersionConflictError } from '../errors/engine-error.js';
import { CASE_COLUMNS, toCaseRecord } from './case-record.js';
import type { CaseRecord } from './case-record.js';
import { inScope } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { jsonb } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';

/** Set (or clear, with null) a case's assignee; `ifMatch` guards against a case that moved on. */
export async function reassignCase(
  ctx: StoreContext,
  caseId: string,
  assignee: string | null,
  caller: Caller,
  ifMatch?: number,
): Promise<CaseRecord> {
  if (!isUuid(caseId)) throw new NotFoundError('case', caseId);
  return ctx.sql.transaction(async (tx) => {
    const [row] = await tx.query(
      sql`select ${CASE_COLUMNS} from cases c where c.id = ${caseId} for update`,
    );
    if (!row || !inScope(row.district as string, caller.scope))
      throw new NotFoundError('case', caseId);
    const current = toCaseRecord(row);
    if (ifMatch !== undefined && ifMatch !== current.version)
      throw new VersionConflictError(caseId, ifMatch, current.version);
    const now = ctx.clock.now();
    const seq = current.version + 1;
    await tx.query(sql`
      with history as (
        insert into case_history (case_id, seq, event_type, payload, actor, from_state, to_state, at)
        values (${caseId}, ${seq}, '(reassign)', ${jsonb({ assignee, previous: current.assignee })},
                ${caller.actorId}, ${current.state}, ${current.state}, ${now}))
      update cases set assignee = ${assignee}, version = ${seq}, updated_at = ${now} where id = ${caseId}`);
    return { ...current, assignee, version: seq, updatedAt: now };
  });
}
