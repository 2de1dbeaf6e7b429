/**
 * Reads cases and their histories back over HTTP and checks what must hold whatever happened:
 * history seq gapless from 1, version = history length, data counters = events in history (no
 * half-applied event), each request id at most once, at most one timer event per case.
 */
import type { ApiClient } from './api-client.js';

/** One history entry as the API shows it. */
export interface HistoryEntry {
  seq: number;
  type: string;
  payload: { rid?: string } & Record<string, unknown>;
  actor: string | null;
  from: string | null;
  to: string;
}

/** A case and its history. */
export interface AuditedCase {
  id: string;
  state: string;
  version: number;
  data: { notes?: number; draws?: number; expired?: number } & Record<string, unknown>;
  history: HistoryEntry[];
}

/** Fetch each case and its history. */
export async function auditCases(
  client: ApiClient,
  caseIds: readonly string[],
): Promise<AuditedCase[]> {
  return Promise.all(
    caseIds.map(async (id) => {
      const detail = await client.get<AuditedCase>(`/api/v1/cases/${id}`);
      const history = await client.get<{ items: HistoryEntry[] }>(`/api/v1/cases/${id}/history`);
      if (detail.status !== 200 || history.status !== 200)
        throw new Error(
          `reading case ${id}: ${detail.status}/${history.status} ${detail.text.slice(0, 200)}`,
        );
      return { ...detail.body, history: history.body.items };
    }),
  );
}

/** Is this history entry a timer's event? */
export const isTimerEvent = (entry: HistoryEntry): boolean => entry.type.startsWith('after:');

/** Everything that is wrong with the cases, as sentences (empty when all holds). */
export function caseProblems(cases: readonly AuditedCase[]): string[] {
  const problems: string[] = [];
  const rids = new Map<string, number>();
  for (const c of cases) {
    const seqs = c.history.map((h) => h.seq);
    if (seqs.some((s, i) => s !== i + 1))
      problems.push(`case ${c.id}: history seq not gapless from 1: ${seqs.join(',')}`);
    if (c.version !== c.history.length)
      problems.push(`case ${c.id}: version ${c.version} but ${c.history.length} history rows`);
    const count = (type: string) => c.history.filter((h) => h.type === type).length;
    if ((c.data.notes ?? 0) !== count('note'))
      problems.push(`case ${c.id}: data.notes ${c.data.notes} but ${count('note')} note events`);
    if ((c.data.draws ?? 0) !== count('draw'))
      problems.push(`case ${c.id}: data.draws ${c.data.draws} but ${count('draw')} draw events`);
    const timers = c.history.filter(isTimerEvent).length;
    if (timers > 1) problems.push(`case ${c.id}: its timer fired ${timers} times`);
    if ((c.data.expired ?? 0) !== timers)
      problems.push(`case ${c.id}: data.expired ${c.data.expired} but ${timers} timer events`);
    for (const h of c.history) {
      const rid = h.payload?.rid;
      if (typeof rid === 'string') rids.set(rid, (rids.get(rid) ?? 0) + 1);
    }
  }
  for (const [rid, n] of rids) if (n > 1) problems.push(`request ${rid} applied ${n} times`);
  return problems;
}

/** How many times each request id was applied, over all cases. */
export function appliedRequestIds(cases: readonly AuditedCase[]): Map<string, number> {
  const rids = new Map<string, number>();
  for (const c of cases)
    for (const h of c.history) {
      const rid = h.payload?.rid;
      if (typeof rid === 'string') rids.set(rid, (rids.get(rid) ?? 0) + 1);
    }
  return rids;
}
