/** An event as the store takes it, who sends it and how, and what it answers. */
import type { Label } from '../template/template.js';
import type { Reader } from '../template/privacy-marks.js';
import type { CaseRecord } from './case-record.js';

/** An event as a client sends it. */
export interface EventInput {
  type: string;
  payload?: Record<string, unknown> | undefined;
}

/** Who sends an event and under which conditions. */
export interface ApplyOptions {
  actorId: string | null;
  /** The sender's roles; absent means the system itself (timers), which skips role checks. */
  roles?: readonly string[] | undefined;
  /** Apply only if the case is at this version (HTTP `If-Match`). */
  ifMatch?: number | undefined;
  /** A retry with the same key returns the first answer and applies nothing (HTTP `Idempotency-Key`). */
  idempotencyKey?: string | undefined;
  /** The caller's district scope; a case outside it is not found. */
  scope?: string | undefined;
  /** The answer is a read of the case: record it in the access log, in the event's transaction. */
  read?: { reader: { actorId: string; kind: 'person' | 'key' }; via: string } | undefined;
  /** Also answer the case as this reader may see it, with its state's title (`view`). */
  viewer?: Reader | undefined;
}

/** The case after an accepted event. */
export interface AppliedEvent {
  case: CaseRecord;
  /** The event's history seq (equal to the case's new version). */
  seq: number;
  /** True when this is the stored answer to an earlier request with the same idempotency key. */
  replayed: boolean;
  /**
   * With `viewer`: the case as that reader may see it and its state's title, on the template
   * version the case runs on.
   */
  view?: { case: CaseRecord; stateTitle: Label | null } | undefined;
}

/** One event for the store to apply. */
export interface EventRequest {
  caseId: string;
  event: EventInput;
  options: ApplyOptions;
}

/** Applies events several at a time (`event-batcher.ts`). */
export interface EventBatcher {
  /** Resolves with the event's own answer once its batch has committed, or rejects with its refusal. */
  submit(request: EventRequest): Promise<AppliedEvent>;
}
