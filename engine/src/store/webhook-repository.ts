/**
 * Webhook subscriptions and deliveries. Emitted events reach the `outbox` in the event's own
 * transaction; `dispatchOutbox` fans each one out into a delivery row per matching subscription,
 * and senders claim due deliveries with `FOR UPDATE SKIP LOCKED`, so several server processes on
 * one database deliver each event once per webhook (at least once: a crash mid-send resends).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
import { checkDistrict, inScope, scopeCondition } from './district-scope.js';
import { isUuid } from './is-uuid.js';
import { pageLimit, toPage } from './page-cursor.js';
import type { Page } from './page-cursor.js';
import type { Row } from './sql/sql-client.js';
import { jsonb, textArray } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';
import { compiledTemplate } from './template-repository.js';
import { dataMarks, projectRecord } from '../template/privacy-marks.js';

/** A subscription (never its secret, which is shown once at creation). */
export interface WebhookRecord {
  id: string;
  url: string;
  events: string[];
  district: string;
  programmeId: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  /** Data fields the deliveries carry; null: every field without a personal-data mark. */
  fields: string[] | null;
  /** The admin who granted the marked fields among `fields`; null: none granted. */
  grantedBy: string | null;
  grantedAt: Date | null;
}

/** What a subscription is created with. */
export interface NewWebhook {
  url: string;
  events?: readonly string[] | undefined;
  /** Defaults to the caller's scope ('' when the caller sees every district). */
  district?: string | undefined;
  programmeId?: string | undefined;
  description?: string | undefined;
  /** Data fields the deliveries carry (absent: every unmarked field). */
  fields?: readonly string[] | undefined;
  /** The caller is an admin granting the marked fields among `fields` (recorded on the row). */
  grant?: boolean | undefined;
}

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt to deliver. */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

/** One event for one webhook, with its attempts. */
export interface DeliveryRecord {
  id: number;
  webhookId: string;
  outboxId: number;
  event: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  log: DeliveryAttempt[];
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A claimed delivery and where to send it. */
export interface DueDelivery extends DeliveryRecord {
  url: string;
  secret: string;
}

const WEBHOOK_COLUMNS = sql.raw(
  'w.id, w.url, w.events, w.district, w.programme_id, w.description, w.created_by, w.created_at, w.disabled_at, w.fields, w.granted_by, w.granted_at',
);
const DELIVERY_COLUMNS = sql.raw(
  'd.id, d.webhook_id, d.outbox_id, d.event, d.payload, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.log, d.created_at, d.delivered_at',
);

function toWebhook(row: Row): WebhookRecord {
  return {
    id: row.id as string,
    url: row.url as string,
    events: row.events as string[],
    district: row.district as string,
    programmeId: row.programme_id as string | null,
    description: row.description as string | null,
    createdBy: row.created_by as string | null,
    createdAt: row.created_at as Date,
    disabledAt: row.disabled_at as Date | null,
    fields: row.fields as string[] | null,
    grantedBy: row.granted_by as string | null,
    grantedAt: row.granted_at as Date | null,
  };
}

function toDelivery(row: Row): DeliveryRecord {
  return {
    id: toNumber(row.id),
    webhookId: row.webhook_id as string,
    outboxId: toNumber(row.outbox_id),
    event: row.event as string,
    payload: row.payload as Record<string, unknown>,
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as Date,
    lastStatus: row.last_status as number | null,
    lastError: row.last_error as string | null,
    log: row.log as DeliveryAttempt[],
    createdAt: row.created_at as Date,
    deliveredAt: row.delivered_at as Date | null,
  };
}

/** Subscribe a URL; returns the record and the signing secret (shown this once). */
export async function createWebhook(
  ctx: StoreContext,
  input: NewWebhook,
  caller: Caller,
): Promise<{ record: WebhookRecord; secret: string }> {
  const scope = caller.scope ?? '';
  const district = input.district === undefined ? scope : checkDistrict(input.district);
  if (!inScope(district, caller.scope)) throw new NotFoundError('district', district);
  if (input.programmeId !== undefined) {
    const [programme] = isUuid(input.programmeId)
      ? await ctx.sql.query<{ district: string }>(
          sql`select district from programmes where id = ${input.programmeId}`,
        )
      : [];
    if (!programme || !inScope(programme.district, district))
      throw new NotFoundError('programme', input.programmeId);
  }
  const secret = 'whsec_' + randomBytes(24).toString('base64url');
  const granted = input.grant === true && input.fields !== undefined;
  const [row] = await ctx.sql.query(sql`
    insert into webhooks as w (id, url, secret, events, district, programme_id, description, created_by, created_at,
                               fields, granted_by, granted_at)
    values (${randomUUID()}, ${input.url}, ${secret}, ${textArray(input.events ?? [])}, ${district},
            ${input.programmeId ?? null}, ${input.description ?? null}, ${caller.actorId}, ${ctx.clock.now()},
            ${input.fields === undefined ? null : textArray(input.fields)}::text[],
            ${granted ? caller.actorId : null}, ${granted ? ctx.clock.now() : null})
    returning ${WEBHOOK_COLUMNS}`);
  return { record: toWebhook(row!), secret };
}

/** One webhook whose district lies in the caller's scope. */
export async function getWebhook(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<WebhookRecord> {
  const [row] = isUuid(id)
    ? await ctx.sql.query(sql`select ${WEBHOOK_COLUMNS} from webhooks w where w.id = ${id}`)
    : [];
  if (!row || !inScope(row.district as string, scope)) throw new NotFoundError('webhook', id);
  return toWebhook(row);
}

/** Webhooks in the caller's scope, newest first. */
export async function listWebhooks(ctx: StoreContext, scope?: string): Promise<WebhookRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${WEBHOOK_COLUMNS} from webhooks w where ${scopeCondition(sql`w.district`, scope)}
    order by w.created_at desc, w.id`);
  return rows.map(toWebhook);
}

/** Stop delivering to a webhook; pending deliveries are given up. Disabling twice is harmless. */
export async function disableWebhook(
  ctx: StoreContext,
  id: string,
  scope?: string,
): Promise<WebhookRecord> {
  const found = await getWebhook(ctx, id, scope);
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const [row] = await tx.query(sql`
      update webhooks w set disabled_at = coalesce(disabled_at, ${now}) where w.id = ${found.id}
      returning ${WEBHOOK_COLUMNS}`);
    await tx.query(sql`
      update webhook_deliveries set status = 'failed', last_error = 'webhook disabled'
      where webhook_id = ${found.id} and status = 'pending'`);
    return toWebhook(row!);
  });
}

/** A webhook's deliveries, newest first, a page at a time. */
export async function listDeliveries(
  ctx: StoreContext,
  webhookId: string,
  query: {
    scope?: string | undefined;
    status?: DeliveryStatus | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  } = {},
): Promise<Page<DeliveryRecord>> {
  await getWebhook(ctx, webhookId, query.scope);
  const limit = pageLimit(query.limit);
  const before = query.cursor !== undefined && /^\d+$/.test(query.cursor) ? query.cursor : null;
  const rows = await ctx.sql.query(sql`
    select ${DELIVERY_COLUMNS} from webhook_deliveries d
    where d.webhook_id = ${webhookId}
      ${query.status === undefined ? sql`` : sql`and d.status = ${query.status}`}
      ${before === null ? sql`` : sql`and d.id < ${before}::bigint`}
    order by d.id desc limit ${limit + 1}`);
  return toPage(rows.map(toDelivery), limit, (last) => String(last.id));
}

/**
 * Fan pending outbox rows out into deliveries, one per matching live webhook, and mark the rows
 * delivered (handed to the webhooks). Returns how many outbox rows were taken.
 */
export async function dispatchOutbox(ctx: StoreContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  return ctx.sql.transaction(async (tx) => {
    const taken = await tx.query<{ id: unknown }>(sql`
      select id from outbox where status = 'pending' order by id limit ${limit} for update skip locked`);
    if (taken.length === 0) return 0;
    const ids = taken.map((row) => String(toNumber(row.id)));
    const pairs = await tx.query(sql`
      select w.id as webhook_id, o.id as outbox_id, o.name, o.payload, w.fields, w.granted_by,
             p.template_id, p.template_version
      from outbox o join programmes p on p.id = o.programme_id
      join webhooks w on w.disabled_at is null
        and (w.district = '' or p.district = w.district or starts_with(p.district, w.district || '/'))
        and (w.programme_id is null or w.programme_id = o.programme_id)
        and (cardinality(w.events) = 0 or o.name = any(w.events))
      where o.id = any(${textArray(ids)}::bigint[])`);
    for (const pair of pairs) {
      const compiled = await compiledTemplate(
        ctx,
        pair.template_id as string,
        Number(pair.template_version),
      );
      const payload = webhookPayload(
        dataMarks(compiled.template),
        pair.payload as Record<string, unknown>,
        pair.fields as string[] | null,
        pair.granted_by !== null,
      );
      await tx.query(sql`
        insert into webhook_deliveries (webhook_id, outbox_id, event, payload, next_attempt_at, created_at)
        values (${pair.webhook_id as string}, ${toNumber(pair.outbox_id)}, ${pair.name as string},
                ${jsonb(payload)}, ${now}, ${now})
        on conflict (webhook_id, outbox_id) do nothing`);
    }
    await tx.query(sql`
      update outbox set status = 'delivered', delivered_at = ${now}
      where id = any(${textArray(ids)}::bigint[])`);
    return taken.length;
  });
}

/** Claim up to `limit` due deliveries for `leaseMs`; another sender skips them meanwhile. */
export async function claimDueDeliveries(
  ctx: StoreContext,
  limit: number,
  leaseMs: number,
): Promise<DueDelivery[]> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + leaseMs);
  const rows = await ctx.sql.query(sql`
    with due as (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now}
        and (claimed_until is null or claimed_until < ${now})
      order by next_attempt_at, id limit ${limit} for update skip locked)
    update webhook_deliveries d set claimed_until = ${until}
    from due, webhooks w
    where d.id = due.id and w.id = d.webhook_id
    returning ${DELIVERY_COLUMNS}, w.url, w.secret`);
  return rows.map((row) => ({
    ...toDelivery(row),
    url: row.url as string,
    secret: row.secret as string,
  }));
}

/** Record one attempt: delivered, retried at `retryAt`, or given up when `retryAt` is null. */
export async function recordDeliveryAttempt(
  ctx: StoreContext,
  id: number,
  attempt: DeliveryAttempt & { ok: boolean },
  retryAt: Date | null,
): Promise<void> {
  const now = ctx.clock.now();
  const entry = { at: attempt.at, status: attempt.status, error: attempt.error, ms: attempt.ms };
  const status: DeliveryStatus = attempt.ok ? 'delivered' : retryAt === null ? 'failed' : 'pending';
  await ctx.sql.query(sql`
    update webhook_deliveries set status = ${status}, attempts = attempts + 1,
      last_status = ${attempt.status}, last_error = ${attempt.error}, claimed_until = null,
      next_attempt_at = ${retryAt ?? now}, delivered_at = ${attempt.ok ? now : null},
      log = log || ${jsonb([entry])}
    where id = ${id}`);
}

/**
 * An emitted event as one subscription receives it: its `data` holds the subscription's `fields`
 * (every field when it names none) less the fields marked as personal, unless an admin granted them.
 */
export function webhookPayload(
  marks: ReturnType<typeof dataMarks>,
  payload: Record<string, unknown>,
  fields: readonly string[] | null,
  granted: boolean,
): Record<string, unknown> {
  const data = payload.data;
  if (data === null || typeof data !== 'object') return payload;
  const seen = projectRecord(marks, data as Record<string, unknown>, {
    roles: ['integrator'],
    all: granted,
  });
  const named =
    fields === null
      ? seen
      : Object.fromEntries(Object.entries(seen).filter(([name]) => fields.includes(name)));
  return { ...payload, data: named };
}
