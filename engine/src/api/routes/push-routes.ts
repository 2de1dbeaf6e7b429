/** Web Push: the server's key, and the signed-in person's subscriptions. */
import type { PushSubscriptionCreate } from '../../contract/api-types.js';
import { ValidationFailedError } from '../../errors/engine-error.js';
import type { PushSubscriptionRecord } from '../../store/index.js';
import { createWebhookTargetPolicy } from '../../webhooks/webhook-target.js';
import type { WebhookTargetPolicy } from '../../webhooks/webhook-target.js';
import type { ApiContext } from '../api-context.js';
import type { Caller } from '../caller.js';
import { readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { PUSH_OPERATIONS } from './push-operations.js';

function toSubscriptionView(s: PushSubscriptionRecord) {
  return {
    id: s.id,
    endpoint: s.endpoint,
    lang: s.lang,
    createdAt: s.createdAt.toISOString(),
    lastSentAt: s.lastSentAt?.toISOString() ?? null,
    failures: s.failures,
    lastError: s.lastError,
  };
}

/** The person of a session (the operations are `access: 'session'`). */
function personIdOf(caller: Caller): string {
  if (!caller.person) throw new Error('push operations are for sessions');
  return caller.person.id;
}

/**
 * Why a browser's endpoint may not receive alerts, or undefined. It comes from the browser, so it
 * is held to the webhook policy; push services speak https, plain http only to an allowed target.
 */
export function pushEndpointRefusal(
  endpoint: string,
  targets: WebhookTargetPolicy,
): string | undefined {
  const refusal = targets.checkUrl(endpoint);
  if (refusal !== undefined) return refusal.replaceAll('webhook', 'push endpoint');
  const url = new URL(endpoint);
  if (url.protocol === 'http:' && !targets.explicitlyAllows(url.hostname))
    return 'a push endpoint uses https:// (plain http only to a target the operator allows in WEBHOOK_ALLOWED_TARGETS)';
  return undefined;
}

/** Handlers of the Web Push operations. */
export function pushRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof PUSH_OPERATIONS>> {
  const targets = ctx.webhookTargets ?? createWebhookTargetPolicy();
  return {
    async getPushKey(c) {
      const { publicKey } = await ctx.store.pushKeyPair();
      return c.json({ publicKey });
    },
    async subscribePush(c) {
      const personId = personIdOf(c.var.caller);
      const input = await readJson<PushSubscriptionCreate>(ctx, c, 'subscribePush');
      const refusal = pushEndpointRefusal(input.endpoint, targets);
      if (refusal !== undefined)
        throw new ValidationFailedError('request body', [{ path: '/endpoint', message: refusal }]);
      const record = await ctx.store.subscribePush(personId, {
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh.replace(/=+$/, ''),
        auth: input.keys.auth.replace(/=+$/, ''),
        lang: input.lang ?? 'zh',
      });
      c.header('location', `/api/v1/push/subscriptions/${record.id}`);
      return c.json(toSubscriptionView(record), 201);
    },
    async listPushSubscriptions(c) {
      const items = await ctx.store.listPushSubscriptions(personIdOf(c.var.caller));
      return c.json({ items: items.map(toSubscriptionView) });
    },
    async unsubscribePush(c) {
      await ctx.store.unsubscribePush(personIdOf(c.var.caller), c.req.param('id') ?? '');
      return c.body(null, 204);
    },
  };
}
