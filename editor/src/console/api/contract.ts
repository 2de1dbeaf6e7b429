/**
 * The API's request and response types, as generated for server and web app alike. One import
 * site, so the console follows the contract when it moves.
 */
export type {
  ApiKey,
  ApiKeyList,
  Case,
  CaseDetail,
  CaseList,
  DeliveryList,
  History,
  ImportResult,
  KeyCreate,
  NextEvent,
  Programme,
  ProgrammeCreate,
  ProgrammeList,
  ProgrammePatch,
  ProgrammeStats,
  TemplateList,
  TemplateSummary,
  TemplateVersion,
  Webhook,
  WebhookCreate,
  WebhookList,
} from '@relief/engine/contract';

/** A person who signs in (`GET /api/v1/session`). */
export interface Person {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  district: string;
  disabled: boolean;
}

/** The answer to signing in, and to asking who is signed in. */
export interface SessionAnswer {
  person: Person;
  csrfToken?: string;
  /** Titles of the person's programme roles (`committee` → 居委会). */
  roleTitles?: Record<string, { zh: string; en: string } | string>;
}

/** People in the caller's districts. */
export interface PersonList {
  items: Person[];
}

/** What a parameter change would do (`POST /programmes/{id}/params/preview`). */
export interface ParamsPreview {
  summary: {
    casesExamined: number;
    casesAffected: number;
    byTransition: {
      state: string;
      event: string;
      from: string | null;
      to: string | null;
      count: number;
    }[];
    timersChanged: number;
  };
  /** Open cases whose next steps would change (up to `limit`; the summary counts them all). */
  cases: {
    caseId: string;
    ref: string | null;
    state: string;
    changes: {
      kind: 'event' | 'timer';
      state: string;
      event?: string;
      /** Where it leads now and would lead; null: refused (no guard holds). */
      from: string | null;
      to: string | null;
      dueAt?: string;
    }[];
  }[];
  truncated?: boolean;
}

/** A recorded change of a programme, as the server with people and reasons reports it. */
export interface RecordedChange {
  changedByName?: string | null;
  reason?: string | null;
}
