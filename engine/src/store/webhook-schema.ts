/**
 * Webhook subscriptions and their deliveries. Declared apart from `schema.ts` (with their own
 * drizzle-kit config and migration folder, `drizzle-webhooks.config.ts`) so the API could add them
 * while the core schema was being written; they belong in `schema.ts` once both settle.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A URL subscribed to emitted events of the programmes in one district scope. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    url: text('url').notNull(),
    /** Shared secret for the HMAC-SHA256 signature; shown once when the webhook is created. */
    secret: text('secret').notNull(),
    /** Event names to deliver (`meal.delivered`); empty means every event. */
    events: text('events').array().notNull(),
    /** Only events of programmes in this district or below; empty means every district. */
    district: text('district').notNull(),
    /** Only events of this programme, if set. */
    programmeId: uuid('programme_id'),
    description: text('description'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    disabledAt: at('disabled_at'),
  },
  (t) => [index('webhooks_district_idx').on(t.district)],
);

/** One emitted event to deliver to one webhook: its state, retry schedule and attempt log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    /** The `outbox` row delivered (no foreign key: the outbox belongs to the event path). */
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** A sender holds the row until this time; a crashed sender's claim simply runs out. */
    claimedUntil: at('claimed_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    /** Every attempt: `{ at, status, error, ms }`. */
    log: jsonb('log')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'delivered', 'failed')`),
    uniqueIndex('webhook_deliveries_once_idx').on(t.webhookId, t.outboxId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  ],
);
