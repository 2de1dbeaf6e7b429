/**
 * The API's operations by id, generated from the operation table (`engine/src/api/api-operations.ts`)
 * by `operations-to-types.ts`. Do not edit: change the table or the schema, then run
 * `UPDATE_API_TYPES=1 pnpm exec vitest run engine/src/api/openapi/api-types.test.ts`.
 */
import type {
  AccessFlagList,
  ApiKey,
  ApiKeyList,
  AssigneeChange,
  Case,
  CaseCreate,
  CaseDetail,
  CaseErasure,
  CaseErasureRequest,
  CaseExport,
  CaseList,
  CaseReadList,
  DeliveryList,
  EventRequest,
  EventResult,
  Health,
  History,
  ImportResult,
  KeyCreate,
  NotificationList,
  NotificationRead,
  NotificationReadResult,
  ParamsPreview,
  ParamsPreviewRequest,
  PasswordReset,
  Person,
  PersonCreate,
  PersonList,
  PersonPatch,
  Programme,
  ProgrammeCreate,
  ProgrammeList,
  ProgrammeMigrate,
  ProgrammeMigration,
  ProgrammePatch,
  ProgrammeStats,
  PushKey,
  PushSubscription,
  PushSubscriptionCreate,
  PushSubscriptionList,
  Session,
  SessionCreate,
  TemplateDiff,
  TemplateList,
  TemplatePublish,
  TemplateSource,
  TemplateValidation,
  TemplateVersion,
  Webhook,
  WebhookCreate,
  WebhookList,
  Worklist,
} from './api-types.js';

/** Method, path and request media types of every operation. */
export const API_ROUTES = {
  getHealth: { method: 'get', path: '/api/v1/health', bodyTypes: [] },
  getOpenApi: { method: 'get', path: '/api/v1/openapi.json', bodyTypes: [] },
  getDocs: { method: 'get', path: '/api/docs', bodyTypes: [] },
  backupDatabase: { method: 'get', path: '/api/v1/backup', bodyTypes: [] },
  validateTemplate: {
    method: 'post',
    path: '/api/v1/templates/validate',
    bodyTypes: ['application/yaml', 'application/json'],
  },
  createTemplate: {
    method: 'post',
    path: '/api/v1/templates',
    bodyTypes: ['application/yaml', 'application/json'],
  },
  listTemplates: { method: 'get', path: '/api/v1/templates', bodyTypes: [] },
  getTemplate: { method: 'get', path: '/api/v1/templates/{id}', bodyTypes: [] },
  getTemplateVersion: { method: 'get', path: '/api/v1/templates/{id}/versions/{v}', bodyTypes: [] },
  publishTemplate: {
    method: 'post',
    path: '/api/v1/templates/{id}/versions/{v}/publish',
    bodyTypes: ['application/json'],
  },
  diffTemplate: { method: 'get', path: '/api/v1/templates/{id}/diff', bodyTypes: [] },
  startProgramme: { method: 'post', path: '/api/v1/programmes', bodyTypes: ['application/json'] },
  listProgrammes: { method: 'get', path: '/api/v1/programmes', bodyTypes: [] },
  getProgramme: { method: 'get', path: '/api/v1/programmes/{id}', bodyTypes: [] },
  changeProgramme: {
    method: 'patch',
    path: '/api/v1/programmes/{id}',
    bodyTypes: ['application/json', 'application/merge-patch+json'],
  },
  migrateProgramme: {
    method: 'post',
    path: '/api/v1/programmes/{id}/migrate',
    bodyTypes: ['application/json'],
  },
  getProgrammeStats: { method: 'get', path: '/api/v1/programmes/{id}/stats', bodyTypes: [] },
  previewParams: {
    method: 'post',
    path: '/api/v1/programmes/{id}/params/preview',
    bodyTypes: ['application/json'],
  },
  openCase: {
    method: 'post',
    path: '/api/v1/programmes/{id}/cases',
    bodyTypes: ['application/json'],
  },
  importCases: {
    method: 'post',
    path: '/api/v1/programmes/{id}/cases/import',
    bodyTypes: ['text/csv', 'application/x-ndjson'],
  },
  listCases: { method: 'get', path: '/api/v1/programmes/{id}/cases', bodyTypes: [] },
  getCase: { method: 'get', path: '/api/v1/cases/{id}', bodyTypes: [] },
  sendEvent: { method: 'post', path: '/api/v1/cases/{id}/events', bodyTypes: ['application/json'] },
  getCaseHistory: { method: 'get', path: '/api/v1/cases/{id}/history', bodyTypes: [] },
  getWorklist: { method: 'get', path: '/api/v1/worklist', bodyTypes: [] },
  listNotifications: { method: 'get', path: '/api/v1/notifications', bodyTypes: [] },
  markNotificationsRead: {
    method: 'post',
    path: '/api/v1/notifications/read',
    bodyTypes: ['application/json'],
  },
  reassignCase: {
    method: 'post',
    path: '/api/v1/cases/{id}/assignee',
    bodyTypes: ['application/json'],
  },
  getPushKey: { method: 'get', path: '/api/v1/push/key', bodyTypes: [] },
  subscribePush: {
    method: 'post',
    path: '/api/v1/push/subscriptions',
    bodyTypes: ['application/json'],
  },
  listPushSubscriptions: { method: 'get', path: '/api/v1/push/subscriptions', bodyTypes: [] },
  unsubscribePush: { method: 'delete', path: '/api/v1/push/subscriptions/{id}', bodyTypes: [] },
  listCaseReads: { method: 'get', path: '/api/v1/cases/{id}/reads', bodyTypes: [] },
  listAccessLog: { method: 'get', path: '/api/v1/access-log', bodyTypes: [] },
  listAccessFlags: { method: 'get', path: '/api/v1/access-log/flags', bodyTypes: [] },
  exportCase: { method: 'get', path: '/api/v1/cases/{id}/export', bodyTypes: [] },
  printCase: { method: 'get', path: '/api/v1/cases/{id}/printout', bodyTypes: [] },
  eraseCase: {
    method: 'post',
    path: '/api/v1/cases/{id}/erasure',
    bodyTypes: ['application/json'],
  },
  createWebhook: { method: 'post', path: '/api/v1/webhooks', bodyTypes: ['application/json'] },
  listWebhooks: { method: 'get', path: '/api/v1/webhooks', bodyTypes: [] },
  deleteWebhook: { method: 'delete', path: '/api/v1/webhooks/{id}', bodyTypes: [] },
  listDeliveries: { method: 'get', path: '/api/v1/webhooks/{id}/deliveries', bodyTypes: [] },
  createKey: { method: 'post', path: '/api/v1/keys', bodyTypes: ['application/json'] },
  listKeys: { method: 'get', path: '/api/v1/keys', bodyTypes: [] },
  revokeKey: { method: 'delete', path: '/api/v1/keys/{id}', bodyTypes: [] },
  signIn: { method: 'post', path: '/api/v1/session', bodyTypes: ['application/json'] },
  getSession: { method: 'get', path: '/api/v1/session', bodyTypes: [] },
  signOut: { method: 'delete', path: '/api/v1/session', bodyTypes: [] },
  signOutEverywhere: { method: 'post', path: '/api/v1/session/sign-out-everywhere', bodyTypes: [] },
  listPeople: { method: 'get', path: '/api/v1/people', bodyTypes: [] },
  createPerson: { method: 'post', path: '/api/v1/people', bodyTypes: ['application/json'] },
  getPerson: { method: 'get', path: '/api/v1/people/{id}', bodyTypes: [] },
  changePerson: {
    method: 'patch',
    path: '/api/v1/people/{id}',
    bodyTypes: ['application/json', 'application/merge-patch+json'],
  },
  resetPassword: {
    method: 'post',
    path: '/api/v1/people/{id}/password',
    bodyTypes: ['application/json'],
  },
} as const;

/** What every operation takes (path, query, headers, body) and answers on success. */
export interface ApiOperations {
  /** GET /api/v1/health: Liveness, and which database is in use */
  getHealth: { input: Record<never, never>; response: Health };
  /** GET /api/v1/openapi.json: This OpenAPI 3.1 document */
  getOpenApi: { input: Record<never, never>; response: Record<string, unknown> };
  /** GET /api/docs: A reference page for people, built from this document */
  getDocs: { input: { query?: { lang?: 'zh' | 'en' } }; response: string };
  /** GET /api/v1/backup: A backup of the embedded database (PGlite) as a gzipped archive: the owner key only */
  backupDatabase: { input: Record<never, never>; response: string };
  /** POST /api/v1/templates/validate: Check a template source without storing it */
  validateTemplate: {
    input: { body: string | TemplateSource; contentType?: 'application/yaml' | 'application/json' };
    response: TemplateValidation;
  };
  /** POST /api/v1/templates: Store a template version as a draft */
  createTemplate: {
    input: {
      headers?: { 'If-Match'?: string; 'If-None-Match'?: '*' };
      body: string | TemplateSource;
      contentType?: 'application/yaml' | 'application/json';
    };
    response: TemplateVersion;
  };
  /** GET /api/v1/templates: Every template with its latest and published versions */
  listTemplates: { input: Record<never, never>; response: TemplateList };
  /** GET /api/v1/templates/{id}: The latest version of a template, and the list of its versions */
  getTemplate: { input: { path: { id: string } }; response: TemplateVersion };
  /** GET /api/v1/templates/{id}/versions/{v}: One version: YAML source and checked definition */
  getTemplateVersion: { input: { path: { id: string; v: number } }; response: TemplateVersion };
  /** POST /api/v1/templates/{id}/versions/{v}/publish: Freeze a version so programmes can start from it (publishing twice is harmless) */
  publishTemplate: {
    input: { path: { id: string; v: number }; body: TemplatePublish };
    response: TemplateVersion;
  };
  /** GET /api/v1/templates/{id}/diff: Semantic diff of two versions, with the verdict for running cases */
  diffTemplate: {
    input: { path: { id: string }; query?: { from?: number; to?: number } };
    response: TemplateDiff;
  };
  /** POST /api/v1/programmes: Start a programme from a published template version */
  startProgramme: { input: { body: ProgrammeCreate }; response: Programme };
  /** GET /api/v1/programmes: Programmes in your districts, newest first */
  listProgrammes: {
    input: {
      query?: { district?: string; template?: string; status?: 'active' | 'paused' | 'closed' };
    };
    response: ProgrammeList;
  };
  /** GET /api/v1/programmes/{id}: A programme with its ledger balances and parameter changes */
  getProgramme: { input: { path: { id: string } }; response: Programme };
  /** PATCH /api/v1/programmes/{id}: Change parameters (recorded) or status (`active`, `paused`, `closed`) */
  changeProgramme: { input: { path: { id: string }; body: ProgrammePatch }; response: Programme };
  /** POST /api/v1/programmes/{id}/migrate: Move the running cases to a newer published version (dry run first) */
  migrateProgramme: {
    input: { path: { id: string }; body: ProgrammeMigrate };
    response: ProgrammeMigration;
  };
  /** GET /api/v1/programmes/{id}/stats: Cases by state, accepted events by type and day, ledger balances */
  getProgrammeStats: {
    input: { path: { id: string }; query?: { tz?: string } };
    response: ProgrammeStats;
  };
  /** POST /api/v1/programmes/{id}/params/preview: Preview a parameter change: which next transitions and timers of open cases it alters */
  previewParams: {
    input: { path: { id: string }; query?: { limit?: number }; body: ParamsPreviewRequest };
    response: ParamsPreview;
  };
  /** POST /api/v1/programmes/{id}/cases: Open a case */
  openCase: { input: { path: { id: string }; body: CaseCreate }; response: Case };
  /** POST /api/v1/programmes/{id}/cases/import: Open many cases from CSV or NDJSON */
  importCases: {
    input: {
      path: { id: string };
      query?: { dryRun?: boolean; dedupe?: 'ref' };
      body: string;
      contentType?: 'text/csv' | 'application/x-ndjson';
    };
    response: ImportResult;
  };
  /** GET /api/v1/programmes/{id}/cases: A programme's cases, oldest first, a page at a time */
  listCases: {
    input: {
      path: { id: string };
      query?: {
        state?: string;
        assignee?: string;
        text?: string;
        district?: string;
        cursor?: string;
        limit?: number;
      };
    };
    response: CaseList;
  };
  /** GET /api/v1/cases/{id}: A case, and the events you may send it now with their forms */
  getCase: { input: { path: { id: string } }; response: CaseDetail };
  /** POST /api/v1/cases/{id}/events: Send an event to a case */
  sendEvent: {
    input: {
      path: { id: string };
      headers?: { 'Idempotency-Key'?: string; 'If-Match'?: string };
      body: EventRequest;
    };
    response: EventResult;
  };
  /** GET /api/v1/cases/{id}/history: Every accepted event of a case: seq, type, payload, actor, from, to, time */
  getCaseHistory: {
    input: { path: { id: string }; query?: { cursor?: string; limit?: number } };
    response: History;
  };
  /** GET /api/v1/worklist: Open cases waiting on you: yours first, then by deadline, then longest waiting */
  getWorklist: {
    input: {
      query?: {
        programme?: string;
        state?: string;
        q?: string;
        since?: string;
        cursor?: string;
        limit?: number;
      };
    };
    response: Worklist;
  };
  /** GET /api/v1/notifications: Messages from `notify` actions for your roles and your cases, newest first */
  listNotifications: {
    input: {
      query?: {
        programme?: string;
        case?: string;
        unread?: boolean;
        cursor?: string;
        limit?: number;
      };
    };
    response: NotificationList;
  };
  /** POST /api/v1/notifications/read: Mark notifications read (or unread again) for you */
  markNotificationsRead: { input: { body: NotificationRead }; response: NotificationReadResult };
  /** POST /api/v1/cases/{id}/assignee: Reassign a case to a person (admins) */
  reassignCase: {
    input: { path: { id: string }; headers?: { 'If-Match'?: string }; body: AssigneeChange };
    response: CaseDetail;
  };
  /** GET /api/v1/push/key: The server's VAPID public key, for the browser's push subscription */
  getPushKey: { input: Record<never, never>; response: PushKey };
  /** POST /api/v1/push/subscriptions: Receive alerts on this phone or browser */
  subscribePush: { input: { body: PushSubscriptionCreate }; response: PushSubscription };
  /** GET /api/v1/push/subscriptions: Your phones and browsers that receive alerts */
  listPushSubscriptions: { input: Record<never, never>; response: PushSubscriptionList };
  /** DELETE /api/v1/push/subscriptions/{id}: Stop alerts on one of your phones or browsers */
  unsubscribePush: { input: { path: { id: string } }; response: undefined };
  /** GET /api/v1/cases/{id}/reads: Who read this case, when, and through which endpoint, newest first */
  listCaseReads: {
    input: { path: { id: string }; query?: { cursor?: string; limit?: number } };
    response: CaseReadList;
  };
  /** GET /api/v1/access-log: Case reads in your districts, newest first, by reader or programme */
  listAccessLog: {
    input: { query?: { reader?: string; programme?: string; cursor?: string; limit?: number } };
    response: CaseReadList;
  };
  /** GET /api/v1/access-log/flags: Readers who read more than `threshold` cases of one programme within `window` minutes */
  listAccessFlags: {
    input: { query?: { threshold?: number; window?: number; since?: string } };
    response: AccessFlagList;
  };
  /** GET /api/v1/cases/{id}/export: A copy of one case for the resident it is about, as a JSON file */
  exportCase: { input: { path: { id: string } }; response: CaseExport };
  /** GET /api/v1/cases/{id}/printout: The same copy as a printable page (HTML) in Chinese or English, to hand to the resident */
  printCase: {
    input: { path: { id: string }; query?: { lang?: 'zh' | 'en'; tz?: string } };
    response: string;
  };
  /** POST /api/v1/cases/{id}/erasure: Erase one ended case's personal data at the resident's request */
  eraseCase: { input: { path: { id: string }; body: CaseErasureRequest }; response: CaseErasure };
  /** POST /api/v1/webhooks: Subscribe a URL to emitted events */
  createWebhook: { input: { body: WebhookCreate }; response: Webhook };
  /** GET /api/v1/webhooks: Webhooks in your districts */
  listWebhooks: { input: Record<never, never>; response: WebhookList };
  /** DELETE /api/v1/webhooks/{id}: Stop delivering to a webhook (its delivery log is kept) */
  deleteWebhook: { input: { path: { id: string } }; response: Webhook };
  /** GET /api/v1/webhooks/{id}/deliveries: The delivery log of a webhook, newest first, with every attempt */
  listDeliveries: {
    input: {
      path: { id: string };
      query?: { status?: 'pending' | 'delivered' | 'failed'; cursor?: string; limit?: number };
    };
    response: DeliveryList;
  };
  /** POST /api/v1/keys: Create an API key (shown once) */
  createKey: { input: { body: KeyCreate }; response: ApiKey };
  /** GET /api/v1/keys: API keys in your districts */
  listKeys: { input: Record<never, never>; response: ApiKeyList };
  /** DELETE /api/v1/keys/{id}: Revoke an API key */
  revokeKey: { input: { path: { id: string } }; response: ApiKey };
  /** POST /api/v1/session: Sign in with a login and password */
  signIn: { input: { body: SessionCreate }; response: Session };
  /** GET /api/v1/session: The person signed in with this session cookie, and its CSRF token */
  getSession: { input: Record<never, never>; response: Session };
  /** DELETE /api/v1/session: Sign out: end this session and clear its cookie */
  signOut: { input: Record<never, never>; response: undefined };
  /** POST /api/v1/session/sign-out-everywhere: End every session of the person signed in, on every device */
  signOutEverywhere: { input: Record<never, never>; response: undefined };
  /** GET /api/v1/people: People in your districts, oldest first, a page at a time */
  listPeople: {
    input: {
      query?: { district?: string; role?: string; text?: string; cursor?: string; limit?: number };
    };
    response: PersonList;
  };
  /** POST /api/v1/people: Create a person who signs in (an admin, cadre or volunteer) */
  createPerson: { input: { body: PersonCreate }; response: Person };
  /** GET /api/v1/people/{id}: A person */
  getPerson: { input: { path: { id: string } }; response: Person };
  /** PATCH /api/v1/people/{id}: Change a person: display name, roles, district, or disable (ends their sessions) */
  changePerson: { input: { path: { id: string }; body: PersonPatch }; response: Person };
  /** POST /api/v1/people/{id}/password: Set a person's password (an admin's reset); every session of theirs ends */
  resetPassword: { input: { path: { id: string }; body: PasswordReset }; response: undefined };
}

/** The id of an operation (`operationId` in the OpenAPI document). */
export type ApiOperationId = keyof ApiOperations;
