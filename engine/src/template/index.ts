export { validateTemplate } from './validate-template.js';
export type { TemplateValidation } from './validate-template.js';
export {
  parseTemplateSource,
  locatePointer,
  locateInScalar,
  toPointer,
  pointerSegments,
  escapeSegment,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
} from './parse-template-source.js';
export type { ParsedSource } from './parse-template-source.js';
export { indexStates, resolveTarget, ancestry, kindOf } from './state-index.js';
export type { IndexedState, StateIndex } from './state-index.js';
export { toTransitions, labelText } from './template.js';
export { actionKinds, actionKeyOf, actionReferences, actionExpressions } from './action-kinds.js';
export type {
  ActionKey,
  ActionOf,
  ActionKind,
  ActionReference,
  ExpressionSlot,
  ReferenceKind,
} from './action-kinds.js';
export type {
  Action,
  EventDef,
  FigureBreakdown,
  FigureCount,
  FigureDef,
  FigureSum,
  GalleryDef,
  JsonSchemaObject,
  Label,
  LedgerDef,
  StateDef,
  Template,
  Timer,
  Transition,
  TransitionSpec,
  ValueExpression,
} from './template.js';
export { toPlainJsonSchema } from './to-plain-json-schema.js';
export {
  createSchemaValidator,
  schemaValidatorOptions,
  MULTIPLE_OF_PRECISION,
  toEnforcedSchema,
  compileEnforcedSchema,
} from './create-schema-validator.js';
export {
  SENSITIVITIES,
  SYSTEM_READERS,
  dataMarks,
  defaultVisibleTo,
  formMarks,
  maySee,
  projectCaseData,
  projectPayload,
  projectRecord,
} from './privacy-marks.js';
export type { FieldMark, FieldMarks, Reader, Sensitivity } from './privacy-marks.js';
export { figureFields } from './figure-fields.js';
export { diffTemplates } from './diff-templates.js';
export type {
  CompatibilityConcern,
  CompatibilityVerdict,
  ConcernCode,
  DiffSide,
  SourcePlace,
  TemplateChange,
  TemplateChangeKind,
  TemplateDiff,
} from './diff-templates.js';
