export { compileTemplate } from './compile-template.js';
export type { CompiledTemplate, StepEvent } from './compile-template.js';
export {
  idOf,
  stateIdOf,
  timerEventType,
  isTimerEvent,
  parseTimerEvent,
  CASE_TIMER_STATE,
} from './state-ids.js';
export { addExact, sumExact, toAmountText, toExactAmount, isExactAmount } from './money.js';
export { loadTemplate } from './load-template.js';
export type { LoadedTemplate } from './load-template.js';
export type { CaseContext, CaseEffect, CaseEvent, CaseInput } from './case-machine-types.js';
