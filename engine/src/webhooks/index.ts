/** Webhook delivery: signing, backoff, and the sender loop over the store's outbox. */
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER } from './sign-webhook.js';
export { retryDelay, DEFAULT_RETRY_POLICY } from './retry-delay.js';
export type { RetryPolicy } from './retry-delay.js';
export { createWebhookSender, toWebhookBody } from './create-webhook-sender.js';
export type { WebhookSender, WebhookSenderOptions } from './create-webhook-sender.js';
export { createWebhookTargetPolicy, parseAllowedTargets } from './webhook-target.js';
export type { WebhookTargetPolicy } from './webhook-target.js';
