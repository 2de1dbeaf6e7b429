import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchOutcome } from './apply-event-batch.js';
import type { CaseRecord } from './case-record.js';
import { createEventBatcher } from './event-batcher.js';
import type { EventAppliers, GroupCommitOptions } from './event-batcher.js';
import type { AppliedEvent, EventRequest } from './event-input.js';
import type { StoreContext } from './store-context.js';

/**
 * The batcher's scheduling alone: appliers that record each batch and commit only when the test
 * says so, on fake timers (the fill wait is 1 ms of `performance.now()`).
 */
function harness(options: GroupCommitOptions) {
  const batches: { size: number; at: number }[] = [];
  const pending: (() => void)[] = [];
  const applied = (request: EventRequest): AppliedEvent => ({
    case: { id: request.caseId } as CaseRecord,
    seq: 2,
    replayed: false,
  });
  const hold = <T>(size: number, value: T) =>
    new Promise<T>((resolve) => {
      batches.push({ size, at: performance.now() });
      pending.push(() => resolve(value));
    });
  const appliers: EventAppliers = {
    alone: (_ctx, request) => hold(1, applied(request)),
    together: (_ctx, requests) =>
      hold(
        requests.length,
        requests.map((r): BatchOutcome => ({ applied: applied(r) })),
      ),
  };
  const batcher = createEventBatcher({} as StoreContext, options, appliers);
  /** Every answer, in submission order. */
  const answers: Promise<AppliedEvent>[] = [];
  const submit = (count: number) => {
    for (let i = 0; i < count; i++)
      answers.push(
        batcher.submit({
          caseId: `case-${answers.length}`,
          event: { type: 'next' },
          options: { actorId: 'test' },
        }),
      );
  };
  /** Commit the oldest running batch. */
  const commitOldest = () => pending.shift()!();
  return { batches, answers, submit, commitOldest };
}

/** Let queued microtasks and `setImmediate` callbacks run, without moving the clock. */
async function settle() {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

describe('createEventBatcher scheduling', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts a lone event at once on an idle engine (no fill wait)', async () => {
    const h = harness({ maxInFlight: 3 });
    h.submit(1);
    await settle();
    expect(h.batches).toEqual([{ size: 1, at: 0 }]);
    h.commitOldest();
    await expect(h.answers[0]).resolves.toMatchObject({ seq: 2, replayed: false });
  });

  it('while a batch runs, a free slot waits for its share instead of taking the first arrival alone', async () => {
    const h = harness({ maxInFlight: 2 });
    h.submit(10);
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([10]);
    // One request arrives, then nine more a moment later (before 1 ms has passed).
    h.submit(1);
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([10]);
    await vi.advanceTimersByTimeAsync(0.5);
    h.submit(9);
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([10, 10]);
  });

  it('without the fill wait the first arrival takes the free slot alone', async () => {
    const h = harness({ maxInFlight: 2, fillWaitMs: 0 });
    h.submit(10);
    await settle();
    h.submit(1);
    await settle();
    await vi.advanceTimersByTimeAsync(0.5);
    h.submit(9);
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([10, 1]);
  });

  it('starts with fewer than its share once the oldest waiting event has waited 1 ms', async () => {
    const h = harness({ maxInFlight: 2 });
    h.submit(10);
    await settle();
    h.submit(2);
    await settle();
    expect(h.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.batches.map((b) => b.size)).toEqual([10, 2]);
    expect(h.batches[1]!.at).toBeGreaterThanOrEqual(1);
    expect(h.batches[1]!.at).toBeLessThan(2);
  });

  it('a committed batch frees its slot for everything waiting', async () => {
    const h = harness({ maxInFlight: 1 });
    h.submit(4);
    await settle();
    h.submit(6);
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([4]);
    h.commitOldest();
    await settle();
    expect(h.batches.map((b) => b.size)).toEqual([4, 6]);
    h.commitOldest();
    await expect(Promise.all(h.answers.slice(4))).resolves.toHaveLength(6);
  });
});
