/** The flow layer's public surface: what the designer, the worker and the runner use. */

export { type ConditionError, compileCondition, parseCondition } from '../engine/condition';
/** The metrics a sweep ranks by, for the page (the engine's list). */
export {
  findObjective,
  OBJECTIVES,
  type Objective,
  type ObjectiveKey,
} from '../engine/metrics/objectives';
export { type AdmfExport, exportAdmf } from './admf/export';
export { applyEdit, copySelection } from './apply';
export { type BarFiles, type BarProblem, type LoadedBars, loadBars } from './bars';
export * from './catalogue';
export { type CleanImport, importCleanSyntax, isAdmfText, isCleanSyntax } from './clean-syntax';
export {
  type Compiled,
  compileFlow,
  firstCell,
  firstCellNote,
  paramsByContainer,
  withCell,
} from './compile';
export { canConnect, NEW_ROUTE_CONDITION, type Verdict } from './connections';
export type { Diagnostic } from './diagnostics';
export type { EditResult, FlowEdit, PatternKind } from './edits';
export {
  checkExpression,
  type ExpressionCheck,
  type ExpressionScope,
  expressionParamAt,
  scopeInFlow,
  type VocabularyEntry,
  vocabulary,
} from './expressions';
export { type AvailableFeature, upstreamFeatures } from './features';
export {
  COLUMN_WIDTH,
  type EdgePattern,
  type FlowGraph,
  flowToGraph,
  type GraphEdge,
  type GraphNode,
  nodeLabel,
  ROW_HEIGHT,
} from './graph';
export {
  type Cell,
  DEFAULT_MAX_RUNS,
  DEFAULT_SWEEP,
  describeCell,
  type FlowGrid,
  type GridAxis,
  type GridValue,
  gridCells,
  isGridValue,
  isSweepable,
  readGridValue,
  type SweepSettings,
  type WalkForwardSettings,
} from './grid';
export { cellFlowText } from './grid-edits';
export { type Imported, importFlowText } from './import';
export { flowJsonSchema } from './json-schema';
export { checkLimits, errorAt, FLOW_LIMITS, LIMIT_MESSAGES } from './limits';
export type { FlowContainer, FlowModel, Position } from './model';
export { type LayoutSpans, moveInText } from './move';
export { paramEdits, renameInExpression } from './param-edits';
export { MAX_FLOW_BYTES, type ParsedFlow, parseFlow } from './parse';
export { type FlowDocument, flowSchema } from './schema';
export { emptyFlowText, newFlowText } from './serialize';
