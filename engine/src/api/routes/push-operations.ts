/** Operations of the API: Web Push alerts for a signed-in person's phone or browser. */
import type { OperationSpec } from '../operation-spec.js';

/** Web Push: the server's key, and the caller's subscriptions. */
export const PUSH_OPERATIONS = [
  {
    id: 'getPushKey',
    method: 'get',
    path: '/api/v1/push/key',
    tag: 'work',
    summary: "The server's VAPID public key, for the browser's push subscription",
    access: 'session',
    success: { status: 200, schema: 'push-key' },
    problems: [],
  },
  {
    id: 'subscribePush',
    method: 'post',
    path: '/api/v1/push/subscriptions',
    tag: 'work',
    summary: 'Receive alerts on this phone or browser',
    description:
      'Alerts are the `notify` messages the Notifications tab lists for you (your roles in your districts, and your cases), in `lang`. Subscribing the same endpoint again updates it; one endpoint alerts one person (the last who subscribed it). The endpoint is held to the webhook target policy: a public address, or one the operator allows in WEBHOOK_ALLOWED_TARGETS; plain http only for an allowed target. An alert is a nudge: the Notifications tab stays the record.',
    access: 'session',
    body: { schema: 'push-subscription-create', types: ['application/json'] },
    success: { status: 201, schema: 'push-subscription' },
    problems: [413, 415, 422],
  },
  {
    id: 'listPushSubscriptions',
    method: 'get',
    path: '/api/v1/push/subscriptions',
    tag: 'work',
    summary: 'Your phones and browsers that receive alerts',
    access: 'session',
    success: { status: 200, schema: 'push-subscription-list' },
    problems: [],
  },
  {
    id: 'unsubscribePush',
    method: 'delete',
    path: '/api/v1/push/subscriptions/{id}',
    tag: 'work',
    summary: 'Stop alerts on one of your phones or browsers',
    access: 'session',
    success: { status: 204, schema: null },
    problems: [404],
  },
] as const satisfies readonly OperationSpec[];
