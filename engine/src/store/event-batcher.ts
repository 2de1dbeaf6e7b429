/**
 * Group commit: events sent by different requests at about the same time are applied in one
 * transaction, so they share its fixed cost (BEGIN, the round trips, the COMMIT's flush to disk).
 *
 * The window adapts by itself: when no batch is running, an event starts one as soon as the
 * callback that submitted it returns (a single request is not delayed); while batches run but
 * fewer than `maxInFlight`, at the end of the current turn of the event loop once the queue holds
 * its share of the events in flight, or once its oldest event has waited `fillWaitMs`; under
 * load, events queue while the running batches commit, and the next batch takes everything
 * waiting (at most `maxBatch`).
 *
 * One event per case per batch, and a case's next event waits until the batch holding its earlier
 * one has committed: a case's events are applied in the order they arrived (in this process;
 * across processes the row lock orders them, as it always did). Each request is answered with its
 * own outcome once its batch has committed. A batch whose transaction fails on a database error
 * (so nothing of it was written) is applied again one event at a time, each in its own
 * transaction, so a failure is answered only to the event it belongs to. A failure that leaves
 * the outcome unknown (the connection lost around COMMIT) is answered to every event of the batch,
 * exactly as the one-event path answers it: the client retries with its Idempotency-Key.
 */
import { LedgerInsufficientError } from '../errors/engine-error.js';
import { BatchNotWrittenError, applyBatchInTransaction } from './apply-event-batch.js';
import type { BatchOutcome } from './apply-event-batch.js';
import { applyEventAlone } from './apply-event.js';
import type { AppliedEvent, EventBatcher, EventRequest } from './event-input.js';
import { databaseErrorOf } from './sql/sql-client.js';
import { withRetry } from './sql/with-retry.js';
import type { StoreContext } from './store-context.js';

/** How events are grouped. */
export interface GroupCommitOptions {
  /** Most events in one transaction (default 64). */
  maxBatch?: number | undefined;
  /** Most batches running at once, each on its own connection (default 3: docs/performance.md). */
  maxInFlight?: number | undefined;
  /**
   * While other batches run, how long the oldest waiting event may wait for company before a
   * batch starts with fewer than its share of the events (default 1 ms).
   */
  fillWaitMs?: number | undefined;
}

interface Waiting {
  request: EventRequest;
  /** When it was submitted (`performance.now()`). */
  at: number;
  resolve: (applied: AppliedEvent) => void;
  reject: (error: unknown) => void;
}

/** How the batcher applies what it has grouped (a seam: the scheduling tests count batches). */
export interface EventAppliers {
  /** One event in its own transaction. */
  alone(ctx: StoreContext, request: EventRequest): Promise<AppliedEvent>;
  /** Events on distinct cases in one transaction, each outcome in order. */
  together(ctx: StoreContext, requests: readonly EventRequest[]): Promise<BatchOutcome[]>;
}

const databaseAppliers: EventAppliers = {
  alone: (ctx, request) => applyEventAlone(ctx, request.caseId, request.event, request.options),
  together: (ctx, requests) =>
    withRetry(() => ctx.sql.transaction((tx) => applyBatchInTransaction(ctx, tx, requests))),
};

/** A batcher applying events through `ctx` (whose `events` it must not be called back through). */
export function createEventBatcher(
  ctx: StoreContext,
  options: GroupCommitOptions = {},
  appliers: EventAppliers = databaseAppliers,
): EventBatcher {
  const maxBatch = Math.max(1, options.maxBatch ?? 64);
  const maxInFlight = Math.max(1, options.maxInFlight ?? 3);
  let queue: Waiting[] = [];
  /** Cases with an event in a running batch. */
  const busy = new Set<string>();
  let running = 0;
  /** Events in the running batches. */
  let inBatches = 0;
  let scheduled = false;
  const fillWaitMs = Math.max(0, options.fillWaitMs ?? 1);
  let fillTimer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (scheduled || running >= maxInFlight || queue.length === 0) return;
    scheduled = true;
    // Idle: start once the current callback is done (events it submits go together), with no
    // turn of the event loop in between. Busy: at the end of this turn, with what it brought.
    if (running === 0) queueMicrotask(drain);
    else setImmediate(drain);
  };

  /** The next batch: oldest first, skipping a case that is busy or has an earlier event waiting. */
  const take = (): Waiting[] => {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const blocked = new Set(busy);
    for (const waiting of queue) {
      const caseId = waiting.request.caseId;
      if (batch.length < maxBatch && !blocked.has(caseId)) {
        batch.push(waiting);
        busy.add(caseId);
      } else rest.push(waiting);
      blocked.add(caseId);
    }
    queue = rest;
    return batch;
  };

  /**
   * While batches run, a free slot waits (at most `fillWaitMs` from the oldest event's arrival)
   * until the queue holds its share of the events in flight. Without this the first request back
   * from a committed batch took the free slot alone, and the ones right behind it piled into one
   * large batch: under load, half the transactions carried one event (measured, docs/performance.md).
   */
  const waitForCompany = (): boolean => {
    if (running === 0 || fillWaitMs === 0) return false;
    const share = Math.floor((inBatches + queue.length) / maxInFlight);
    if (queue.length >= share) return false;
    const waited = performance.now() - queue[0]!.at;
    if (waited >= fillWaitMs) return false;
    fillTimer ??= setTimeout(() => {
      fillTimer = undefined;
      drain();
    }, fillWaitMs - waited);
    return true;
  };

  const drain = () => {
    scheduled = false;
    while (running < maxInFlight && queue.length > 0) {
      if (waitForCompany()) return;
      const batch = take();
      if (batch.length === 0) return;
      running++;
      inBatches += batch.length;
      void run(batch).finally(() => {
        running--;
        inBatches -= batch.length;
        for (const waiting of batch) busy.delete(waiting.request.caseId);
        schedule();
      });
    }
  };

  const run = async (batch: Waiting[]): Promise<void> => {
    if (batch.length === 1) {
      // A lone event (an idle engine) takes the one-event path: its two round trips with plain
      // statements cost a lone request less than the batch's one-row set statements (measured:
      // docs/performance.md, "A single connection").
      const [{ request, resolve, reject }] = batch as [Waiting];
      await appliers.alone(ctx, request).then(resolve, reject);
      return;
    }
    let outcomes: BatchOutcome[];
    try {
      outcomes = await appliers.together(
        ctx,
        batch.map((w) => w.request),
      );
    } catch (error) {
      if (batch.length > 1 && nothingWritten(error)) {
        await Promise.all(
          batch.map(({ request, resolve, reject }) =>
            appliers.alone(ctx, request).then(resolve, reject),
          ),
        );
      } else {
        const cause = error instanceof BatchNotWrittenError ? error.cause : error;
        for (const waiting of batch) waiting.reject(cause);
      }
      return;
    }
    outcomes.forEach((outcome, i) => {
      if ('applied' in outcome) batch[i]!.resolve(outcome.applied);
      else batch[i]!.reject(outcome.refused);
    });
  };

  return {
    submit: (request) =>
      new Promise<AppliedEvent>((resolve, reject) => {
        queue.push({ request, at: performance.now(), resolve, reject });
        schedule();
      }),
  };
}

/**
 * The transaction certainly rolled back: it failed before its COMMIT was sent, or a statement
 * failed with a database error (a failed statement turns the COMMIT into a rollback; the ledger
 * refusal is such a statement) — not a lost connection or a server shutting down, where the
 * COMMIT may or may not have happened.
 */
function nothingWritten(error: unknown): boolean {
  if (error instanceof BatchNotWrittenError || error instanceof LedgerInsufficientError)
    return true;
  const code = databaseErrorOf(error)?.code;
  return code !== undefined && !code.startsWith('08') && !code.startsWith('57P');
}
