/**
 * Every component the engine can run, by catalogue id. Data components are sources: the host
 * resolves their bars (src/engine/data/sources.ts), so they have no factory here.
 */

import {
  CLASSIFIERS,
  DIVERGENCE_STRATEGIES,
  INDICATORS,
  RULE_BASED_STRATEGIES,
} from '../catalogue';
import type { ComponentRegistry } from '../runtime/types';
import { classifierFactory } from './classifiers/component';
import { brokerFactory } from './execution/component';
import { indicatorFactory } from './indicators/component';
import { portfolioFactory } from './portfolio/component';
import { riskFactory } from './risk/component';
import { expressionIndicatorFactory } from './rules/indicator';
import { divergenceFactory } from './rules/presets';
import { ruleStrategyFactory } from './rules/strategy';
import { strategyFactory } from './strategies/component';

export const COMPONENTS: ComponentRegistry = {
  ...Object.fromEntries(INDICATORS.map((spec) => [spec.id, indicatorFactory(spec)])),
  ...Object.fromEntries(RULE_BASED_STRATEGIES.map((spec) => [spec.id, strategyFactory(spec)])),
  ...Object.fromEntries(DIVERGENCE_STRATEGIES.map((spec) => [spec.id, divergenceFactory(spec)])),
  ...Object.fromEntries(CLASSIFIERS.map((spec) => [spec.id, classifierFactory(spec)])),
  expression: expressionIndicatorFactory,
  rule_strategy: ruleStrategyFactory,
  risk_manager: riskFactory,
  simulated_broker: brokerFactory,
  portfolio: portfolioFactory,
};
