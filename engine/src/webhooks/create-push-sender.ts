/**
 * The Web Push sender: a loop that claims notifications not yet pushed and sends each to the
 * subscriptions of the people who read it, encrypted for the browser (RFC 8291, aes128gcm) and
 * signed with the server's VAPID key (RFC 8292) by `web-push`. It posts through the same checked
 * path as webhooks: a subscription's endpoint comes from a browser, so it is held to the operator's
 * target policy, and a name that resolves inward is refused at connect time.
 */
import type { LookupAddress } from 'node:dns';
import webPush from 'web-push';
import type { PushAlert, PushOutcome, ReliefStore } from '../store/index.js';
import { labelText } from '../template/template.js';
import type { Label } from '../template/template.js';
import {
  TargetRefused,
  checkedLookup,
  describeError,
  postOnce,
  systemResolve,
} from './checked-post.js';
import { createPollingLoop } from './polling-loop.js';
import { createWebhookTargetPolicy } from './webhook-target.js';
import type { WebhookTargetPolicy } from './webhook-target.js';

/** How the sender runs. */
export interface PushSenderOptions {
  /** Pause between rounds when there was nothing to do (ms, default 1 s). */
  intervalMs?: number | undefined;
  /** Notifications claimed per round (default 50). */
  batch?: number | undefined;
  /** Time allowed for one POST to a push service (ms, default 10 s). */
  timeoutMs?: number | undefined;
  /** How long a push service keeps an alert for a phone that is off (s, default one day). */
  ttlSeconds?: number | undefined;
  /** The VAPID subject: who runs this server, for the push service (`mailto:` or `https:`). */
  subject?: string | undefined;
  /** Which endpoints may receive alerts (default: public addresses only). */
  targets?: WebhookTargetPolicy | undefined;
  resolve?: ((host: string) => Promise<LookupAddress[]>) | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

/** A running sender. */
export interface PushSender {
  /** One round: resolves to the number of notifications handled (0: nothing was waiting). */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** The payload the service worker shows: short, in the subscriber's language. */
export interface PushPayload {
  /** The notification's id: the phone replaces an alert with the same tag instead of stacking. */
  tag: string;
  title: string;
  body: string;
  /** Where a tap opens. */
  url: string;
}

/** Alerts hold a few hundred characters: the push service caps a payload near 4 kB. */
const MAX_BODY = 300;

/** The payload of one alert. */
export function toPushPayload(alert: PushAlert): PushPayload {
  const lang = alert.subscription.lang;
  const text = labelText(alert.message as Label, lang) ?? '';
  return {
    tag: `notification-${alert.notificationId}`,
    title: alert.programmeTitle,
    body: text.length > MAX_BODY ? `${text.slice(0, MAX_BODY - 1)}…` : text,
    url: `/work/cases/${alert.caseId}`,
  };
}

/** Create a sender over the store. */
export function createPushSender(store: ReliefStore, options: PushSenderOptions = {}): PushSender {
  const intervalMs = options.intervalMs ?? 1000;
  const batch = options.batch ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ttl = options.ttlSeconds ?? 86_400;
  const subject = options.subject ?? 'mailto:relief-operator@localhost';
  const policy = options.targets ?? createWebhookTargetPolicy();
  const lookup = checkedLookup(policy, options.resolve ?? systemResolve);

  async function send(
    alert: PushAlert,
    keys: { publicKey: string; privateKey: string },
  ): Promise<void> {
    const { subscription } = alert;
    let outcome: PushOutcome;
    try {
      const refusal = policy.checkUrl(subscription.endpoint);
      if (refusal !== undefined) throw new TargetRefused(refusal);
      const request = webPush.generateRequestDetails(
        {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        JSON.stringify(toPushPayload(alert)),
        {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: ttl,
          contentEncoding: 'aes128gcm',
        },
      );
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (name.toLowerCase() !== 'content-length') headers[name.toLowerCase()] = String(value);
      const status = await postOnce(
        new URL(subscription.endpoint),
        request.body,
        headers,
        lookup,
        timeoutMs,
      );
      outcome =
        status === 404 || status === 410
          ? { kind: 'gone' }
          : status >= 200 && status < 300
            ? { kind: 'sent' }
            : { kind: 'failed', error: `push service answered ${status}` };
    } catch (cause) {
      outcome = { kind: 'failed', error: describeError(cause) };
    }
    await store.recordPushOutcome(subscription.id, outcome);
  }

  async function runOnce(): Promise<number> {
    const { claimed, alerts } = await store.claimPushAlerts(batch);
    if (alerts.length === 0) return claimed;
    const keys = await store.pushKeyPair();
    // At most eight posts at once: a slow push service must not hold a whole round of sockets.
    for (let i = 0; i < alerts.length; i += 8)
      await Promise.all(alerts.slice(i, i + 8).map((alert) => send(alert, keys)));
    return claimed;
  }

  return { runOnce, ...createPollingLoop(runOnce, intervalMs, options.onError) };
}
