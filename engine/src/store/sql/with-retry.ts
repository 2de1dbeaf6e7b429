/**
 * Retries a whole transaction when PostgreSQL aborted it for a reason a rerun resolves: a deadlock
 * or serialization failure, or a unique index racing (the rerun then sees the winner's row).
 */
import { databaseErrorOf } from './sql-client.js';

const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** Run `work` up to `attempts` times while it fails with a retryable database error. */
export async function withRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const db = databaseErrorOf(error);
      if (!db || !RETRYABLE.has(db.code) || attempt >= attempts) throw error;
    }
  }
}
