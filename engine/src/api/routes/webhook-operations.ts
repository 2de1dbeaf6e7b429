/** Operations of the API: webhook subscriptions and their deliveries. */
import { CURSOR_PARAMETER, LIMIT_PARAMETER } from '../operation-spec.js';
import type { OperationSpec } from '../operation-spec.js';

/** Webhook subscriptions and their deliveries. */
export const WEBHOOK_OPERATIONS = [
  {
    id: 'createWebhook',
    method: 'post',
    path: '/api/v1/webhooks',
    tag: 'webhooks',
    summary: 'Subscribe a URL to emitted events',
    description:
      'Each event is POSTed as JSON with `Relief-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`, `Relief-Event` and `Relief-Delivery` headers. Any 2xx answer counts as delivered; anything else is retried with exponential backoff. The secret is returned once, here.',
    access: ['admin', 'integrator'],
    body: { schema: 'webhook-create', types: ['application/json'] },
    success: { status: 201, schema: 'webhook' },
    problems: [403, 404, 413, 415, 422],
  },
  {
    id: 'listWebhooks',
    method: 'get',
    path: '/api/v1/webhooks',
    tag: 'webhooks',
    summary: 'Webhooks in your districts',
    access: ['admin', 'integrator', 'auditor'],
    success: { status: 200, schema: 'webhook-list' },
    problems: [403],
  },
  {
    id: 'deleteWebhook',
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    tag: 'webhooks',
    summary: 'Stop delivering to a webhook (its delivery log is kept)',
    access: ['admin', 'integrator'],
    success: { status: 200, schema: 'webhook' },
    problems: [403, 404],
  },
  {
    id: 'listDeliveries',
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    tag: 'webhooks',
    summary: 'The delivery log of a webhook, newest first, with every attempt',
    access: ['admin', 'integrator', 'auditor'],
    parameters: [
      {
        name: 'status',
        in: 'query',
        description: 'Only deliveries with this status.',
        schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
      },
      CURSOR_PARAMETER,
      LIMIT_PARAMETER,
    ],
    success: { status: 200, schema: 'delivery-list' },
    problems: [403, 404],
  },
] as const satisfies readonly OperationSpec[];
