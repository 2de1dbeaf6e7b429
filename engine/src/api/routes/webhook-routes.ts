/** Webhooks: subscribe, list, disable, and read the delivery log. */
import type { DeliveryStatus, WebhookRecord } from '../../store/index.js';
import type { WebhookCreate } from '../../contract/api-types.js';
import type { ApiContext } from '../api-context.js';
import { toStoreCaller } from '../caller.js';
import { HttpProblem } from '../http-problem.js';
import { queryEnum, queryInt, queryValue, readJson } from '../request-input.js';
import type { IdsOf, RouteTable } from '../route-table.js';
import type { WEBHOOK_OPERATIONS } from './webhook-operations.js';
import { ValidationFailedError } from '../../errors/engine-error.js';
import { createWebhookTargetPolicy } from '../../webhooks/webhook-target.js';

function toWebhookView(w: WebhookRecord) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    district: w.district,
    programmeId: w.programmeId,
    description: w.description,
    createdAt: w.createdAt,
    disabledAt: w.disabledAt,
    fields: w.fields,
    grantedBy: w.grantedBy,
    grantedAt: w.grantedAt,
  };
}

/** Handlers of the webhook operations. */
export function webhookRoutes(ctx: ApiContext): RouteTable<IdsOf<typeof WEBHOOK_OPERATIONS>> {
  const targets = ctx.webhookTargets ?? createWebhookTargetPolicy();
  return {
    async createWebhook(c) {
      const input = await readJson<WebhookCreate>(ctx, c, 'createWebhook');
      const refusal = targets.checkUrl(input.url);
      if (refusal !== undefined)
        throw new ValidationFailedError('request body', [{ path: '/url', message: refusal }]);
      const caller = c.var.caller;
      const admin = caller.owner || caller.system.has('admin');
      if (input.grantPersonal === true && !admin)
        throw new HttpProblem(
          403,
          'personal-grant-needs-admin',
          'only an admin may grant personal-data fields to a webhook (grantPersonal); ask your district admin, or drop grantPersonal to receive the unmarked fields only',
        );
      if (input.grantPersonal === true && input.fields === undefined)
        throw new ValidationFailedError('request body', [
          {
            path: '/fields',
            message:
              'grantPersonal needs fields: name the personal-data fields the webhook receives',
          },
        ]);
      const { record, secret } = await ctx.store.createWebhook(
        { ...input, grant: input.grantPersonal === true },
        toStoreCaller(caller),
      );
      c.header('location', `/api/v1/webhooks/${record.id}/deliveries`);
      return c.json({ ...toWebhookView(record), secret }, 201);
    },
    async listWebhooks(c) {
      return c.json({
        items: (await ctx.store.listWebhooks(c.var.caller.scope)).map(toWebhookView),
      });
    },
    async deleteWebhook(c) {
      return c.json(
        toWebhookView(await ctx.store.disableWebhook(c.req.param('id') ?? '', c.var.caller.scope)),
      );
    },
    async listDeliveries(c) {
      const page = await ctx.store.listDeliveries(c.req.param('id') ?? '', {
        scope: c.var.caller.scope,
        status: queryEnum<DeliveryStatus>(c, 'status', ['pending', 'delivered', 'failed']),
        cursor: queryValue(c, 'cursor', 500),
        limit: queryInt(c, 'limit', 1, 500),
      });
      return c.json({
        items: page.items.map(({ webhookId: _webhookId, ...delivery }) => delivery),
        nextCursor: page.nextCursor,
      });
    },
  };
}
