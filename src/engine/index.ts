/** The engine's public surface for hosts (worker, headless runner) and tests. */
export * from './catalogue';
export * from './component';
export * from './condition';
export * from './config';
export * from './data/bars';
export * from './events';
export { createRun, type Run } from './runtime/run';
export { EngineConfigError } from './runtime/topology';
export { TRANSFORMERS } from './runtime/transformers';
export * from './runtime/types';
