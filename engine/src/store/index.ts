/**
 * The store layer (I/O), and its one door: `createReliefStore` gives a `ReliefStore`, whose
 * operations are the repository functions of `STORE_OPERATIONS` bound to one database and clock.
 * `api/`, `cli/`, `server/` and `webhooks/` import this file only (lint forbids deeper imports).
 * Not for the browser.
 */
export { openDatabase, databaseOptionsFromEnv, MIGRATIONS_FOLDER } from './sql/open-database.js';
export type { Database, OpenDatabaseOptions } from './sql/open-database.js';
export { dumpPgliteDir, loadPgliteDir } from './sql/pglite-archive.js';
export { createReliefStore } from './create-relief-store.js';
export type { ReliefStore } from './create-relief-store.js';
export { STORE_OPERATIONS, bindStore } from './store-operations.js';
export type { StoreOperations } from './store-operations.js';
export { databaseErrorOf } from './sql/sql-client.js';
export type { DatabaseKind, SqlClient } from './sql/sql-client.js';
export type { Caller, StoreContext } from './store-context.js';
export type { CaseRecord } from './case-record.js';
export type { AppliedEvent, ApplyOptions, EventInput } from './apply-event.js';
export type {
  CaseDetail,
  CaseListQuery,
  HistoryPageQuery,
  HistoryRecord,
  OpenCaseInput,
  OpenCaseOutcome,
} from './case-repository.js';
export {
  MAX_IMPORT_ROWS,
  MAX_LISTED_IMPORT_CASES,
  MAX_LISTED_IMPORT_ERRORS,
} from './import-cases.js';
export type {
  ImportOptions,
  ImportResult,
  ImportRow,
  ImportRowCase,
  ImportRowError,
} from './import-cases.js';
export type {
  ProgrammeChangeRecord,
  ProgrammeChange,
  ProgrammeRecord,
  ProgrammeStatus,
  StartProgrammeInput,
} from './programme-repository.js';
export type { ProgrammeStats } from './programme-stats-repository.js';
export type { ProgrammeParamsPreview } from './params-preview-repository.js';
export type {
  SavedTemplate,
  SavePrecondition,
  TemplateSummary,
  TemplateVersionRecord,
} from './template-repository.js';
export type { NextEvent } from './next-events.js';
export type { NotificationQuery, NotificationRecord } from './notification-repository.js';
export type { OutboxRecord, OutboxStatus } from './outbox-repository.js';
export type {
  NewPushSubscription,
  PushAlert,
  PushKeyPair,
  PushOutcome,
  PushSubscriptionRecord,
} from './push-repository.js';
export type { WorkItem, WorklistQuery } from './worklist-repository.js';
export type { Page } from './page-cursor.js';
export type { TimerPass, TimerScheduler, TimerSchedulerOptions } from './timer-scheduler.js';
export type { ApiKeyRecord, NewApiKey } from './api-key-repository.js';
export type {
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryStatus,
  DueDelivery,
  NewWebhook,
  WebhookRecord,
} from './webhook-repository.js';
export { webhookPayload } from './webhook-repository.js';
export type { NewPerson, PeopleQuery, PersonChange, PersonRecord } from './person-repository.js';
export { DEFAULT_SESSION_POLICY } from './session-repository.js';
export type { SessionPolicy, SessionRecord } from './session-repository.js';
export type { SignInOutcome } from './sign-in.js';
export { API_KEY_FAILURE_POLICY, SIGN_IN_FAILURE_POLICY } from './auth-failure-repository.js';
export type { FailurePolicy } from './auth-failure-repository.js';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hash.js';
export { checkDistrict, inScope } from './district-scope.js';
export { createTestDatabase, testDatabaseUrl } from './sql/create-test-database.js';
export type { TestDatabase } from './sql/create-test-database.js';
export type { WorklistPage } from './worklist-repository.js';
export type { AssigneeMatch } from './assignee-people.js';
export type {
  AccessFlag,
  CaseReader,
  CaseReadQuery,
  CaseReadRecord,
} from './access-log-repository.js';
export type { ErasureRecord, RequestErasure } from './erase-personal-data.js';
export { MigrationRefusedError, MAX_LISTED_PLANS } from './migrate-programme.js';
export type { MigrateProgrammeInput, ProgrammeMigration } from './migrate-programme.js';
