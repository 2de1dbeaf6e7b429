/** The store layer (I/O): database, durable runtime, timer scheduler. Not for the browser. */
export { openDatabase, databaseOptionsFromEnv, MIGRATIONS_FOLDER } from './sql/open-database.js';
export type { Database, OpenDatabaseOptions } from './sql/open-database.js';
export { createReliefStore } from './create-relief-store.js';
export type { ReliefStore } from './create-relief-store.js';
export type { DatabaseKind, SqlClient } from './sql/sql-client.js';
export type { Caller, StoreContext } from './store-context.js';
export type { CaseRecord } from './case-record.js';
export type { AppliedEvent, ApplyOptions, EventInput } from './apply-event.js';
export type {
  CaseListQuery,
  HistoryPageQuery,
  HistoryRecord,
  OpenCaseInput,
  OpenCaseOutcome,
} from './case-repository.js';
export type {
  ProgrammeChangeRecord,
  ProgrammeChange,
  ProgrammeRecord,
  ProgrammeStatus,
  StartProgrammeInput,
} from './programme-repository.js';
export type { ProgrammeStats } from './programme-stats-repository.js';
export type {
  SavedTemplate,
  TemplateSummary,
  TemplateVersionRecord,
} from './template-repository.js';
export type { NextEvent } from './next-events.js';
export type { NotificationQuery, NotificationRecord } from './notification-repository.js';
export type { OutboxRecord, OutboxStatus } from './outbox-repository.js';
export type { WorkItem, WorklistQuery } from './worklist-repository.js';
export type { Page } from './page-cursor.js';
export type { TimerPass, TimerScheduler, TimerSchedulerOptions } from './timer-scheduler.js';
export type { ApiKeyRecord, NewApiKey } from './api-key-repository.js';
export { checkDistrict, inScope } from './district-scope.js';
export { createTestDatabase, testDatabaseUrl } from './sql/create-test-database.js';
export type { TestDatabase } from './sql/create-test-database.js';
