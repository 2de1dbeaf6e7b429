/**
 * Where "now" comes from. The durable runtime and its timer scheduler read time only through this
 * port, so tests move time by hand instead of sleeping, and every row of one step shares one now.
 */

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests, simulations, scenario drivers). */
export interface ManualClock extends Clock {
  set(to: Date): void;
  advance(ms: number): void;
}

/** A manual clock starting at `start`. */
export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (to) => {
      current = to.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
