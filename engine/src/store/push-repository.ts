/**
 * Web Push: the server's VAPID key pair, people's subscriptions, and the alerts waiting to be
 * pushed. An alert is a nudge to open the Work area; the notification row stays the record. Each
 * notification is claimed once (`pushed_at` set in the claiming statement, `FOR UPDATE SKIP
 * LOCKED`), so several server processes never push it twice; a crash between claim and send
 * loses that nudge, never the message, which the Notifications tab still lists.
 */
import { createECDH, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/engine-error.js';
import { isUuid } from './is-uuid.js';
import type { StoreContext } from './store-context.js';
import { toNumber } from './sql/to-number.js';

/** The public half of the server's VAPID key (base64url of the uncompressed P-256 point). */
export interface PushKeyPair {
  publicKey: string;
  privateKey: string;
}

/** What a browser's `PushSubscription.toJSON()` gives, and the language alerts are written in. */
export interface NewPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  lang: 'zh' | 'en';
}

/** A subscription as its owner sees it (never the keys). */
export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  lang: 'zh' | 'en';
  createdAt: Date;
  lastSentAt: Date | null;
  failures: number;
  lastError: string | null;
}

/** One alert to send: a notification and one subscription of a person who reads it. */
export interface PushAlert {
  notificationId: number;
  caseId: string;
  programmeTitle: string;
  message: unknown;
  subscription: { id: string; endpoint: string; p256dh: string; auth: string; lang: 'zh' | 'en' };
}

/** How a send ended, for the subscription's record. */
export type PushOutcome =
  | { kind: 'sent' }
  /** The push service says the subscription is gone (404/410): the row is removed. */
  | { kind: 'gone' }
  | { kind: 'failed'; error: string };

/** The key pair, made on first use; concurrent first uses on several processes agree on one. */
export async function pushKeyPair(ctx: StoreContext): Promise<PushKeyPair> {
  const [found] = await ctx.sql.query(
    sql`select public_key, private_key from push_keys where id = 1`,
  );
  if (found)
    return { publicKey: found.public_key as string, privateKey: found.private_key as string };
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  await ctx.sql.query(sql`
    insert into push_keys (id, public_key, private_key, created_at)
    values (1, ${ecdh.getPublicKey('base64url')}, ${ecdh.getPrivateKey('base64url')}, ${ctx.clock.now()})
    on conflict (id) do nothing`);
  return pushKeyPair(ctx);
}

const SUBSCRIPTION_COLUMNS = sql`id, endpoint, lang, created_at, last_sent_at, failures, last_error`;

function toSubscription(row: Record<string, unknown>): PushSubscriptionRecord {
  return {
    id: row.id as string,
    endpoint: row.endpoint as string,
    lang: row.lang === 'en' ? 'en' : 'zh',
    createdAt: row.created_at as Date,
    lastSentAt: (row.last_sent_at as Date | null) ?? null,
    failures: toNumber(row.failures),
    lastError: (row.last_error as string | null) ?? null,
  };
}

/**
 * Keep a person's subscription. Subscribing the same endpoint again (a reload, a new language, or
 * another person signing in on the same phone) updates the one row: a phone alerts one person.
 */
export async function subscribePush(
  ctx: StoreContext,
  personId: string,
  input: NewPushSubscription,
): Promise<PushSubscriptionRecord> {
  const [row] = await ctx.sql.query(sql`
    insert into push_subscriptions (id, person_id, endpoint, p256dh, auth, lang, created_at)
    values (${randomUUID()}, ${personId}, ${input.endpoint}, ${input.p256dh}, ${input.auth},
      ${input.lang}, ${ctx.clock.now()})
    on conflict (endpoint) do update set person_id = excluded.person_id, p256dh = excluded.p256dh,
      auth = excluded.auth, lang = excluded.lang, failures = 0, last_error = null
    returning ${SUBSCRIPTION_COLUMNS}`);
  return toSubscription(row!);
}

/** A person's subscriptions, newest first. */
export async function listPushSubscriptions(
  ctx: StoreContext,
  personId: string,
): Promise<PushSubscriptionRecord[]> {
  const rows = await ctx.sql.query(sql`
    select ${SUBSCRIPTION_COLUMNS} from push_subscriptions
    where person_id = ${personId} order by created_at desc, id limit 100`);
  return rows.map(toSubscription);
}

/** Remove one of a person's subscriptions; another person's, or none, is NotFoundError. */
export async function unsubscribePush(
  ctx: StoreContext,
  personId: string,
  id: string,
): Promise<void> {
  const rows = isUuid(id)
    ? await ctx.sql.query(sql`
        delete from push_subscriptions where id = ${id} and person_id = ${personId} returning id`)
    : [];
  if (rows.length === 0) throw new NotFoundError('push subscription', id);
}

/**
 * Claim up to `limit` notifications not yet pushed and list, for each, the subscriptions of the
 * people who read it: an active person whose district covers the notification's and who holds
 * its role, or to whom its case is assigned (by id or login, as the Notifications tab matches).
 * The claim and the reading of recipients are one statement, so nothing is claimed without them.
 */
export async function claimPushAlerts(
  ctx: StoreContext,
  limit: number,
): Promise<{ claimed: number; alerts: PushAlert[] }> {
  const rows = await ctx.sql.query(sql`
    with claimed as (
      update notifications n set pushed_at = ${ctx.clock.now()}
      where n.id in (
        select id from notifications where pushed_at is null
        order by id limit ${limit} for update skip locked)
      returning n.id, n.case_id, n.programme_id, n.role, n.message, n.district),
    recipients as (
      select c.id as notification_id, c.case_id, c.message, g.title as programme_title,
        s.id as subscription_id, s.endpoint, s.p256dh, s.auth, s.lang
      from claimed c
      join cases k on k.id = c.case_id
      join programmes g on g.id = c.programme_id
      cross join push_subscriptions s
      join people p on p.id = s.person_id
      where p.disabled_at is null
        and (p.district = '' or c.district = p.district or starts_with(c.district, p.district || '/'))
        and (c.role = any(p.roles) or lower(trim(k.assignee)) in (p.id::text, p.login)))
    select (select count(*) from claimed) as claimed, r.*
    from (select 1) as one left join recipients r on true
    order by r.notification_id, r.subscription_id`);
  const alerts = rows
    .filter((row) => row.subscription_id !== null)
    .map((row) => ({
      notificationId: toNumber(row.notification_id),
      caseId: row.case_id as string,
      programmeTitle: row.programme_title as string,
      message: row.message,
      subscription: {
        id: row.subscription_id as string,
        endpoint: row.endpoint as string,
        p256dh: row.p256dh as string,
        auth: row.auth as string,
        lang: row.lang === 'en' ? ('en' as const) : ('zh' as const),
      },
    }));
  return { claimed: toNumber(rows[0]?.claimed ?? 0), alerts };
}

/** Record how a send to one subscription ended. */
export async function recordPushOutcome(
  ctx: StoreContext,
  subscriptionId: string,
  outcome: PushOutcome,
): Promise<void> {
  if (outcome.kind === 'gone')
    await ctx.sql.query(sql`delete from push_subscriptions where id = ${subscriptionId}`);
  else if (outcome.kind === 'sent')
    await ctx.sql.query(sql`
      update push_subscriptions set last_sent_at = ${ctx.clock.now()}, failures = 0, last_error = null
      where id = ${subscriptionId}`);
  else
    await ctx.sql.query(sql`
      update push_subscriptions set failures = failures + 1, last_error = ${outcome.error.slice(0, 300)}
      where id = ${subscriptionId}`);
}
