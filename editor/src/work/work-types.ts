/** The Work area's data: the contract's types, and the queue's own records. */
import type { History, NotificationList, Worklist } from '@relief/engine/contract';

export type { History, NotificationList, Worklist };

/** One case on the worklist, as the API sends it. */
export type WorkItem = Worklist['items'][number];

/** A notification with its read flag. */
export type WorkNote = NotificationList['items'][number];

/** What the queue knows of the case when the event was made, to show beside a conflict. */
export interface CaseSnapshot {
  version: number;
  state: string;
  stateTitle: unknown;
}

/** An event recorded on the phone and not yet accepted by the server. */
export interface QueuedEvent {
  /** Order of recording (the store's key). */
  seq?: number;
  caseId: string;
  /** The person who recorded it: only they send it. */
  owner: string;
  type: string;
  title: unknown;
  payload: Record<string, unknown>;
  /** Sent as `Idempotency-Key`: a retry after a lost answer applies nothing twice. */
  idempotencyKey: string;
  /** Sent as `If-Match`: the version the event was made against. */
  ifMatch: number;
  made: CaseSnapshot;
  recordedAt: string;
  status: 'waiting' | 'sending' | 'conflict' | 'refused';
  /** For a conflict: the case as it is now. */
  current?: CaseSnapshot;
  /** For a refusal: the server's code and detail. */
  problem?: { code: string; detail: string };
}
