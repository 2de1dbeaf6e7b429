/**
 * The durable runtime as one object: templates, programmes, cases, events, timers, keys. Each
 * method is a thin binding of a repository function to one database and one clock; several stores
 * may share a database (every process, or every simulated clock in a test).
 */
import type { CompiledTemplate } from '../compile/compile-template.js';
import { systemClock } from '../runtime/clock.js';
import type { Clock } from '../runtime/clock.js';
import {
  createApiKey,
  createOwnerKeyIfNone,
  findApiKey,
  listApiKeys,
  revokeApiKey,
} from './api-key-repository.js';
import type { ApiKeyRecord, NewApiKey } from './api-key-repository.js';
import { applyEvent } from './apply-event.js';
import type { AppliedEvent, ApplyOptions, EventInput } from './apply-event.js';
import { caseHistory, caseHistoryPage, getCase, listCases, openCase } from './case-repository.js';
import { openCases } from './open-cases.js';
import type {
  CaseListQuery,
  HistoryPageQuery,
  HistoryRecord,
  OpenCaseInput,
  OpenCaseOutcome,
} from './case-repository.js';
import type { CaseRecord } from './case-record.js';
import { nextEvents } from './next-events.js';
import type { NextEvent } from './next-events.js';
import { listNotifications } from './notification-repository.js';
import type { NotificationQuery, NotificationRecord } from './notification-repository.js';
import { listOutbox, markOutbox } from './outbox-repository.js';
import type { OutboxRecord, OutboxStatus } from './outbox-repository.js';
import type { Page } from './page-cursor.js';
import {
  changeProgramme,
  getProgramme,
  ledgerBalances,
  listProgrammeChanges,
  listProgrammes,
  startProgramme,
} from './programme-repository.js';
import type {
  ProgrammeChangeRecord,
  ProgrammeChange,
  ProgrammeRecord,
  ProgrammeStatus,
  StartProgrammeInput,
} from './programme-repository.js';
import { programmeStats } from './programme-stats-repository.js';
import type { ProgrammeStats } from './programme-stats-repository.js';
import type { DatabaseKind, SqlClient } from './sql/sql-client.js';
import type { Caller, StoreContext } from './store-context.js';
import { createTemplateCache } from './template-cache.js';
import {
  getTemplateVersion,
  listTemplates,
  listTemplateVersions,
  publishTemplate,
  saveTemplate,
} from './template-repository.js';
import type {
  SavedTemplate,
  TemplateSummary,
  TemplateVersionRecord,
} from './template-repository.js';
import { nextTimerDue, pendingTimers } from './timer-repository.js';
import { createTimerScheduler } from './timer-scheduler.js';
import type { TimerScheduler, TimerSchedulerOptions } from './timer-scheduler.js';
import { worklist } from './worklist-repository.js';
import type { WorkItem, WorklistQuery } from './worklist-repository.js';

/** The durable runtime's operations. `scope` is the caller's district; outside it is not found. */
export interface ReliefStore {
  readonly kind: DatabaseKind;
  readonly clock: Clock;

  saveTemplate(source: string, caller: Caller): Promise<SavedTemplate>;
  publishTemplate(
    templateId: string,
    version: number,
    caller: Caller,
  ): Promise<TemplateVersionRecord>;
  getTemplateVersion(templateId: string, version?: number): Promise<TemplateVersionRecord>;
  listTemplateVersions(templateId: string): Promise<TemplateVersionRecord[]>;
  listTemplates(): Promise<TemplateSummary[]>;
  compiledTemplate(templateId: string, version: number): Promise<CompiledTemplate>;

  startProgramme(input: StartProgrammeInput, caller: Caller): Promise<ProgrammeRecord>;
  getProgramme(programmeId: string, scope?: string): Promise<ProgrammeRecord>;
  listProgrammes(filter?: {
    scope?: string;
    templateId?: string;
    status?: ProgrammeStatus;
  }): Promise<ProgrammeRecord[]>;
  changeProgramme(
    programmeId: string,
    change: ProgrammeChange,
    caller: Caller,
  ): Promise<ProgrammeRecord>;
  listProgrammeChanges(programmeId: string, scope?: string): Promise<ProgrammeChangeRecord[]>;
  ledgerBalances(programmeId: string, scope?: string): Promise<Record<string, number>>;
  programmeStats(
    programmeId: string,
    options?: { scope?: string; timeZone?: string },
  ): Promise<ProgrammeStats>;

  openCase(programmeId: string, input: OpenCaseInput, caller: Caller): Promise<CaseRecord>;
  openCases(
    programmeId: string,
    inputs: readonly OpenCaseInput[],
    caller: Caller,
  ): Promise<OpenCaseOutcome[]>;
  getCase(caseId: string, scope?: string): Promise<CaseRecord>;
  /** Events the case accepts now; with `roles`, only those the caller may send. */
  nextEvents(record: CaseRecord, roles?: readonly string[]): Promise<NextEvent[]>;
  listCases(programmeId: string, query?: CaseListQuery): Promise<Page<CaseRecord>>;
  caseHistory(caseId: string, scope?: string): Promise<HistoryRecord[]>;
  /** The history a page at a time (keyset on `seq`), as `GET /cases/{id}/history` serves it. */
  caseHistoryPage(caseId: string, query?: HistoryPageQuery): Promise<Page<HistoryRecord>>;
  applyEvent(caseId: string, event: EventInput, options: ApplyOptions): Promise<AppliedEvent>;
  worklist(query: WorklistQuery): Promise<Page<WorkItem>>;
  listNotifications(query?: NotificationQuery): Promise<Page<NotificationRecord>>;
  listOutbox(query?: {
    programmeId?: string;
    status?: OutboxStatus;
    cursor?: string;
    limit?: number;
  }): Promise<Page<OutboxRecord>>;
  markOutbox(
    id: number,
    outcome: { delivered: true } | { delivered: false; error: string; final?: boolean },
  ): Promise<void>;

  createTimerScheduler(options?: TimerSchedulerOptions): TimerScheduler;
  nextTimerDue(filter?: { programmeId?: string }): Promise<Date | null>;
  pendingTimers(
    caseId: string,
  ): Promise<{ state: string; index: number; eventType: string; dueAt: Date }[]>;

  /** A new key: the record, and the key itself, shown this once. */
  createApiKey(input: NewApiKey): Promise<{ record: ApiKeyRecord; key: string }>;
  /** The owner key when no key exists yet (first start), else undefined. */
  createOwnerKeyIfNone(): Promise<{ record: ApiKeyRecord; key: string } | undefined>;
  findApiKey(key: string): Promise<ApiKeyRecord | undefined>;
  revokeApiKey(id: string, scope?: string): Promise<ApiKeyRecord>;
  listApiKeys(scope?: string): Promise<ApiKeyRecord[]>;

  /** The database, clock and template cache the store runs on (for the webhook sender and the like). */
  readonly context: StoreContext;
}

/** A store over an open database (see `openDatabase`); the clock defaults to the system's. */
export function createReliefStore(
  database: { kind: DatabaseKind; sql: SqlClient },
  options: { clock?: Clock } = {},
): ReliefStore {
  const ctx: StoreContext = {
    sql: database.sql,
    clock: options.clock ?? systemClock,
    templates: createTemplateCache(),
  };
  return {
    kind: database.kind,
    clock: ctx.clock,
    saveTemplate: (source, caller) => saveTemplate(ctx, source, caller),
    publishTemplate: (templateId, version, caller) =>
      publishTemplate(ctx, templateId, version, caller),
    getTemplateVersion: (templateId, version) => getTemplateVersion(ctx, templateId, version),
    listTemplateVersions: (templateId) => listTemplateVersions(ctx, templateId),
    listTemplates: () => listTemplates(ctx),
    compiledTemplate: (templateId, version) => ctx.templates.compiled(templateId, version, ctx.sql),
    startProgramme: (input, caller) => startProgramme(ctx, input, caller),
    getProgramme: (programmeId, scope) => getProgramme(ctx, programmeId, scope),
    listProgrammes: (filter) => listProgrammes(ctx, filter),
    changeProgramme: (programmeId, change, caller) =>
      changeProgramme(ctx, programmeId, change, caller),
    listProgrammeChanges: (programmeId, scope) => listProgrammeChanges(ctx, programmeId, scope),
    ledgerBalances: (programmeId, scope) => ledgerBalances(ctx, programmeId, scope),
    programmeStats: (programmeId, options) => programmeStats(ctx, programmeId, options),
    openCase: (programmeId, input, caller) => openCase(ctx, programmeId, input, caller),
    openCases: (programmeId, inputs, caller) => openCases(ctx, programmeId, inputs, caller),
    getCase: (caseId, scope) => getCase(ctx, caseId, scope),
    nextEvents: async (record, roles) => {
      const programme = await getProgramme(ctx, record.programmeId);
      return nextEvents(
        await ctx.templates.compiled(programme.templateId, programme.templateVersion, ctx.sql),
        record,
        roles,
      );
    },
    listCases: (programmeId, query) => listCases(ctx, programmeId, query),
    caseHistory: (caseId, scope) => caseHistory(ctx, caseId, scope),
    caseHistoryPage: (caseId, query) => caseHistoryPage(ctx, caseId, query),
    applyEvent: (caseId, event, options) => applyEvent(ctx, caseId, event, options),
    worklist: (query) => worklist(ctx, query),
    listNotifications: (query) => listNotifications(ctx, query),
    listOutbox: (query) => listOutbox(ctx, query),
    markOutbox: (id, outcome) => markOutbox(ctx, id, outcome),
    createTimerScheduler: (options) => createTimerScheduler(ctx, options),
    nextTimerDue: (filter) => nextTimerDue(ctx, filter),
    pendingTimers: (caseId) => pendingTimers(ctx, caseId),
    createApiKey: (input) => createApiKey(ctx, input),
    createOwnerKeyIfNone: () => createOwnerKeyIfNone(ctx),
    findApiKey: (key) => findApiKey(ctx, key),
    revokeApiKey: (id, scope) => revokeApiKey(ctx, id, scope),
    listApiKeys: (scope) => listApiKeys(ctx, scope),
    context: ctx,
  };
}
