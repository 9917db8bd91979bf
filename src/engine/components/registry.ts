/**
 * Every component the engine can run, by catalogue id. Data components are sources: the host
 * resolves their bars (src/engine/data/sources.ts), so they have no factory here.
 */

import { CLASSIFIERS, INDICATORS } from '../catalogue';
import { STRATEGY_COMPONENTS } from '../catalogue/strategies';
import type { ComponentRegistry } from '../runtime/types';
import { classifierFactory } from './classifiers/component';
import { brokerFactory } from './execution/component';
import { indicatorFactory } from './indicators/component';
import { portfolioFactory } from './portfolio/component';
import { riskFactory } from './risk/component';
import { expressionIndicatorFactory } from './rules/indicator';
import { ruleStrategyFactory } from './rules/strategy';
import { strategyFactory } from './strategies/component';

export const COMPONENTS: ComponentRegistry = {
  ...Object.fromEntries(INDICATORS.map((spec) => [spec.id, indicatorFactory(spec)])),
  ...Object.fromEntries(STRATEGY_COMPONENTS.map((spec) => [spec.id, strategyFactory(spec)])),
  ...Object.fromEntries(CLASSIFIERS.map((spec) => [spec.id, classifierFactory(spec)])),
  expression: expressionIndicatorFactory,
  rule_strategy: ruleStrategyFactory,
  risk_manager: riskFactory,
  simulated_broker: brokerFactory,
  portfolio: portfolioFactory,
};
