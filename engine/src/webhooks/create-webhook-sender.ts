/**
 * The webhook sender: a loop that fans the outbox out to subscriptions and posts due deliveries,
 * signed, with retries and backoff. Any number of server processes may run one; claims keep them
 * from sending the same delivery at the same time.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { DueDelivery, ReliefStore } from '../store/index.js';
import { DEFAULT_RETRY_POLICY, retryDelay } from './retry-delay.js';
import type { RetryPolicy } from './retry-delay.js';
import { SIGNATURE_HEADER, signWebhook } from './sign-webhook.js';
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

/** A delivery the target policy refused: not retried. */
class TargetRefused extends Error {
  override name = 'TargetRefused';
}

function systemResolve(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/**
 * A `lookup` for `net.connect` that resolves, checks every address against the policy and hands
 * the checked addresses to the socket, so the connection goes to an address that was checked
 * (a name that resolves inward, now or after a DNS change, is refused).
 */
function checkedLookup(
  policy: WebhookTargetPolicy,
  resolve: (host: string) => Promise<LookupAddress[]>,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refusal = addresses
          .map((a) => policy.checkAddress(hostname, a.address))
          .find((r) => r !== undefined);
        if (refusal !== undefined || addresses.length === 0) {
          callback(new TargetRefused(refusal ?? `${hostname} has no address`), '', 0);
          return;
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (options.all) callback(null, usable);
        else if (usable[0]) callback(null, usable[0].address, usable[0].family);
        else callback(new TargetRefused(`${hostname} has no IPv${wanted} address`), '', 0);
      },
      (error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };
}

/** POST `body` and resolve to the receiver's status; the receiver's body is never read. */
function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  lookup: LookupFunction,
  timeoutMs: number,
): Promise<number> {
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup,
    agent: false,
    signal: AbortSignal.timeout(timeoutMs),
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, options, (res: IncomingMessage) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A delivery error as the log shows it: the cause's code, never the receiver's answer. */
function describeError(cause: unknown): string {
  if (cause instanceof TargetRefused) return `refused: ${cause.message}`;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    if (cause.name === 'AbortError' || cause.name === 'TimeoutError') return 'timed out';
    return typeof code === 'string'
      ? `${code}: ${cause.message}`
      : `${cause.name}: ${cause.message}`;
  }
  return String(cause);
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
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

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

  async function run(): Promise<void> {
    while (running) {
      let posted = 0;
      try {
        posted = await runOnce();
      } catch (error) {
        options.onError?.(error);
      }
      if (posted === 0 && running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
