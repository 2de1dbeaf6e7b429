/**
 * Verified API keys, kept briefly per database pool so a request with a known key costs no query.
 * Revocation stays immediate: `revokeApiKey` sends `NOTIFY relief_api_keys` in its transaction, and
 * every pool on the database (every server process) LISTENs and forgets all its keys when one
 * arrives. Until the subscription is confirmed, and again after it was lost and re-established,
 * nothing is cached. Entries also expire after `API_KEY_CACHE_MS`: the backstop for a subscription
 * that dropped silently, or a key revoked by hand in SQL (which sends no notification).
 *
 * A read that started before a notification cannot store its (possibly stale) answer after it:
 * `put` takes the generation read before the query and is ignored when a clear happened since.
 */
import type { SqlClient } from './sql/sql-client.js';

/** The channel revocations are announced on. */
export const API_KEY_CHANNEL = 'relief_api_keys';

/** How long a verified key is trusted without asking the database again. */
export const API_KEY_CACHE_MS = 5_000;

/** More keys than this in one process: start over rather than grow. */
const MAX_ENTRIES = 10_000;

/** The cache of one pool. */
export interface ApiKeyCache<T> {
  /** The record verified less than `API_KEY_CACHE_MS` ago, if any. */
  get(hash: string): T | undefined;
  /** Taken before the database is asked; hand it back to `put`. */
  readonly generation: number;
  /** Remember a record read from the database after `generation` was taken. */
  put(hash: string, value: T, generation: number): void;
  /** Forget every key (a revocation). */
  clear(): void;
  /** Resolves once this pool has received the notification `payload`, or after `timeoutMs`. */
  heard(payload: string, timeoutMs: number): Promise<void>;
}

const caches = new WeakMap<SqlClient, ApiKeyCache<unknown>>();

/** The cache of `client` (a pool), subscribing on first use. */
export function apiKeyCacheOf<T>(client: SqlClient): ApiKeyCache<T> {
  let cache = caches.get(client);
  if (!cache) {
    cache = createApiKeyCache(client);
    caches.set(client, cache);
  }
  return cache as ApiKeyCache<T>;
}

function createApiKeyCache<T>(client: SqlClient): ApiKeyCache<T> {
  const entries = new Map<string, { value: T; until: number }>();
  const waiting = new Map<string, (() => void)[]>();
  let generation = 0;
  let trusted = false;
  const clear = () => {
    generation++;
    entries.clear();
  };
  const onNotify = (payload: string) => {
    clear();
    for (const resolve of waiting.get(payload) ?? []) resolve();
    waiting.delete(payload);
  };
  const onListen = () => {
    // (Re)subscribed: anything revoked while the subscription was down went unheard.
    clear();
    trusted = true;
  };
  // `RELIEF_KEY_CACHE=off`: every request asks the database (for comparison, or distrust).
  if (client.listen && process.env.RELIEF_KEY_CACHE !== 'off')
    client.listen(API_KEY_CHANNEL, onNotify, onListen).catch(() => {
      trusted = false;
      clear();
    });
  return {
    get(hash) {
      const entry = entries.get(hash);
      if (!entry) return undefined;
      if (entry.until > performance.now()) return entry.value;
      entries.delete(hash);
      return undefined;
    },
    get generation() {
      return generation;
    },
    put(hash, value, seenGeneration) {
      if (!trusted || seenGeneration !== generation) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(hash, { value, until: performance.now() + API_KEY_CACHE_MS });
    },
    clear,
    heard(payload, timeoutMs) {
      if (!trusted) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const list = waiting.get(payload);
          if (list?.includes(done)) list.splice(list.indexOf(done), 1);
          resolve();
        }, timeoutMs);
        timer.unref();
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const list = waiting.get(payload) ?? [];
        list.push(done);
        waiting.set(payload, list);
      });
    },
  };
}
