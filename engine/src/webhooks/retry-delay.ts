/** Exponential backoff with jitter for webhook retries. */

/** How retries are spaced and when they stop. */
export interface RetryPolicy {
  /** Delay before the second attempt; each later one doubles it. */
  baseMs: number;
  /** Upper bound of any one delay. */
  maxMs: number;
  /** Attempts in all, the first included; then the delivery is marked failed. */
  maxAttempts: number;
}

/** About 10 s, 20 s, 40 s … capped at an hour; 12 attempts span about 9 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 10_000,
  maxMs: 3_600_000,
  maxAttempts: 12,
};

/** When to try again after `attempts` failed attempts, or null to give up. `random` is in [0, 1). */
export function retryDelay(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exact = Math.min(policy.baseMs * 2 ** Math.max(attempts - 1, 0), policy.maxMs);
  // ±20 % so many deliveries failing together do not all come back at the same instant.
  return Math.round(exact * (0.8 + 0.4 * random()));
}
