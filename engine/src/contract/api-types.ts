/**
 * Types of the API's request and response bodies, generated from `schemas/api/*.schema.json` by
 * `schemas-to-types.ts`. Do not edit: change the schema, then run
 * `UPDATE_API_TYPES=1 pnpm exec vitest run engine/src/api/openapi/api-types.test.ts`.
 */
import type { Template } from '../template/template.js';

/** Readers who read more than the threshold of distinct cases of one programme within one window, most cases first. */
export type AccessFlagList = {
  threshold: number;
  windowMinutes: number;
  since: string;
  items: {
    reader: string;
    readerKind: 'person' | 'key';
    programmeId: string;
    windowStart: string;
    cases: number;
  }[];
};

/** An API key (the key itself is never stored, only its SHA-256). */
export type ApiKey = {
  id: string;
  label: string | null;
  roles: string[];
  /** Empty means every district. */
  district: string;
  createdAt: string;
  revokedAt: string | null;
  /** The key itself: returned once, on creation. Send it as `Authorization: Bearer <key>`. */
  key?: string;
};

/** Keys in the caller's districts. */
export type ApiKeyList = {
  items: ApiKey[];
};

/** An admin's reassignment of a case: a person's id or login, or null to clear it. An assignee that names nobody in the case's district is kept and flagged. */
export type AssigneeChange = {
  assignee: string | null;
};

/** Who a case is assigned to (`assign:` or an admin's reassignment), matched against the people of its district by id or login. `person` is null when the assignee names nobody there: it is kept as written and flagged, never refused. */
export type Assignment = {
  /** As written by the template's `assign:` or the admin. */
  assignee: string;
  person: {
    id: string;
    login: string;
    displayName: string;
  } | null;
};

/** A message in Chinese and English. */
export type BilingualText = {
  zh: string;
  en: string;
};

/** One beneficiary or request in a programme. */
export type Case = {
  id: string;
  programmeId: string;
  ref: string | null;
  /** Readable state path, e.g. `enrolled.prepared`; parallel regions joined by ` + `. */
  state: string;
  /** The XState state value. */
  value: string | Record<string, unknown>;
  data: Record<string, unknown>;
  /** Accepted events so far; send it back as `If-Match`. */
  version: number;
  assignee: string | null;
  district: string;
  done: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A new case: its data (validated against the template's `data`, defaults filled) and an optional reference unique in the programme. */
export type CaseCreate = {
  data: Record<string, unknown>;
  /** Your own reference (e.g. a roster row id); a second case with the same ref is refused. */
  ref?: string;
  /** Where the case lives: the programme's district (the default) or a district path below it, e.g. a street, committee or grid (`sh/putuo/changzheng/grid-3` under a `sh/putuo` programme). Figures break down by this path. */
  district?: string;
};

/** A case with the events the caller may send next. */
export type CaseDetail = {
  id: string;
  programmeId: string;
  ref: string | null;
  /** Readable state path, e.g. `enrolled.prepared`; parallel regions joined by ` + `. */
  state: string;
  /** The XState state value. */
  value: string | Record<string, unknown>;
  data: Record<string, unknown>;
  /** Accepted events so far; send it back as `If-Match`. */
  version: number;
  assignee: string | null;
  district: string;
  done: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  template: {
    id: string;
    version: number;
  };
  nextEvents: NextEvent[];
  /** The assignee matched to a person of the district; null when the case has none. */
  assignment: Assignment | null;
  /** Title of the state the case is in now (the innermost active state that has one). */
  stateTitle: Label | null;
};

/** An erasure of one case's personal data at a resident's request. */
export type CaseErasure = {
  caseId: string;
  /** The data fields removed from the case (fields a figure reads are kept). */
  fields: string[];
  reason: 'request';
  /** The admin (person id or key id) who erased it. */
  actor: string | null;
  /** Why, as the admin recorded it. */
  note: string | null;
  at: string;
  /** True when the case had already been erased at a request: this is that erasure, and nothing new was done. */
  alreadyErased: boolean;
};

/** A resident's request to erase their personal data from one case, as the admin who serves it records it. */
export type CaseErasureRequest = {
  /** Why: who asked, when and how (e.g. "resident's written request of 2026-12-01"). Kept with the erasure. */
  note: string;
};

/** A copy of one case for the resident it is about: the data with the template's field titles and personal-data marks, every step of the history with its form fields, and the erasures. */
export type CaseExport = {
  format: 'relief-case-export/1';
  exportedAt: string;
  /** The admin (person id or key id) who exported it. */
  exportedBy: string;
  programme: {
    id: string;
    title: string;
    district: string;
    template: {
      id: string;
      version: number;
      title: BilingualText;
    };
  };
  case: {
    id: string;
    ref: string | null;
    state: string;
    stateTitle: BilingualText;
    done: boolean;
    district: string;
    assignee: string | null;
    createdAt: string;
    updatedAt: string;
    version: number;
  };
  /** Every data field of the template in its order (absent ones with a null value), then any other value the record holds. */
  data: {
    name: string;
    title: BilingualText;
    /** The template's `x-relief-sensitivity`; null: not personal data. */
    sensitivity: 'personal' | 'sensitive' | 'minor' | null;
    /** The value as stored; null when absent. */
    value: unknown;
  }[];
  history: {
    seq: number;
    type: string;
    title: BilingualText;
    from: string | null;
    to: string;
    toTitle: BilingualText;
    actor: string | null;
    roles: {
      role: string;
      title: BilingualText;
    }[];
    at: string;
    /** The form fields sent with the step that hold a value. */
    payload: {
      name: string;
      title: BilingualText;
      /** The template's `x-relief-sensitivity`; null: not personal data. */
      sensitivity: 'personal' | 'sensitive' | 'minor' | null;
      /** The value as stored; null when absent. */
      value: unknown;
    }[];
  }[];
  erasures: {
    at: string;
    reason: 'retention' | 'request';
    fields: string[];
    actor: string | null;
    note: string | null;
  }[];
};

/** A page of cases, oldest first. */
export type CaseList = {
  items: Case[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

/** Where one case goes: its new state, the data fields filled or dropped, its timers kept, cancelled or armed; or why it cannot move. */
export type CaseMigrationPlan = {
  caseId: string;
  ref: string | null;
  movable: boolean;
  fromState: string;
  toState?: string;
  /** The new state value. */
  value?: unknown;
  data?: Record<string, unknown>;
  done?: boolean;
  filled?: string[];
  dropped?: string[];
  timers?: {
    kept: TimerPlan[];
    cancelled: TimerPlan[];
    armed: TimerPlan[];
  };
  reason?: {
    code: 'state-removed' | 'data-invalid' | 'state-invalid';
    message: BilingualText;
    fields?: {
      path: string;
      message: string;
    }[];
  };
};

/** Reads of case data from the access log, newest first: who (a person or a key), when, and through which operation. */
export type CaseReadList = {
  items: {
    id: number;
    caseId: string;
    programmeId: string;
    district: string;
    /** The person id or key id that read. */
    reader: string;
    readerKind: 'person' | 'key';
    /** The API operation that read the case (`getCase`, `listCases`, `getWorklist`, `getCaseHistory`, `sendEvent`, `reassignCase`, and `exportCase`, `printCase` for a copy made at a resident's request). */
    via: string;
    at: string;
  }[];
  nextCursor: string | null;
};

/** A webhook's deliveries, newest first, each with every attempt. */
export type DeliveryList = {
  items: {
    id: number;
    event: string;
    outboxId: number;
    payload: Record<string, unknown>;
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    nextAttemptAt: string;
    lastStatus: number | null;
    lastError: string | null;
    log: {
      at: string;
      status: number | null;
      error: string | null;
      ms: number;
    }[];
    createdAt: string;
    deliveredAt: string | null;
  }[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

/** An event for a case; its payload is validated against the event's form. */
export type EventRequest = {
  type: string;
  payload?: Record<string, unknown>;
};

/** The case after an accepted event. */
export type EventResult = {
  case: Case;
  /** History sequence number of the event. */
  seq: number;
  /** True when this answers a retry with the same `Idempotency-Key`: nothing was applied again. */
  replayed: boolean;
  /** Title of the state the case is in now (the innermost active state that has one). */
  stateTitle: Label | null;
};

/** One field that failed validation, as an RFC 6901 JSON pointer into the submitted document. */
export type FieldError = {
  path: string;
  message: string;
};

/** Liveness and the database in use. */
export type Health = {
  status: 'ok';
  database: 'pglite' | 'postgres';
  version: string;
};

/** Accepted events of a case, oldest first, opening included (seq 1); a page at a time. */
export type History = {
  items: {
    seq: number;
    /** Event type; `(open)` for opening, `after:<state>:<n>` for a timer. */
    type: string;
    payload: Record<string, unknown>;
    actor: string | null;
    roles: string[] | null;
    from: string | null;
    to: string;
    at: string;
  }[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

/** What a bulk import did: counts of every row, and the first 1000 cases and 1000 refusals in row order (the rest of the cases: follow `casesCursor`). Valid rows are kept even when others fail. */
export type ImportResult = {
  dryRun: boolean;
  /** Data rows read. */
  rows: number;
  /** Cases opened (in a dry run: rows that would be). */
  created: number;
  /** Rows skipped as duplicates of an existing `ref` (with `dedupe=ref`). */
  skipped: number;
  failed: number;
  cases: {
    row: number;
    line: number;
    id: string | null;
    ref: string | null;
    skipped: boolean;
  }[];
  /** Only the first 1000 rows that opened (or would open) a case or were skipped are listed in `cases`; `created` and `skipped` count them all. */
  casesTruncated: boolean;
  /** When `cases` is cut short before cases that were opened (never on a dry run): pass as `cursor` to `GET /programmes/{id}/cases` to list the import's remaining cases, in file order (each with its `ref`); cases others opened at the same moment may appear among them. Null otherwise. */
  casesCursor: string | null;
  errors: {
    /** Data row number, 1 for the first row after the CSV header. */
    row: number;
    /** Line of the file where the row starts. */
    line: number;
    ref?: string | null;
    code: string;
    message: string;
    errors?: FieldError[];
  }[];
  /** Only the first 1000 row errors are listed. */
  errorsTruncated: boolean;
};

/** Roles (`designer`, `admin`, `auditor`, `integrator`, or programme roles such as `committee`) and a district scope. */
export type KeyCreate = {
  roles: string[];
  /** A district path such as `sh/putuo/changzheng`: it covers itself and every district below it. */
  district: string;
  /** Who holds the key, for the record (not a name of a beneficiary). */
  label?: string;
};

/** A bilingual label `{ zh, en }`, or a plain string for both languages. */
export type Label =
  | string
  | {
      zh: string;
      en: string;
    };

/** An event the caller may send to the case now, and the form of its payload. */
export type NextEvent = {
  type: string;
  title: Label | null;
  /** Roles allowed to send it; null means anyone who can see the case. */
  roles: string[] | null;
  /** JSON Schema of the payload (labels may be `{ zh, en }`); null when the event takes no payload. */
  form: Record<string, unknown> | null;
};

/** Messages from `notify` actions for the caller's roles and about cases assigned to the caller, in the caller's districts, newest first, with the caller's read flag. */
export type NotificationList = {
  items: {
    id: number;
    programmeId: string;
    caseId: string;
    role: string;
    message: Label;
    district: string;
    at: string;
    /** Read by the caller (`POST /api/v1/notifications/read`). */
    read: boolean;
  }[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** How many of the caller's notifications (all pages, ignoring filters) are unread. */
  unread: number;
};

/** Mark notifications read (or unread again with `read: false`) for the caller. Ids the caller cannot see are ignored. */
export type NotificationRead = {
  ids: number[];
  read?: boolean;
};

/** How many flags changed, and how many of the caller's notifications are still unread. */
export type NotificationReadResult = {
  changed: number;
  unread: number;
};

/** What a parameter change would alter for the open cases: for each, which next transitions would go elsewhere, and which pending timers would fire differently. Nothing was changed. */
export type ParamsPreview = {
  programmeId: string;
  /** The current parameters. */
  before: Record<string, unknown>;
  /** The parameters after the change (merged, defaults filled). */
  after: Record<string, unknown>;
  summary: {
    /** Open cases looked at. */
    casesExamined: number;
    /** Open cases with at least one change. */
    casesAffected: number;
    /** Changes counted by state, event and outcome, most frequent first. */
    byTransition: {
      state: string;
      event: string;
      /** The state the transition leads to (its own state for a transition without target); null: refused (no guard holds); `?`: cannot be told without the event's payload. */
      from: string | null;
      /** The state the transition leads to (its own state for a transition without target); null: refused (no guard holds); `?`: cannot be told without the event's payload. */
      to: string | null;
      count: number;
    }[];
    /** Pending timers that would fire differently (another target, or refused). */
    timersChanged: number;
  };
  /** The affected cases, oldest first, at most `limit`. */
  cases: {
    caseId: string;
    ref: string | null;
    state: string;
    changes: {
      kind: 'event' | 'timer';
      /** The active state whose transition changes. */
      state: string;
      /** The event type, or `after:<state>:<i>` for a timer. */
      event: string;
      /** The state the transition leads to (its own state for a transition without target); null: refused (no guard holds); `?`: cannot be told without the event's payload. */
      from: string | null;
      /** The state the transition leads to (its own state for a transition without target); null: refused (no guard holds); `?`: cannot be told without the event's payload. */
      to: string | null;
      /** For a pending timer: when it falls due (unchanged: delays do not depend on parameters). */
      dueAt?: string;
    }[];
  }[];
  /** More cases are affected than listed (see `summary.casesAffected`). */
  truncated: boolean;
};

/** New parameter values, as for `PATCH /programmes/{id}`: merged into the current ones and validated the same way. Nothing is changed. */
export type ParamsPreviewRequest = {
  params: Record<string, unknown>;
};

/** A new password for a person; every session of theirs ends. */
export type PasswordReset = {
  /** At least 10 characters. Stored only as an argon2id hash. */
  password: string;
};

/** Someone who signs in to the web app: an admin, a cadre, a volunteer. Roles and district work exactly as a key's. */
export type Person = {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  district: string;
  /** A disabled person cannot sign in; their sessions ended when they were disabled. */
  disabled: boolean;
  /** Key or person id that created the account. */
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
};

/** An account for an admin, cadre or volunteer of a district within yours, with roles you hold. */
export type PersonCreate = {
  /** A phone number or a username (letters, digits, `.`, `_`, `-`, `@`, `+`; no spaces); compared without case. */
  login: string;
  /** The name shown to colleagues (`王丽`). */
  displayName: string;
  /** At least 10 characters. Stored only as an argon2id hash. */
  password: string;
  /** System roles (`admin`, `auditor`, `integrator`, `designer`) and programme roles (`committee`, `cadre`, …). You may grant only roles you hold yourself. */
  roles: string[];
  /** A district path such as `sh/putuo/changzheng`: the person sees it and every district below it. It must lie within your own. */
  district: string;
};

/** People in the caller's districts, oldest first. */
export type PersonList = {
  items: Person[];
  nextCursor: string | null;
};

/** New display name, roles, district, or `disabled` (which ends all their sessions). Roles and district follow the same rules as on creation. */
export type PersonPatch = {
  /** The name shown to colleagues (`王丽`). */
  displayName?: string;
  /** System roles (`admin`, `auditor`, `integrator`, `designer`) and programme roles (`committee`, `cadre`, …). You may grant only roles you hold yourself. */
  roles?: string[];
  /** A district path such as `sh/putuo/changzheng`: the person sees it and every district below it. It must lie within your own. */
  district?: string;
  disabled?: boolean;
};

/** An error, as RFC 9457 `application/problem+json`. `type` is stable: match on it (or on `code`), never on `detail`. */
export type Problem = {
  /** Stable identifier of the kind of problem, `urn:relief:problem:<code>`. */
  type: string;
  /** Short summary of the kind of problem. */
  title: string;
  status: number;
  /** What went wrong with this request and how to fix it. */
  detail: string;
  /** The last segment of `type`. */
  code: string;
  /** The request path. */
  instance?: string;
  /** Quote it when reporting a problem; it is in the server log. */
  requestId?: string;
  /** Field errors (`path`, `message`) for request validation; located findings for templates; row errors for imports. */
  errors?: (FieldError | TemplateFinding)[];
  /** How many more errors there were than `errors` lists (it lists the first 100). */
  errorsOmitted?: number;
  /** Machine-readable particulars (e.g. `accepted` events, `expected` and `actual` versions). */
  details?: Record<string, unknown>;
};

/** A template version running for one district. */
export type Programme = {
  id: string;
  template: string;
  version: number;
  district: string;
  title: string;
  params: Record<string, unknown>;
  status: 'active' | 'paused' | 'closed';
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Current balances by ledger name (in `GET /programmes/{id}`). */
  ledgers?: Record<string, number>;
  /** Every change of the parameters, the status or the template version (a migration), oldest first: who, when, before and after (in `GET /programmes/{id}`). */
  changes?: (
    | {
        kind: 'params';
        changedBy: string | null;
        changedAt: string;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
        /** The display name of the person who made the change; null when a key made it. */
        changedByName?: string | null;
        /** Why, as given with the change. */
        reason?: string | null;
      }
    | {
        kind: 'status';
        changedBy: string | null;
        changedAt: string;
        before: 'active' | 'paused' | 'closed';
        after: 'active' | 'paused' | 'closed';
        /** The display name of the person who made the change; null when a key made it. */
        changedByName?: string | null;
        /** Why, as given with the change. */
        reason?: string | null;
      }
    | {
        kind: 'migration';
        changedBy: string | null;
        changedAt: string;
        /** `{ version, params }` before the migration. */
        before: Record<string, unknown>;
        /** `{ version, params, moved, refused, stateMap, dataDefaults }`. */
        after: Record<string, unknown>;
        /** The display name of the person who made the change; null when a key made it. */
        changedByName?: string | null;
        /** Why, as given with the change. */
        reason?: string | null;
      }
  )[];
};

/** A published template version started for one district, with its parameters. */
export type ProgrammeCreate = {
  /** Template id. */
  template: string;
  /** Template version; defaults to the latest published one. */
  version?: number;
  /** A district path such as `sh/putuo/changzheng`: it covers itself and every district below it. */
  district: string;
  /** Defaults to the template title. */
  title?: string;
  /** Values for the template `parameters`; validated against them, defaults filled. */
  params?: Record<string, unknown>;
};

/** Programmes in the caller's districts, newest first. */
export type ProgrammeList = {
  items: Programme[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

/** Move a running programme's cases to a newer published version of its template. */
export type ProgrammeMigrate = {
  /** A published version of the programme's template. */
  toVersion: number;
  /** Old state id → new state id, for cases whose state key does not exist in the new version (a key maps its sub-states too). States whose key still exists are mapped by key. */
  stateMap?: Record<string, string>;
  /** Values for data fields the new version requires that a case does not have (the template's own defaults are used first). */
  dataDefaults?: Record<string, unknown>;
  /** Answer the plan per case and write nothing. */
  dryRun?: boolean;
  /** Move the cases that can move and leave the others on their version. Without it, nothing moves unless every case can (409 `migration-refused`). */
  onlyMovable?: boolean;
  /** Cases per transaction (default 500). */
  batchSize?: number;
};

/** What a migration did or (dry run) would do, with the plan of every case not yet on the new version. */
export type ProgrammeMigration = {
  programmeId: string;
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  /** `planned`: a dry run; `done`: the programme runs on `toVersion`. */
  status: 'planned' | 'done' | 'refused';
  total: number;
  movable: number;
  refused: number;
  /** Cases already on `toVersion` (a retried or resumed migration). */
  alreadyMigrated: number;
  moved: number;
  batches: number;
  /** The programme's parameters re-validated against the new version, defaults filled. */
  params: Record<string, unknown>;
  cases: CaseMigrationPlan[];
  casesOmitted: number;
};

/** New parameter values (merged into the current ones, validated, every change recorded) and/or a new status, with an optional reason kept with the record. A closed programme stays closed. */
export type ProgrammePatch = {
  params?: Record<string, unknown>;
  status?: 'active' | 'paused' | 'closed';
  /** Why (`封控期间放开条件`): recorded with the change. */
  reason?: string;
};

/** Cases by state, accepted events by type and day, ledger balances, and the figures the programme's template declares. */
export type ProgrammeStats = {
  programmeId: string;
  /** The time zone days are counted in. */
  timeZone: string;
  cases: {
    total: number;
    open: number;
    done: number;
    byState: Record<string, number>;
    /** The same counts rolled up one level below the programme's district (区 → 街道/镇 → 居委会 → 网格), by district path ascending; cases placed at the programme's own district count under that path. */
    byDistrict: {
      district: string;
      total: number;
      open: number;
      done: number;
      byState: Record<string, number>;
    }[];
  };
  /** Deadlines. Pending durable timers: how many, how many are past their due time without having fired yet, and the soonest (at most 20). Lapsed cases: open cases whose last accepted event was a timer firing (the deadline passed and nobody acted since): how many, and the longest waiting (at most 20). */
  timers: {
    pending: number;
    overdue: number;
    soonest: {
      caseId: string;
      ref: string | null;
      /** The state that armed the timer (empty for a `schedule` action's case-level timer). */
      state: string;
      /** The event the timer sends. */
      event: string;
      dueAt: string;
    }[];
    lapsed: number;
    lapsedCases: {
      caseId: string;
      ref: string | null;
      /** The case's state now. */
      state: string;
      /** The timer that fired: `after:<state>:<i>`. */
      event: string;
      /** When it fired. */
      at: string;
    }[];
  };
  /** Accepted events per type and day, oldest day first; opening a case counts as `(open)`. */
  events: {
    type: string;
    day: string;
    count: number;
  }[];
  ledgers: Record<string, number>;
  /** The template's declared `figures`, in declaration order, computed from the case, history and ledger rows when asked. Sums are exact decimals (money to the fen). */
  figures: {
    /** The figure's key under `figures:` in the template. */
    name: string;
    title: Label;
    unit: Label;
    /** The total over the programme. */
    value: number;
    /** What `groups` break the total down by: calendar day (in `timeZone`), district path (cut at the declared level below the programme's district), or a data field's value. */
    by?: 'day' | 'district' | 'field';
    /** The breakdown, by key ascending; a `null` key gathers cases without the field. */
    groups?: {
      /** A day `YYYY-MM-DD`, a district path, or a field value as text. */
      key: string | null;
      value: number;
    }[];
  }[];
};

/** The server's VAPID public key (base64url of an uncompressed P-256 point): the browser's `pushManager.subscribe({ applicationServerKey })` takes it. */
export type PushKey = {
  publicKey: string;
};

/** One of the caller's phones or browsers that receives alerts; never its keys. */
export type PushSubscription = {
  id: string;
  endpoint: string;
  lang: 'zh' | 'en';
  createdAt: string;
  lastSentAt: string | null;
  /** Failed sends since the last success (a push service's 404/410 removes the subscription instead). */
  failures: number;
  lastError: string | null;
};

/** What the browser's `PushSubscription.toJSON()` gives, and the language alerts are written in. The endpoint is held to the webhook target policy: a public https address, or a target the operator allows in WEBHOOK_ALLOWED_TARGETS. */
export type PushSubscriptionCreate = {
  endpoint: string;
  expirationTime?: number | null;
  keys: {
    /** The browser's P-256 public key, base64url (65 bytes). */
    p256dh: string;
    /** The browser's authentication secret, base64url (16 bytes). */
    auth: string;
  };
  lang?: 'zh' | 'en';
};

/** The caller's subscriptions, newest first. */
export type PushSubscriptionList = {
  items: PushSubscription[];
};

/** The person signed in, and the token to send as `X-CSRF-Token` with every POST, PATCH and DELETE made with the session cookie. */
export type Session = {
  person: Person;
  csrfToken: string;
  /** The session ends at this time at the latest (sooner after 12 hours without a request). */
  expiresAt?: string;
  /** Titles of the person's programme roles (`committee` → 居委会), from the latest published template that declares each; roles no published template declares are absent. */
  roleTitles: Record<string, Label>;
};

/** A person's login and password. */
export type SessionCreate = {
  /** Phone number or username. */
  login: string;
  password: string;
};

/** A place in one version of a template: JSON pointer, and its line and column in that version's YAML. */
export type SourcePlace = {
  /** JSON pointer into that version. */
  pointer: string;
  line?: number;
  col?: number;
};

/** The semantic diff of two versions of a template: every state, transition, timer, entry/exit list, event, form field, data and parameter field, role, ledger and figure added, removed or changed, with both values and its place in both YAML sources; and the verdict for cases running on the older version. */
export type TemplateDiff = {
  templateId: string;
  /** The older version. */
  from: number;
  /** The newer version. */
  to: number;
  changes: {
    kind:
      | 'template'
      | 'initial'
      | 'state'
      | 'transition'
      | 'timer'
      | 'entry'
      | 'exit'
      | 'event'
      | 'form'
      | 'data'
      | 'parameter'
      | 'role'
      | 'ledger'
      | 'figure';
    change: 'added' | 'removed' | 'changed';
    /** The element: a state id (`enrolled.failed`), `state · event` for a transition, `state · after[0]` for a timer, an event key, a field name (`event.field` in a form). */
    key: string;
    /** The state the element belongs to. */
    state?: string;
    /** The event of a transition or form. */
    event?: string;
    from?: SourcePlace;
    to?: SourcePlace;
    /** The value in the older version (absent when added). */
    before?: unknown;
    /** The value in the newer version (absent when removed). */
    after?: unknown;
    /** Field-level detail of a change: the properties whose values differ (`[0].target`, `minimum`, `delay`). */
    fields?: string[];
  }[];
  counts: {
    added: number;
    removed: number;
    changed: number;
  };
  compatibility: {
    /** `compatible`: every running case moves as is; `review`: cases move, but forms, fields or parameters got stricter (the dry run checks each case); `needs-input`: some cases need a `stateMap` or `dataDefaults` entry. */
    verdict: 'compatible' | 'review' | 'needs-input';
    concerns: {
      code:
        | 'state-removed'
        | 'data-required-without-default'
        | 'data-field-stricter'
        | 'form-stricter'
        | 'ledger-removed'
        | 'parameter-required-without-default'
        | 'parameter-stricter';
      severity: 'blocking' | 'check';
      key: string;
      message: BilingualText;
      from?: SourcePlace;
      to?: SourcePlace;
    }[];
  };
};

/** A located finding about a template source: the same code, message, line and column as `relief validate` prints. */
export type TemplateFinding = {
  /** Stable finding code, e.g. `unknown-target`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** JSON pointer into the template. */
  pointer: string;
  line: number;
  col: number;
};

/** Every template. */
export type TemplateList = {
  items: TemplateSummary[];
};

/** Why a version is published, kept with who published it and when. */
export type TemplatePublish = {
  /** The designer's note, e.g. "adds reheated; allergies asked at enrolment". */
  note?: string;
};

/** For clients that cannot send `application/yaml`: the YAML text in a JSON string. */
export type TemplateSource = {
  source: string;
};

/** A template and where its versions stand. */
export type TemplateSummary = {
  id: string;
  title: Label;
  latestVersion: number;
  publishedVersion: number | null;
  updatedAt: string;
  /** The latest version's gallery entry (`gallery:` in the template), when it has one. */
  gallery?: {
    category: Label;
    serves: Label;
    source: Label;
  };
};

/** A template source that validated: what it declares, and its warnings. */
export type TemplateValidation = {
  valid: true;
  id: string;
  version: number;
  title: Label;
  summary: {
    states: number;
    events: number;
    roles: number;
    ledgers: number;
  };
  /** The first 100 warnings. */
  warnings: TemplateFinding[];
  /** How many more warnings there were than `warnings` lists. */
  warningsOmitted?: number;
};

/** One version of a template: its YAML source and its checked definition. A published version never changes. */
export type TemplateVersion = {
  templateId: string;
  version: number;
  status: 'draft' | 'published';
  /** The YAML as uploaded. */
  source: string;
  /** The checked template as JSON (what the engine compiles). */
  definition: Template;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  /** Warnings found when the version was stored (only in the answer to `POST /templates`). */
  warnings?: TemplateFinding[];
  /** Every version of the template, newest first (only in `GET /templates/{id}`). */
  versions?: {
    version: number;
    status: 'draft' | 'published';
    createdAt: string;
    publishedAt: string | null;
    createdBy?: string | null;
    publishedBy?: string | null;
    publishNote?: string | null;
  }[];
  /** Why it was published, as the designer wrote it. */
  publishNote: string | null;
  /** Bumped by every save of the draft. */
  revision: number;
  /** The version's entity tag (also the `ETag` header): send it as `If-Match` when saving. */
  etag: string;
};

/** A timer of a case in a migration: the state that owns it, its place in that state's `after` list, and when it falls due. */
export type TimerPlan = {
  /** The pending timer cancelled. */
  id?: number;
  state: string;
  index: number;
  eventType: string;
  dueAt: string;
};

/** A subscription to emitted events. */
export type Webhook = {
  id: string;
  url: string;
  events: string[];
  /** Empty means every district. */
  district: string;
  programmeId: string | null;
  description: string | null;
  createdAt: string;
  disabledAt: string | null;
  /** Data fields the deliveries carry; null: every field not marked as personal data. */
  fields: string[] | null;
  /** The admin (key or person id) who granted the personal-data fields among `fields`; null: none granted. */
  grantedBy: string | null;
  grantedAt: string | null;
  /** Signing secret; returned once, when the webhook is created. */
  secret?: string;
};

/** A URL that receives emitted events (HTTP POST, JSON, signed with HMAC-SHA256). */
export type WebhookCreate = {
  url: string;
  /** Event names to receive (`meal.delivered`); empty or absent: all. */
  events?: string[];
  /** Only events of programmes in this district or below; defaults to your own district scope. */
  district?: string;
  /** Only events of this programme. */
  programmeId?: string;
  description?: string;
  /** Data fields the deliveries carry (`mealsDelivered`). Absent: every field the template does not mark as personal data. A field marked personal (`x-relief-sensitivity`) is delivered only when an admin grants it with `grantPersonal`. */
  fields?: string[];
  /** An admin grants the personal-data fields among `fields`; the grant is recorded (`grantedBy`, `grantedAt`). 403 for other roles. */
  grantPersonal?: boolean;
};

/** The JSON body POSTed to a webhook. Verify `Relief-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 over `<t>.<raw body>` with the webhook secret. */
export type WebhookEvent = {
  /** Same on every retry of one delivery: use it to drop duplicates. */
  deliveryId: number;
  event: string;
  programmeId: string;
  caseId: string;
  seq: number;
  state: string;
  value?: unknown;
  data: Record<string, unknown>;
  at: string;
};

/** Webhooks in the caller's districts. */
export type WebhookList = {
  items: Webhook[];
};

/** Open cases waiting on the caller, in the caller's districts. A case waits on a role when an event that role may send is accepted in one of its active states (a guard that reads the event's payload never hides it; a state's `roles:` narrows its own transitions). Cases assigned to the caller first, then by deadline (overdue first), then longest waiting. */
export type Worklist = {
  items: {
    case: Case;
    programmeTitle: string;
    templateId: string;
    /** The active states that accept an event the caller may send. */
    waitingIn: string[];
    /** The events the caller may send now, with their forms, in the template's order. */
    nextEvents: NextEvent[];
    /** Title of the state the case is in (the innermost active state that has one). */
    stateTitle: Label | null;
    /** The case data the template marks for workers with `x-worker` on its `data` properties (`true`, `phone`: a number to tap, `address`), in the template's order; only fields with a value. Without marks, the `name` field. */
    card: {
      field: string;
      title: Label | null;
      value: unknown;
      kind: 'text' | 'phone' | 'address';
    }[];
    templateVersion: number;
    /** When the case's earliest pending timer falls due; null without one. Past means overdue. */
    deadline: string | null;
    /** Assigned to the caller (by person id or login). */
    mine: boolean;
    assignment: Assignment | null;
    /** Titles of the template's events by type, for reading the case's history. */
    eventTitles: Record<string, Label>;
  }[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Pass as `since` for a cheap refresh: the next answer lists only what changed after it. */
  asOf: string;
  /** With `since`: cases that changed and no longer wait on the caller (drop them). Empty otherwise. */
  removed: string[];
};
