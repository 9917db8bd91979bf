export * from './ast';
export { type CompiledCondition, compileCondition } from './evaluate';
export {
  type Condition,
  type ConditionError,
  MAX_CONDITION_LENGTH,
  type ParseOptions,
  type ParseResult,
  parseCondition,
  parseExpression,
} from './parse';
export * from './series';
