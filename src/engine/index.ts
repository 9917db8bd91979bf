/** The engine's public surface for hosts (worker, headless runner) and tests. */
export * from './catalogue';
export * from './component';
export type {
  BuyAndHold,
  FillRecord,
  OpenTradeReport,
  PortfolioReport,
  Trade,
} from './components/portfolio/component';
export { COMPONENTS } from './components/registry';
export * from './condition';
export * from './config';
export * from './data/bars';
export { type CsvIssue, type CsvResult, parseBarsCsv } from './data/csv';
export {
  type DataSource,
  describeDataSource,
  type LoadResult,
  loadSource,
  sliceByDate,
} from './data/sources';
export { generateSynthetic, type SyntheticOptions } from './data/synthetic';
export * from './events';
export * from './metrics/export';
export { computeMetrics, type Metrics } from './metrics/metrics';
export * from './metrics/objectives';
export * from './metrics/outcomes';
export * from './runtime/incidents';
export { createRun, type Run } from './runtime/run';
export { EngineConfigError } from './runtime/topology';
export { createTransformer, TRANSFORMER_IDS } from './runtime/transformers';
export * from './runtime/types';
