/**
 * Alerts on this phone (Web Push): subscribe with the server's VAPID key, hand the subscription to
 * the server, or stop. The service worker (`public/sw.js`) shows each alert and opens its case on a
 * tap. Where the browser offers no push (an old phone, a browser in private mode, no push service
 * reachable) the Notifications tab still lists every message: an alert is only a nudge.
 */
import { ApiProblem } from '../api/api-problem.js';
import { api } from '../shell/session-store.js';

/** Where alerts stand on this phone. */
export type PushStatus =
  /** The browser has no Web Push (or the page is not a secure context). */
  | 'unsupported'
  /** The person has blocked notifications for this site in the browser. */
  | 'blocked'
  | 'off'
  | 'on';

const SUBSCRIPTION_ID = 'relief.push.subscription';

function supported(): boolean {
  return (
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** The current status, from the browser's own records. */
export async function pushStatus(): Promise<PushStatus> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  return subscription !== null && localStorage.getItem(SUBSCRIPTION_ID) !== null ? 'on' : 'off';
}

/** A subscription failed; `reason` says why in words the phone's owner can act on. */
export class PushUnavailable extends Error {
  constructor(readonly reason: 'blocked' | 'no-service') {
    super(reason);
  }
}

/** Ask the browser, subscribe, and give the subscription to the server (in `lang`). */
export async function enablePush(lang: 'zh' | 'en'): Promise<void> {
  if (!supported()) throw new PushUnavailable('no-service');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushUnavailable('blocked');
  const { publicKey } = await api.call('getPushKey', {});
  const registration = await navigator.serviceWorker.ready;
  let subscription: PushSubscription;
  try {
    subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromBase64Url(publicKey),
      }));
  } catch {
    // The browser could not reach its push service (or has none): nothing to give the server.
    throw new PushUnavailable('no-service');
  }
  const json = subscription.toJSON();
  const kept = await api.call('subscribePush', {
    body: {
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      lang,
    },
  });
  localStorage.setItem(SUBSCRIPTION_ID, kept.id);
}

/** Stop alerts on this phone: at the server first, then in the browser. */
export async function disablePush(): Promise<void> {
  const id = localStorage.getItem(SUBSCRIPTION_ID);
  if (id !== null)
    await api.call('unsubscribePush', { path: { id } }).catch((error: unknown) => {
      // Already gone at the server (a push service dropped it): nothing left to stop there.
      if (!(error instanceof ApiProblem && error.status === 404)) throw error;
    });
  localStorage.removeItem(SUBSCRIPTION_ID);
  if (!supported()) return;
  const registration = await navigator.serviceWorker.ready;
  await (await registration.pushManager.getSubscription())?.unsubscribe();
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
