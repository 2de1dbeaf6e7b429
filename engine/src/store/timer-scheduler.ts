/**
 * The timer scheduler: claims due timer rows and applies each through the same event path as a
 * client's event, sent by the system (no roles). Timers that fell due while no process ran are
 * simply due on the next start. Several schedulers on one database fire each timer exactly once.
 */
import { randomUUID } from 'node:crypto';
import { EngineError, ProgrammeNotActiveError } from '../errors/engine-error.js';
import { applyTimerInTransaction } from './apply-event.js';
import type { StoreContext } from './store-context.js';
import { cancelTimer, claimDueTimers, releaseAllClaims, releaseTimer } from './timer-repository.js';
import { withRetry } from './sql/with-retry.js';

const MAX_PER_PASS = 10_000;
/** See `TimerSchedulerOptions.leaseMs`. */
export const DEFAULT_TIMER_LEASE_MS = 15_000;

/** Tuning of a scheduler; the defaults suit "fired within about a second". */
export interface TimerSchedulerOptions {
  /** Pause between passes while started (default 1000 ms). */
  intervalMs?: number;
  /** Timers claimed per round trip (default 50). */
  batchSize?: number;
  /**
   * How long a claim keeps other schedulers off a timer (default 15 s): how late a timer claimed by
   * a process that died fires on PostgreSQL, where other servers may be alive. A pass fires its
   * batch within a few seconds, and a timer fires at most once whatever the lease, because firing
   * re-checks it is still pending under the case's lock. On PGlite a start releases every claim.
   */
  leaseMs?: number;
  /** Claims after which a timer that keeps failing is cancelled (default 10). */
  maxAttempts?: number;
  /** Told about failures that are not refusals (database down, …); the timer is retried later. */
  onError?: (error: unknown) => void;
}

/** What one pass did. */
export interface TimerPass {
  fired: number;
  /** Refused by the engine (guard false, state left, ledger short, …) and cancelled. */
  cancelled: number;
  failed: number;
}

/** A scheduler loop over the timer rows. */
export interface TimerScheduler {
  /** Start passing every `intervalMs`, the first pass at once. */
  start(): void;
  /** Stop, waiting for a pass under way. */
  stop(): Promise<void>;
  /** One pass: fire every timer due now, earliest first, until none is left. */
  runDue(filter?: { programmeId?: string | undefined }): Promise<TimerPass>;
}

/** Create a scheduler over the store's database, reading time from the store's clock. */
export function createTimerScheduler(
  ctx: StoreContext,
  options: TimerSchedulerOptions = {},
): TimerScheduler {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? DEFAULT_TIMER_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 10;
  const onError = options.onError ?? ((error: unknown) => console.error('timer scheduler:', error));
  const owner = randomUUID();
  let running = false;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let pass: Promise<unknown> | undefined;

  const runDue = async (filter: { programmeId?: string | undefined } = {}): Promise<TimerPass> => {
    const done: TimerPass = { fired: 0, cancelled: 0, failed: 0 };
    // A timer that re-arms itself with a zero delay would keep a pass going forever: yield now and then.
    while (done.fired + done.cancelled + done.failed < MAX_PER_PASS) {
      const batch = await claimDueTimers(ctx, {
        owner,
        limit: batchSize,
        leaseMs,
        programmeId: filter.programmeId,
      });
      if (batch.length === 0) return done;
      for (const timer of batch) {
        if (timer.attempts > maxAttempts) {
          await cancelTimer(ctx, timer.id, `gave up after ${maxAttempts} attempts`);
          done.cancelled++;
          continue;
        }
        try {
          const applied = await withRetry(() =>
            ctx.sql.transaction((tx) => applyTimerInTransaction(ctx, tx, timer)),
          );
          if (applied) done.fired++;
        } catch (error) {
          if (error instanceof ProgrammeNotActiveError) {
            // Paused between claim and fire: not a refusal of the timer, it waits for the programme.
            await releaseTimer(ctx, timer.id);
          } else if (error instanceof EngineError) {
            await cancelTimer(ctx, timer.id, `${error.code}: ${error.message}`);
            done.cancelled++;
          } else {
            // Left claimed: no scheduler retries it before the lease ends, so a pass cannot spin on it.
            done.failed++;
            onError(error);
          }
        }
      }
    }
    return done;
  };

  // One process per PGlite folder: claims left from before this start are a dead process's.
  let claimsToRelease = ctx.sql.kind === 'pglite';
  const firstReleaseStale = async (): Promise<unknown> => {
    if (claimsToRelease) {
      claimsToRelease = false;
      await releaseAllClaims(ctx);
    }
    return runDue();
  };

  const tick = (): void => {
    pass = firstReleaseStale()
      .catch(onError)
      .finally(() => {
        pass = undefined;
        if (running) {
          handle = setTimeout(tick, intervalMs);
          handle.unref?.();
        }
      });
  };

  return {
    start() {
      if (running) return;
      running = true;
      tick();
    },
    async stop() {
      running = false;
      if (handle !== undefined) clearTimeout(handle);
      await pass;
    },
    runDue,
  };
}
