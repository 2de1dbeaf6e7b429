/** The editor's pure graph model: template ⇄ graph, layout, operations on the YAML document, issues, diff, simulation. */
export { parseEditable, emitDocument, editSource, isBlockMap } from './editable-document.js';
export type { EditableDocument } from './editable-document.js';
export { toGraph, fromGraph, eventEdgeId, timerEdgeId } from './template-graph.js';
export type { StateNode, StoredPosition, TemplateGraph, TransitionEdge } from './template-graph.js';
export { layoutGraph, quickLayout, leafSize, textWidth, LAYOUT } from './layout-graph.js';
export type { LayoutDirection, NodeBox } from './layout-graph.js';
export {
  EditError,
  STATE_KEY,
  statePath,
  childStatesPath,
  stateMap,
  ensureMap,
  ensureSeq,
  snapshot,
  edgePath,
  transitionMap,
  shortestRef,
  freeKey,
  flowMap,
  setSpaced,
} from './document-paths.js';
export type { DocPath } from './document-paths.js';
export { withRetargeting, renamePrefix } from './retarget.js';
export {
  addState,
  renameState,
  deleteState,
  moveState,
  setStateType,
  setInitial,
  setPosition,
  clearPositions,
  pasteState,
} from './state-operations.js';
export type { NewState } from './state-operations.js';
export {
  addTransition,
  addTimer,
  setTransitionTarget,
  setTransitionField,
  deleteTransition,
  setTransitionEvent,
  moveTransition,
  declareEvent,
  removeTransitionAt,
} from './transition-operations.js';
export { setLabel, setValue, setActions, addRole } from './field-operations.js';
export type { Lang } from './field-operations.js';
export {
  addEvent,
  setFormField,
  removeFormField,
  setSchemaField,
  removeSchemaField,
} from './event-operations.js';
export type { SchemaPath } from './event-operations.js';
export { toFormFields, toFieldSchema, parseDefault } from './form-fields.js';
export type { FieldKind, FormField } from './form-fields.js';
export { locateIssue, issuesByElement } from './issue-map.js';
export type { Selection } from './issue-map.js';
export { diffGraphs } from './graph-diff.js';
export type { DiffStatus, GraphDiff } from './graph-diff.js';
export { elementsOfChange, semanticMarks } from './semantic-marks.js';
export type { SemanticMarks } from './semantic-marks.js';
export {
  startSimulation,
  sendSimEvent,
  advanceClock,
  activeStates,
  simEvents,
} from './simulation.js';
export type { Simulation, SimEntry, SimFailure } from './simulation.js';
export { sampleValues } from './sample-values.js';
export { checkInScope, namesInScope, shortGuard } from './expression-help.js';
export type { ExprName } from './expression-help.js';
export { keyFromTitle, idFromTitle } from './key-from-title.js';
export { parseDuration, toIsoDuration, humanDuration } from './duration.js';
export type { DurationUnit } from './duration.js';
export {
  CONDITION_OPS,
  toRows,
  fromRows,
  literalFor,
  valueText,
  sampleCase,
  previewGuard,
} from './condition-rows.js';
export type { ConditionOp, ConditionRow, ConditionRows, PreviewCase } from './condition-rows.js';
export { asNewTemplate, TEMPLATE_ID } from './new-template.js';
export { freeSpot } from './free-spot.js';
export type { Rect } from './free-spot.js';
export {
  toElkGraph,
  fromElkGraph,
  layeredLayout,
  withStoredPositions,
  absoluteBoxes,
  estimateEdgeLabel,
  EDGE_LABEL_HEIGHT,
  warmUpGraph,
  rememberRuns,
} from './elk-layout.js';
export type {
  EdgeRoute,
  ElkGraph,
  ElkRun,
  GraphShape,
  LayeredInput,
  LayeredLayout,
  Point,
} from './elk-layout.js';
export { visibleGraph, shownAs, hiddenCount } from './visible-graph.js';
export { selectionLine } from './selection-line.js';
