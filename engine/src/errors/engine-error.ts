/**
 * Typed engine errors. Each has a stable `code` and a `kind`; the API maps kind → HTTP status and
 * problem+json in one place, so nothing else decides how an error looks to a client.
 */

/** How a failure should be treated by a caller. */
export type ErrorKind =
  | 'user'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'precondition-failed'
  | 'precondition-required'
  | 'internal';

/** Base of every error the engine raises on purpose. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Event refused: its type is not accepted in the case's current state. */
export class EventNotAcceptedError extends EngineError {
  constructor(eventType: string, state: string, accepted: readonly string[]) {
    super(
      'event-not-accepted',
      'conflict',
      `event '${eventType}' is not accepted in state '${state}'; accepted here: ${accepted.join(', ') || '(none)'}`,
      { eventType, state, accepted },
    );
  }
}

/** Event refused: every guarded transition for it evaluated to false. */
export class GuardRefusedError extends EngineError {
  constructor(eventType: string, state: string, guards: readonly string[]) {
    super(
      'guard-refused',
      'conflict',
      `event '${eventType}' was refused in state '${state}': no condition held (${guards.join(' | ')})`,
      { eventType, state, guards },
    );
  }
}

/** Event refused: it would take a ledger below zero. */
export class LedgerInsufficientError extends EngineError {
  constructor(ledger: string, balance: number, amount: number) {
    super(
      'ledger-insufficient',
      'conflict',
      `ledger '${ledger}' has ${balance} left; drawing ${-amount} would take it below zero`,
      { ledger, balance, amount },
    );
  }
}

/** Event refused: the caller holds none of the roles allowed to send it. */
export class RoleNotAllowedError extends EngineError {
  constructor(eventType: string, allowed: readonly string[]) {
    super(
      'role-not-allowed',
      'forbidden',
      `event '${eventType}' may only be sent by: ${allowed.join(', ')}`,
      { eventType, allowed },
    );
  }
}

/** One field-level validation failure, with an RFC 6901 path. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * How many findings an answer lists at most. A body with 60,000 unknown fields must not earn a
 * 5 MB answer: the rest are counted (`errorsOmitted`, "and N more"), not listed.
 */
export const MAX_LISTED_FINDINGS = 100;
/** How many findings an error's one-line message quotes. */
const MAX_QUOTED = 10;

/** The first few of `items` joined with '; ', then "and N more". */
function quoteSome(items: readonly string[]): string {
  const quoted = items.slice(0, MAX_QUOTED).join('; ');
  return items.length > MAX_QUOTED ? `${quoted}; and ${items.length - MAX_QUOTED} more` : quoted;
}

/** Input failed validation against a declared JSON Schema (event form, case data, params). */
export class ValidationFailedError extends EngineError {
  constructor(
    what: string,
    readonly fieldErrors: readonly FieldError[],
  ) {
    super(
      'validation-failed',
      'unprocessable',
      `${what} is invalid: ${quoteSome(fieldErrors.map((e) => `${e.path || '/'} ${e.message}`))}`,
      { errors: fieldErrors },
    );
  }
}

/** An expression failed at run time (e.g. a missing optional field without default). */
export class ExpressionFailedError extends EngineError {
  constructor(source: string, reason: string) {
    super('expression-failed', 'unprocessable', `expression '${source}' failed: ${reason}`, {
      source,
      reason,
    });
  }
}

/** A ledger amount is not a whole number of fen (0.01): refused, never rounded away. */
export class AmountNotExactError extends EngineError {
  constructor(what: string, amount: unknown) {
    super(
      'amount-not-exact',
      'unprocessable',
      `${what}: amount ${JSON.stringify(amount)} is not exact to the fen (0.01); amounts are never rounded, so give at most two decimals`,
      { field: what, amount },
    );
  }
}

/** What each expression limit is called in a refusal, in English and Chinese. */
const BUDGET_TEXT: Record<
  string,
  { en: (limit: number) => string; zh: (limit: number) => string }
> = {
  steps: {
    en: (n) => `it took more than ${n.toLocaleString('en')} steps`,
    zh: (n) => `计算超过 ${n} 步`,
  },
  listLength: {
    en: (n) => `it made or read a list of more than ${n.toLocaleString('en')} elements`,
    zh: (n) => `生成或读取的列表超过 ${n} 个元素`,
  },
  stringLength: {
    en: (n) => `it made or read a text of more than ${n.toLocaleString('en')} characters`,
    zh: (n) => `生成或读取的文字超过 ${n} 个字符`,
  },
  volume: {
    en: (n) =>
      `its texts and lists added up to more than ${n.toLocaleString('en')} characters and elements`,
    zh: (n) => `生成或读取的文字和列表合计超过 ${n} 个字符和元素`,
  },
  deadlineMs: {
    en: (n) => `it ran longer than ${n} ms`,
    zh: (n) => `运行超过 ${n} 毫秒`,
  },
};

/**
 * An expression crossed one of its run-time limits (steps, list or text size, time): it was
 * stopped, the event is refused and nothing changed. The message says it in English;
 * `details.messageZh` in Chinese.
 */
export class ExpressionBudgetError extends EngineError {
  constructor(
    readonly source: string,
    readonly limit: string,
    readonly max: number,
  ) {
    const text = BUDGET_TEXT[limit] ?? BUDGET_TEXT.steps!;
    const shown = source.length > 120 ? `${source.slice(0, 117)}...` : source;
    super(
      'expression-budget-exceeded',
      'unprocessable',
      `expression '${shown}' was stopped: ${text.en(max)}. The event is refused and nothing changed; ask the template's designer to simplify the expression (e.g. no map or filter nested over long lists).`,
      {
        source,
        limit,
        max,
        messageZh: `表达式“${shown}”已被中止：${text.zh(max)}。事件被拒绝，数据未作任何更改；请模板设计者简化该表达式（例如不要在长列表上嵌套 map 或 filter）。`,
      },
    );
  }
}

/** Something the caller named does not exist, or lies outside the caller's district scope. */
export class NotFoundError extends EngineError {
  constructor(what: string, id: string) {
    super('not-found', 'not-found', `no ${what} '${id}' (or it is outside your district)`, {
      what,
      id,
    });
  }
}

/** The caller's `If-Match` version is not the case's current version: re-read the case and retry. */
export class VersionConflictError extends EngineError {
  constructor(caseId: string, expected: number, actual: number) {
    super(
      'version-conflict',
      'conflict',
      `case '${caseId}' is at version ${actual}, not ${expected}: someone else changed it first; read it again and retry`,
      { caseId, expected, actual },
    );
  }
}

/** An `Idempotency-Key` was reused for a different request. */
export class IdempotencyKeyReusedError extends EngineError {
  constructor(key: string) {
    super(
      'idempotency-key-reused',
      'conflict',
      `idempotency key '${key}' was already used for a different request; use a new key for a new request`,
      { key },
    );
  }
}

/** A template source did not validate; `issues` are the located findings. */
export class TemplateInvalidError extends EngineError {
  constructor(
    readonly issues: readonly {
      line: number;
      col: number;
      pointer: string;
      code: string;
      severity: string;
      message: string;
    }[],
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      'template-invalid',
      'unprocessable',
      `template is invalid: ${quoteSome(errors.map((i) => `${i.line}:${i.col} ${i.message}`))}`,
      { issues },
    );
  }
}

/** A published template version is immutable; store the change as a new version. */
export class TemplateVersionPublishedError extends EngineError {
  constructor(templateId: string, version: number) {
    super(
      'template-version-published',
      'conflict',
      `template '${templateId}' version ${version} is published and cannot change; save it as version ${version + 1}`,
      { templateId, version },
    );
  }
}

/** A draft was saved by someone else since the caller read it (`If-Match` names an older ETag). */
export class TemplateVersionStaleError extends EngineError {
  constructor(
    templateId: string,
    version: number,
    given: string,
    current: { etag: string; savedBy: string | null; savedByName: string | null; savedAt: Date },
  ) {
    const who = current.savedByName ?? current.savedBy;
    super(
      'template-version-stale',
      'precondition-failed',
      `template '${templateId}' version ${version} was saved by ${who ?? 'someone else'} at ${current.savedAt.toISOString()} after you read it (your If-Match ${given}, now ${current.etag}); nothing was saved: read it again, look at the other change, then save`,
      {
        templateId,
        version,
        ifMatch: given,
        etag: current.etag,
        savedBy: current.savedBy,
        savedByName: current.savedByName,
        savedAt: current.savedAt.toISOString(),
        messageZh: `模板“${templateId}”第 ${version} 版在您打开之后已被${who ?? '他人'}保存（${current.savedAt.toISOString()}）；本次未保存。请先查看对方的修改，再保存。`,
      },
    );
  }
}

/** Saving over an existing draft needs its ETag in `If-Match`, so no save silently replaces another. */
export class TemplateEtagRequiredError extends EngineError {
  constructor(templateId: string, version: number) {
    super(
      'template-etag-required',
      'precondition-required',
      `template '${templateId}' version ${version} already exists as a draft; send its ETag in If-Match to replace it (nothing was saved)`,
      {
        templateId,
        version,
        messageZh: `模板“${templateId}”第 ${version} 版草稿已存在；替换它须在 If-Match 中带上其 ETag（本次未保存）。`,
      },
    );
  }
}

/** `If-None-Match: *`: the caller meant a new template, but the id is taken. */
export class TemplateExistsError extends EngineError {
  constructor(templateId: string) {
    super(
      'template-exists',
      'conflict',
      `a template with id '${templateId}' already exists; nothing was saved: choose another id, or open '${templateId}' and save a new version of it`,
      {
        templateId,
        messageZh: `已有编号为“${templateId}”的模板；本次未保存。请换一个编号，或打开“${templateId}”另存为新版本。`,
      },
    );
  }
}

/** Programmes start only from a published template version. */
export class TemplateNotPublishedError extends EngineError {
  constructor(templateId: string, version?: number) {
    super(
      'template-not-published',
      'conflict',
      version === undefined
        ? `template '${templateId}' has no published version; publish one first`
        : `template '${templateId}' version ${version} is not published; publish it first`,
      { templateId, version },
    );
  }
}

/** The programme is paused or closed: it takes no new cases and no events until it is active. */
export class ProgrammeNotActiveError extends EngineError {
  constructor(programmeId: string, status: string) {
    super(
      'programme-not-active',
      'conflict',
      `programme '${programmeId}' is ${status}; set it to active to continue`,
      { programmeId, status },
    );
  }
}

/** A programme status change that is not allowed (a closed programme stays closed). */
export class ProgrammeStatusError extends EngineError {
  constructor(programmeId: string, from: string, to: string) {
    super(
      'programme-status',
      'conflict',
      `programme '${programmeId}' cannot go from ${from} to ${to}`,
      { programmeId, from, to },
    );
  }
}

/** A bulk import longer than one request may hold; nothing was imported. */
export class ImportTooLargeError extends EngineError {
  constructor(maxRows: number) {
    super(
      'import-too-many-rows',
      'unprocessable',
      `an import takes at most ${maxRows} rows; nothing was imported: split the file and send the parts one after another`,
      { maxRows },
    );
  }
}

/** Another case of the programme already has this `ref`. */
export class DuplicateCaseRefError extends EngineError {
  constructor(programmeId: string, ref: string) {
    super(
      'duplicate-ref',
      'conflict',
      `programme '${programmeId}' already has a case with ref '${ref}'`,
      { programmeId, ref },
    );
  }
}

/** A district path is malformed: segments of letters, digits, `_` or `-`, joined by `/`. */
export class InvalidDistrictError extends EngineError {
  constructor(district: string) {
    super(
      'invalid-district',
      'user',
      `'${district}' is not a district path; write segments of letters, digits, '_' or '-' joined by '/', e.g. sh/putuo/changzheng`,
      { district },
    );
  }
}

/** Another person already signs in with this login. */
export class LoginTakenError extends EngineError {
  constructor(login: string) {
    super('login-taken', 'conflict', `the login '${login}' is already taken; choose another`, {
      login,
    });
  }
}

/**
 * A resident's erasure request for a case that is still open: its personal data is what serves the
 * resident, so the case is ended first through the programme (its end event, with the request as
 * the reason, recorded in the history), then erased.
 */
export class CaseStillOpenError extends EngineError {
  constructor(caseId: string, state: string) {
    super(
      'case-still-open',
      'conflict',
      `case '${caseId}' is still open (state '${state}'): its personal data is still used to serve the resident; end the case first through the programme (the role that may end it sends its end event, giving the resident's request as the reason), then erase it. Nothing was erased.`,
      { caseId, state },
    );
  }
}
