/**
 * Every operation of the durable runtime, as the repository function that does it. Each takes the
 * store's context first; `bindStore` binds them all to one context, so `ReliefStore` is derived
 * from this table and never restates a signature. Adding an operation is one function and one
 * entry here. The TSDoc of each operation is on its function.
 */
import {
  createApiKey,
  createOwnerKeyIfNone,
  findApiKey,
  getApiKey,
  listApiKeys,
  revokeApiKey,
} from './api-key-repository.js';
import { accessFlags, listCaseReads, recordCaseReads } from './access-log-repository.js';
import { applyEvent } from './apply-event.js';
import { caseExport } from './case-export.js';
import { applyRetention, caseErasures, erasePersonalData } from './erase-personal-data.js';
import { clearFailures, lockedUntil, recordFailure } from './auth-failure-repository.js';
import {
  caseDetail,
  caseHistory,
  caseStateTitle,
  caseHistoryPage,
  getCase,
  listCases,
  openCase,
} from './case-repository.js';
import { importCases } from './import-cases.js';
import { migrateProgramme } from './migrate-programme.js';
import { caseNextEvents } from './next-events.js';
import {
  countUnread,
  listNotifications,
  markNotificationsRead,
} from './notification-repository.js';
import {
  claimPushAlerts,
  listPushSubscriptions,
  pushKeyPair,
  recordPushOutcome,
  subscribePush,
  unsubscribePush,
} from './push-repository.js';
import { reassignCase } from './reassign-case.js';
import { openCases } from './open-cases.js';
import { listOutbox, markOutbox } from './outbox-repository.js';
import { previewProgrammeParams } from './params-preview-repository.js';
import {
  createPerson,
  findPersonForSignIn,
  getPerson,
  listPeople,
  setPassword,
  updatePerson,
} from './person-repository.js';
import { pingDatabase } from './ping-database.js';
import {
  changeProgramme,
  getProgramme,
  ledgerBalances,
  listProgrammeChanges,
  listProgrammes,
  startProgramme,
} from './programme-repository.js';
import { programmeStats } from './programme-stats-repository.js';
import {
  createSession,
  findSession,
  revokeAllSessions,
  revokeSession,
} from './session-repository.js';
import { programmeRoleTitles } from './role-titles.js';
import { signIn } from './sign-in.js';
import type { StoreContext } from './store-context.js';
import {
  compiledTemplate,
  getTemplateVersion,
  listTemplateVersions,
  listTemplates,
  publishTemplate,
  saveTemplate,
} from './template-repository.js';
import { nextTimerDue, pendingTimers } from './timer-repository.js';
import { createTimerScheduler } from './timer-scheduler.js';
import {
  claimDueDeliveries,
  createWebhook,
  disableWebhook,
  dispatchOutbox,
  getWebhook,
  listDeliveries,
  listWebhooks,
  recordDeliveryAttempt,
} from './webhook-repository.js';
import { visibleCase } from './visible-case.js';
import { worklist } from './worklist-repository.js';

/** A repository function: the store's context, then its own arguments. */
type StoreOperation = (ctx: StoreContext, ...args: never[]) => unknown;

/** The store's operations by name. */
export const STORE_OPERATIONS = {
  // templates
  saveTemplate,
  publishTemplate,
  getTemplateVersion,
  listTemplateVersions,
  listTemplates,
  compiledTemplate,
  // programmes
  startProgramme,
  getProgramme,
  listProgrammes,
  changeProgramme,
  migrateProgramme,
  listProgrammeChanges,
  ledgerBalances,
  programmeStats,
  previewProgrammeParams,
  // cases and events
  openCase,
  openCases,
  importCases,
  getCase,
  caseDetail,
  caseStateTitle,
  nextEvents: caseNextEvents,
  listCases,
  caseHistory,
  caseHistoryPage,
  visibleCase,
  applyEvent,
  // the access log
  recordCaseReads,
  listCaseReads,
  accessFlags,
  // retention and erasure
  erasePersonalData,
  caseErasures,
  caseExport,
  applyRetention,
  // what waits on people
  worklist,
  reassignCase,
  listNotifications,
  markNotificationsRead,
  countUnread,
  // Web Push
  pushKeyPair,
  subscribePush,
  listPushSubscriptions,
  unsubscribePush,
  claimPushAlerts,
  recordPushOutcome,
  // outbox, webhooks
  listOutbox,
  markOutbox,
  createWebhook,
  getWebhook,
  listWebhooks,
  disableWebhook,
  listDeliveries,
  dispatchOutbox,
  claimDueDeliveries,
  recordDeliveryAttempt,
  // timers
  createTimerScheduler,
  nextTimerDue,
  pendingTimers,
  // API keys
  createApiKey,
  createOwnerKeyIfNone,
  findApiKey,
  getApiKey,
  revokeApiKey,
  listApiKeys,
  // people, sessions, sign-in failures
  createPerson,
  getPerson,
  programmeRoleTitles,
  findPersonForSignIn,
  listPeople,
  updatePerson,
  setPassword,
  signIn,
  createSession,
  findSession,
  revokeSession,
  revokeAllSessions,
  lockedUntil,
  recordFailure,
  clearFailures,
  // health
  pingDatabase,
} satisfies Record<string, StoreOperation>;

/** An operation with its context bound: the same arguments, less the first. */
type Bound<F> = F extends (ctx: StoreContext, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/** The store's operations, bound to one context. */
export type StoreOperations = {
  readonly [K in keyof typeof STORE_OPERATIONS]: Bound<(typeof STORE_OPERATIONS)[K]>;
};

/** Every operation of `STORE_OPERATIONS`, bound to `ctx`. */
export function bindStore(ctx: StoreContext): StoreOperations {
  const entries = Object.entries(STORE_OPERATIONS) as [string, StoreOperation][];
  return Object.fromEntries(
    entries.map(([name, operation]) => [name, (...args: never[]) => operation(ctx, ...args)]),
  ) as StoreOperations;
}
