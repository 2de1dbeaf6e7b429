export { startCase, stepCase, acceptedEvents, describeValue } from './step-case.js';
export type { CaseState, Sender, StepEnvironment, StepResult, TimerToArm } from './step-case.js';
export {
  validateCaseData,
  validateParams,
  validateEventPayload,
  toFieldErrors,
} from './validate-case-input.js';
export { openingBalances } from './opening-balances.js';
export { activeStateIds } from './active-state-ids.js';
export { addDuration, parseDuration } from './add-duration.js';
export { systemClock, createManualClock } from './clock.js';
export type { Clock, ManualClock } from './clock.js';
export { previewParamsChange, UNKNOWN_OUTCOME } from './preview-params-change.js';
export type {
  CasePreview,
  ParamsPreview,
  PreviewCase,
  PreviewChange,
  PreviewEnvironment,
  PreviewOutcome,
  TransitionCount,
} from './preview-params-change.js';
export { planCaseMigration } from './plan-case-migration.js';
export type {
  CaseMigrationPlan,
  CaseSnapshot,
  MigrationChoices,
  MigrationRefusal,
  PendingTimer,
  TimerPlan,
} from './plan-case-migration.js';
