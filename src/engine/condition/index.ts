export * from './ast';
export { type CompiledCondition, compileCondition, truthy } from './evaluate';
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
