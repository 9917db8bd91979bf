/**
 * Strategies written as rule expressions: a divergence is a new low (high) of the close that the
 * oscillator does not confirm, which the expression language says directly with lowest/highest
 * over earlier bars. The strategy's parameters fill in the expressions; the rule strategy runs them.
 */
import type { ComponentSpec } from '../../catalogue/types';
import type { ComponentFactory } from '../../component';
import { featureRefs } from '../strategies/component';
import { ruleStrategyFactory } from './strategy';

type Params = Readonly<Record<string, unknown>>;

/** The rule strategy's conditions for a divergence strategy's parameters. */
export function divergenceRules(spec: ComponentSpec, params: Params): Record<string, string> {
  const ref = featureRefs(spec, params).get('oscillator')!;
  const x = ref.output ? `${ref.name}.${ref.output}` : ref.name;
  const n = Math.max(2, Math.round(Number(params.lookback)));
  const [low, high, exit] = ['oversold', 'overbought', 'exit_level'].map((k) => Number(params[k]));
  return {
    long_entry: `close < lowest(close[1], ${n}) and ${x} > lowest(${x}[1], ${n}) and ${x} < ${low}`,
    long_exit: `${x} >= ${exit}`,
    short_entry: `close > highest(close[1], ${n}) and ${x} < highest(${x}[1], ${n}) and ${x} > ${high}`,
    short_exit: `${x} <= ${exit}`,
    strength: '1',
    classifier: '',
  };
}

export function divergenceFactory(spec: ComponentSpec): ComponentFactory<Params> {
  return (params, env) => ruleStrategyFactory(divergenceRules(spec, params), env);
}
