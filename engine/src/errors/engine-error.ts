/**
 * Typed engine errors. Each has a stable `code` and a `kind`; the API maps kind → HTTP status and
 * problem+json in one place, so nothing else decides how an error looks to a client.
 */

/** How a failure should be treated by a caller. */
export type ErrorKind =
  'user' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable' | 'internal';

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

/** Input failed validation against a declared JSON Schema (event form, case data, params). */
export class ValidationFailedError extends EngineError {
  constructor(
    what: string,
    readonly fieldErrors: readonly FieldError[],
  ) {
    super(
      'validation-failed',
      'unprocessable',
      `${what} is invalid: ${fieldErrors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
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
      `template is invalid: ${errors.map((i) => `${i.line}:${i.col} ${i.message}`).join('; ')}`,
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
