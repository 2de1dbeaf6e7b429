/**
 * The webhook sender: a loop that fans the outbox out to subscriptions and posts due deliveries,
 * signed, with retries and backoff. Any number of server processes may run one; claims keep them
 * from sending the same delivery at the same time.
 */
import type { LookupAddress } from 'node:dns';
import type { DueDelivery, ReliefStore } from '../store/index.js';
import {
  TargetRefused,
  checkedLookup,
  describeError,
  postOnce,
  systemResolve,
} from './checked-post.js';
import { DEFAULT_RETRY_POLICY, retryDelay } from './retry-delay.js';
import type { RetryPolicy } from './retry-delay.js';
import { SIGNATURE_HEADER, signWebhook } from './sign-webhook.js';
import { createPollingLoop } from './polling-loop.js';
import { createWebhookTargetPolicy } from './webhook-target.js';
import type { WebhookTargetPolicy } from './webhook-target.js';

/** How the sender runs. */
export interface WebhookSenderOptions {
  /** Pause between rounds when there was nothing to do (ms, default 500). */
  intervalMs?: number | undefined;
  /** Deliveries posted at once per round (default 16). */
  batch?: number | undefined;
  /** Time allowed for one POST (ms, default 10 s). */
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** Which targets may receive deliveries (default: public addresses only). */
  targets?: WebhookTargetPolicy | undefined;
  /** Resolves a host name to its addresses (default the system resolver; tests inject one). */
  resolve?: ((host: string) => Promise<LookupAddress[]>) | undefined;
  /** Reports failures of the loop itself (not of receivers, which are in the delivery log). */
  onError?: ((error: unknown) => void) | undefined;
}

/** A running sender. */
export interface WebhookSender {
  /** One round: dispatch the outbox, post what is due; resolves to the number of posts. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stop after the round in progress. */
  stop(): Promise<void>;
}

/** The JSON body a receiver gets. */
export function toWebhookBody(delivery: DueDelivery): string {
  return JSON.stringify({ deliveryId: delivery.id, ...delivery.payload });
}

/** Create a sender over the store. */
export function createWebhookSender(
  store: ReliefStore,
  options: WebhookSenderOptions = {},
): WebhookSender {
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const intervalMs = options.intervalMs ?? 500;
  const batch = options.batch ?? 16;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = options.targets ?? createWebhookTargetPolicy();
  const lookup = checkedLookup(policy, options.resolve ?? systemResolve);

  async function post(delivery: DueDelivery): Promise<void> {
    const body = toWebhookBody(delivery);
    const started = Date.now();
    const at = store.clock.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      // The URL is checked again as written (literal addresses never reach the lookup).
      const refusal = policy.checkUrl(delivery.url);
      if (refusal !== undefined) throw new TargetRefused(refusal);
      status = await postOnce(
        new URL(delivery.url),
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'relief-webhooks/1',
          'relief-event': delivery.event,
          'relief-delivery': String(delivery.id),
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(delivery.secret, body, at),
        },
        lookup,
        timeoutMs,
      );
      if (status < 200 || status >= 300) error = `receiver answered ${status}`;
    } catch (cause) {
      refused = cause instanceof TargetRefused;
      error = describeError(cause);
    }
    const ok = error === null;
    const delay = ok || refused ? null : retryDelay(delivery.attempts + 1, retry);
    await store.recordDeliveryAttempt(
      delivery.id,
      { ok, status, error, ms: Date.now() - started, at: at.toISOString() },
      delay === null ? null : new Date(store.clock.now().getTime() + delay),
    );
  }

  async function runOnce(): Promise<number> {
    while ((await store.dispatchOutbox()) > 0);
    const due = await store.claimDueDeliveries(batch, timeoutMs * 2);
    await Promise.all(due.map(post));
    return due.length;
  }

  return { runOnce, ...createPollingLoop(runOnce, intervalMs, options.onError) };
}
