export { compileTemplate, idOf, addExact } from './compile-template.js';
export type { CompiledTemplate } from './compile-template.js';
export { timerEventType } from './case-machine-types.js';
export type { CaseContext, CaseEffect, CaseEvent, CaseInput } from './case-machine-types.js';
