/**
 * The one place tables are declared. Migrations are generated from this file by drizzle-kit
 * (`pnpm --dir engine exec drizzle-kit generate`) into `./migrations` and never edited by hand.
 *
 * Foreign keys point at `cases` (a row the event path already holds locked) or at a parent row the
 * same transaction writes. The hot tables (notifications, outbox, timers) carry `programme_id`
 * without a foreign key on purpose: a key would take a KEY SHARE lock on the programme row for
 * every event, and many concurrent events on one programme would then churn multixacts.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

/** A template by id; its versions hold the content. */
export const templates = pgTable('templates', {
  id: text('id').primaryKey(),
  title: jsonb('title').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** One version of a template: YAML source and checked definition; immutable once published. */
export const templateVersions = pgTable(
  'template_versions',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id),
    version: integer('version').notNull(),
    source: text('source').notNull(),
    /** The checked template as JSON (`json`, not `jsonb`, so key order stays as written). */
    definition: json('definition').notNull(),
    status: text('status').notNull().default('draft'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    publishedBy: text('published_by'),
    publishedAt: at('published_at'),
    /** Why it was published, as the designer wrote it. */
    publishNote: text('publish_note'),
    /** Bumped by every save of the draft: the version's ETag, so a stale save is refused (412). */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.version] }),
    check('template_versions_status', sql`${t.status} in ('draft', 'published')`),
  ],
);

/** A template version started for one district, with its parameter values. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    district: text('district').notNull(),
    title: text('title').notNull(),
    params: jsonb('params').notNull(),
    status: text('status').notNull().default('active'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.templateId, t.templateVersion],
      foreignColumns: [templateVersions.templateId, templateVersions.version],
    }),
    check('programmes_status', sql`${t.status} in ('active', 'paused', 'closed')`),
    index('programmes_district_idx').on(t.district),
    index('programmes_template_idx').on(t.templateId, t.templateVersion),
  ],
);

/**
 * Every change of a programme's parameters, status or template version: who, when, before and after. `before` and
 * `after` hold the parameters (an object) for kind `params`, the status (a string) for `status`,
 * `{ version, … }` for `migration`.
 */
export const programmeChanges = pgTable(
  'programme_changes',
  {
    // The table was `programme_param_changes`; its identity keeps the sequence of that name
    // (drizzle-kit 0.31 cannot generate a table rename that also renames the sequence).
    id: bigint('id', { mode: 'number' })
      .primaryKey()
      .generatedAlwaysAsIdentity({ name: 'programme_param_changes_id_seq' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** Rows recorded before status changes were kept are all parameter changes, hence the default. */
    kind: text('kind').notNull().default('params'),
    changedBy: text('changed_by'),
    changedAt: at('changed_at').notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    /** Why, as the admin wrote it (pausing, closing, opening the rule during a lockdown). */
    reason: text('reason'),
  },
  (t) => [
    check('programme_changes_kind', sql`${t.kind} in ('params', 'status', 'migration')`),
    index('programme_changes_programme_idx').on(t.programmeId, t.id),
  ],
);

/** One beneficiary or request: machine state, data and version in one row. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** The caller's own reference (e.g. an import row id), unique within the programme. */
    ref: text('ref'),
    /** The state as a readable path (`enrolled.waiting`; parallel regions joined by ` + `). */
    state: text('state').notNull(),
    /** Every active state id, ancestors included, for state filters and worklists. */
    activeStates: text('active_states').array().notNull(),
    /** The XState state value. */
    value: jsonb('value').notNull(),
    data: jsonb('data').notNull(),
    /** Number of accepted events, opening included; equals the last history seq. */
    version: integer('version').notNull(),
    /**
     * The template version the case runs on when it is not its programme's: set by a migration
     * (cases moved before the programme switches, or refused and left behind). Null: the programme's.
     */
    templateVersion: integer('template_version'),
    assignee: text('assignee'),
    district: text('district').notNull(),
    done: boolean('done').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_programme_ref_idx').on(t.programmeId, t.ref),
    index('cases_programme_state_idx').on(t.programmeId, t.state),
    index('cases_programme_created_idx').on(t.programmeId, t.createdAt, t.id),
    // "Cases assigned to me" (notifications, Web Push) match the assignee as a person's id or
    // login, trimmed and lower-cased: without this index every such read scans all cases.
    index('cases_assignee_key_idx')
      .on(sql`lower(trim(${t.assignee}))`)
      .where(sql`${t.assignee} is not null`),
  ],
);

/** Append-only: every accepted event of a case, opening included (seq 1). */
export const caseHistory = pgTable(
  'case_history',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    actor: text('actor'),
    /** The sender's roles; null for the system (timers). */
    roles: text('roles').array(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: at('at').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the request under `idempotency_key`, to tell a retry from a different request. */
    requestHash: text('request_hash'),
    /** The answer given the first time, returned again on a retry with the same key. */
    result: jsonb('result'),
  },
  (t) => [
    uniqueIndex('case_history_case_seq_idx').on(t.caseId, t.seq),
    // Only keyed requests carry a key; NULLs never collide, so the partial index enforces the
    // same uniqueness without an entry per event (776 MB of NULLs at 20,000,000 rows).
    uniqueIndex('case_history_case_idempotency_idx')
      .on(t.caseId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // A programme's stats and figures count its history case by case by type and time: read
    // from this index alone, not from 20,000,000 heap rows (docs/scaling.md).
    index('case_history_case_event_at_idx').on(t.caseId, t.eventType, t.at),
  ],
);

/** Durable timers: armed on state entry, cancelled on exit, fired by the scheduler. */
export const timers = pgTable(
  'timers',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    state: text('state').notNull(),
    index: integer('idx').notNull(),
    eventType: text('event_type').notNull(),
    dueAt: at('due_at').notNull(),
    status: text('status').notNull().default('pending'),
    /** Which scheduler claimed the row and when; a claim older than the lease may be taken over. */
    claimedBy: text('claimed_by'),
    claimedAt: at('claimed_at'),
    attempts: integer('attempts').notNull().default(0),
    firedAt: at('fired_at'),
    /** Why a timer was cancelled (state exited, guard refused, …). */
    note: text('note'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('timers_status', sql`${t.status} in ('pending', 'fired', 'cancelled')`),
    index('timers_status_due_idx').on(t.status, t.dueAt),
    index('timers_case_idx').on(t.caseId, t.status),
  ],
);

/** Finite stock or funds of a programme; the database itself refuses a negative balance. */
export const ledgers = pgTable(
  'ledgers',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    name: text('name').notNull(),
    balance: numeric('balance', { precision: 18, scale: 2 }).notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.name] }),
    check('ledgers_balance_non_negative', sql`${t.balance} >= 0`),
  ],
);

/** Every movement of a ledger, opening balances included. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull(),
    ledger: text('ledger').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    /** The case history seq that moved it; null for the opening balance. */
    seq: integer('seq'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    balanceAfter: numeric('balance_after', { precision: 18, scale: 2 }).notNull(),
    actor: text('actor'),
    at: at('at').notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.programmeId, t.ledger],
      foreignColumns: [ledgers.programmeId, ledgers.name],
    }),
    index('ledger_entries_ledger_idx').on(t.programmeId, t.ledger, t.id),
  ],
);

/** Messages from `notify` actions, for a role, listed by the API. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    message: jsonb('message').notNull(),
    district: text('district').notNull(),
    at: at('at').notNull(),
    /**
     * When the Web Push sender handled it (sent to every subscribed reader, or found none); null
     * while waiting. Rows older than Web Push read `-infinity`: they were never to be pushed.
     */
    pushedAt: at('pushed_at'),
  },
  (t) => [
    index('notifications_role_idx').on(t.role, t.id),
    index('notifications_unpushed_idx')
      .on(t.id)
      .where(sql`pushed_at is null`),
  ],
);

/**
 * Who has read which notification: a message goes to a role (or to a case's assignee), so the
 * flag is per reader — a person's id, or a key's id.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    reader: text('reader').notNull(),
    readAt: at('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reader, t.notificationId] })],
);

/** Emitted events waiting for webhook delivery, written in the same transaction as the event. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: at('created_at').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: at('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    check('outbox_status', sql`${t.status} in ('pending', 'delivered', 'failed')`),
    index('outbox_status_idx').on(t.status, t.id),
  ],
);

/** API keys, stored as hashes only. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  keyHash: text('key_hash').notNull().unique(),
  label: text('label'),
  roles: text('roles').array().notNull(),
  district: text('district').notNull(),
  createdAt: at('created_at').notNull(),
  revokedAt: at('revoked_at'),
});

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
    /** Data fields the deliveries carry; null: every field without a personal-data mark. */
    fields: text('fields').array(),
    /** The admin who granted marked (personal) fields in `fields`, and when; null: none granted. */
    grantedBy: text('granted_by'),
    grantedAt: at('granted_at'),
  },
  (t) => [index('webhooks_district_idx').on(t.district)],
);

/**
 * Erasures of personal data: a case's marked fields removed from its data and its history payloads,
 * by the retention job (`retention`) or at a resident's request served by an admin (`request`).
 * Counts and figures stay: the case, its state and its history rows remain.
 */
export const caseErasures = pgTable(
  'case_erasures',
  {
    id: id(),
    caseId: uuid('case_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    /** The data fields removed. */
    fields: text('fields').array().notNull(),
    reason: text('reason').notNull(),
    actor: text('actor'),
    /** Why, in the admin's words, for an erasure at a resident's request (e.g. the request's date and form). */
    note: text('note'),
    at: at('at').notNull(),
  },
  (t) => [
    index('case_erasures_case_idx').on(t.caseId),
    check('case_erasures_reason', sql`${t.reason} in ('retention', 'request')`),
  ],
);

/**
 * The access log: every read of a case's data by a person or a key — who, when, and through which
 * endpoint or screen. Append-only like the history (a trigger refuses UPDATE, DELETE, TRUNCATE).
 */
export const caseReads = pgTable(
  'case_reads',
  {
    id: id(),
    caseId: uuid('case_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    district: text('district').notNull(),
    /** Key id or person id. */
    reader: text('reader').notNull(),
    readerKind: text('reader_kind').notNull(),
    /** The operation (`getCase`, `listCases`, `getWorklist`, `getCaseHistory`, …) that read it. */
    via: text('via').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    index('case_reads_case_idx').on(t.caseId, t.at),
    index('case_reads_reader_idx').on(t.reader, t.at),
    check('case_reads_reader_kind', sql`${t.readerKind} in ('person', 'key')`),
  ],
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

/**
 * People who sign in to the web app (admins, cadres, volunteers): roles and a district scope like a
 * key's. `login` (a phone number or a username, lower-cased) is unique across districts because
 * sign-in names nothing else. Only an argon2id hash of the password is kept.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    district: text('district').notNull(),
    disabledAt: at('disabled_at'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    passwordChangedAt: at('password_changed_at').notNull(),
  },
  (t) => [uniqueIndex('people_login_idx').on(t.login), index('people_district_idx').on(t.district)],
);

/**
 * Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored, so a copy of
 * the table signs nobody in. A session ends when revoked, idle too long or past its absolute end.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** Sent back in `X-CSRF-Token` with every unsafe request the cookie authenticates. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_idx').on(t.tokenHash),
    index('sessions_person_idx').on(t.personId),
  ],
);

/**
 * Failed authentication attempts by subject (`login:<login>`, …) within a window, and the lock
 * they led to. Kept in the database so every server process counts the same failures.
 */
export const authFailures = pgTable('auth_failures', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: at('window_started_at').notNull(),
  lockedUntil: at('locked_until'),
});

/**
 * The server's VAPID key pair for Web Push: one row, made at the first need and shared by every
 * server process on the database, so a phone's subscription works whichever process sends.
 */
export const pushKeys = pgTable(
  'push_keys',
  {
    id: integer('id').primaryKey(),
    publicKey: text('public_key').notNull(),
    privateKey: text('private_key').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [check('push_keys_single_row', sql`${t.id} = 1`)],
);

/**
 * A person's phone or browser that asked for alerts: the push service's endpoint and the keys
 * that encrypt for it (RFC 8291). One row per endpoint; a browser that subscribes again for
 * another person moves the row to them.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** The language the alerts are written in (the app's language when subscribing). */
    lang: text('lang').notNull(),
    createdAt: at('created_at').notNull(),
    lastSentAt: at('last_sent_at'),
    /** Failed sends since the last success; the push service's 404/410 removes the row instead. */
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpoint),
    index('push_subscriptions_person_idx').on(t.personId),
  ],
);
