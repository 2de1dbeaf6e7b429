export { issueCatalog, describeIssue, issueSummaryZh } from './issue-catalog.js';
export type {
  IssueArgs,
  IssueCode,
  IssueCodeWithSummaryZh,
  IssueSeverity,
  TemplateIssue,
} from './issue-catalog.js';
export {
  EngineError,
  MAX_LISTED_FINDINGS,
  EventNotAcceptedError,
  GuardRefusedError,
  LedgerInsufficientError,
  RoleNotAllowedError,
  ValidationFailedError,
  ExpressionFailedError,
  AmountNotExactError,
  ExpressionBudgetError,
  NotFoundError,
  VersionConflictError,
  IdempotencyKeyReusedError,
  TemplateInvalidError,
  TemplateVersionPublishedError,
  TemplateNotPublishedError,
  ProgrammeNotActiveError,
  ProgrammeStatusError,
  DuplicateCaseRefError,
  ImportTooLargeError,
  InvalidDistrictError,
} from './engine-error.js';
export type { ErrorKind, FieldError } from './engine-error.js';
