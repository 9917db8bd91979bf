import { CLASSIFIER_COMPONENTS } from './classifiers';
import { DATA_COMPONENTS } from './data';
import { EXECUTION_COMPONENTS } from './execution';
import { INDICATOR_COMPONENTS } from './indicators';
import { OSCILLATOR_COMPONENTS } from './oscillators';
import { PORTFOLIO_COMPONENTS } from './portfolio';
import { REGIME_CLASSIFIERS } from './regime-classifiers';
import { RISK_COMPONENTS } from './risk';
import { FORMULA_INDICATORS, RULE_STRATEGIES } from './rules';
import { STATISTICS_INDICATORS } from './statistics';
import { STRATEGY_COMPONENTS } from './strategies';
import { DIVERGENCE_STRATEGIES, FAMILY_STRATEGIES } from './strategy-families';
import { TREND_INDICATORS } from './trend-indicators';
import type { ComponentSpec, ContainerKind, ParamSpec } from './types';

export * from './eventSystem';
export { SAMPLE_SETS, type SampleSetId } from './samples';
export * from './transformers';
export * from './types';

/** Every strategy written as a rule of strategies/rules.ts or families.ts. */
export const RULE_BASED_STRATEGIES: readonly ComponentSpec[] = [
  ...STRATEGY_COMPONENTS,
  ...FAMILY_STRATEGIES,
];
export { DIVERGENCE_STRATEGIES };

/** Every classifier. */
export const CLASSIFIERS: readonly ComponentSpec[] = [
  ...CLASSIFIER_COMPONENTS,
  ...REGIME_CLASSIFIERS,
];

/** Every indicator with a calculator (the expression indicator has its own component). */
export const INDICATORS: readonly ComponentSpec[] = [
  ...INDICATOR_COMPONENTS,
  ...TREND_INDICATORS,
  ...OSCILLATOR_COMPONENTS,
  ...STATISTICS_INDICATORS,
];

/** Every component Flow Studio knows, in palette order. */
export const CATALOGUE: readonly ComponentSpec[] = [
  ...DATA_COMPONENTS,
  ...INDICATORS,
  ...FORMULA_INDICATORS,
  ...RULE_STRATEGIES,
  ...STRATEGY_COMPONENTS,
  ...FAMILY_STRATEGIES,
  ...DIVERGENCE_STRATEGIES,
  ...CLASSIFIER_COMPONENTS,
  ...REGIME_CLASSIFIERS,
  ...RISK_COMPONENTS,
  ...EXECUTION_COMPONENTS,
  ...PORTFOLIO_COMPONENTS,
];

const BY_ID: ReadonlyMap<string, ComponentSpec> = new Map(CATALOGUE.map((spec) => [spec.id, spec]));

export function findComponent(id: string): ComponentSpec | undefined {
  return BY_ID.get(id);
}

export function componentsOfKind(kind: ContainerKind): readonly ComponentSpec[] {
  return CATALOGUE.filter((spec) => spec.kind === kind);
}

/** The parameters a new container of this component starts with. */
export function defaultParams(spec: ComponentSpec): Record<string, ParamSpec['default']> {
  return Object.fromEntries(
    Object.entries(spec.params).map(([name, param]) => [name, param.default]),
  );
}

/** Whether a parameter applies given the others' values (see ParamSpec.visibleWhen). */
export function isParamActive(
  param: ParamSpec,
  values: Readonly<Record<string, unknown>>,
): boolean {
  if (!param.visibleWhen) return true;
  const current = values[param.visibleWhen.param];
  return param.visibleWhen.in.some((option) => option === current);
}
