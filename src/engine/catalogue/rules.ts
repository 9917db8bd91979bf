/**
 * The components users fill with their own logic, in the rule expression language: a strategy
 * with entry and exit conditions, and an indicator computed by a formula from other indicators.
 */
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const condition = (label: string, description: string, fallback: string) =>
  ({
    type: 'expression',
    label,
    description,
    default: fallback,
    scope: 'strategy',
    optional: true,
    placeholder: 'never',
    key: true,
  }) as const;

export const ruleStrategy = defineSpec({
  id: 'rule_strategy',
  kind: 'strategy',
  group: 'Your own rules',
  label: 'Rule strategy',
  description:
    'Your own entry and exit conditions for long and short positions, written as expressions over the bar, the indicators upstream, earlier bars (close[1]), the position and the regime.',
  keywords: ['custom', 'conditions', 'expression', 'pine', 'entry', 'exit', 'when'],
  consumes: ['BarEvent', 'IndicatorEvent'],
  emits: ['TradingSignal'],
  params: {
    long_entry: condition(
      'Long entry',
      'Go long on the bar where this holds (when flat, or reversing from short).',
      'crosses_above(close, SMA_20)',
    ),
    long_exit: condition(
      'Long exit',
      'Close a long position on the bar where this holds.',
      'crosses_below(close, SMA_20)',
    ),
    short_entry: condition(
      'Short entry',
      'Go short on the bar where this holds (when flat, or reversing from long). Empty: never.',
      '',
    ),
    short_exit: condition(
      'Short exit',
      'Close a short position on the bar where this holds. Empty: never.',
      '',
    ),
    strength: {
      type: 'expression',
      label: 'Strength',
      description:
        'The signal strength, a number from 0 to 1 (clamped), read when a position is taken; the risk manager can refuse weak signals.',
      default: '1',
      scope: 'strategy',
    },
    classifier: {
      type: 'string',
      label: 'Regime from',
      description:
        'The classifier container whose regime `regime` reads. Empty: the classifier upstream.',
      default: '',
      pattern: '^([A-Za-z][A-Za-z0-9_]*)?$',
    },
  },
});

export const expressionIndicator = defineSpec({
  id: 'expression',
  kind: 'indicator',
  group: 'Your own formulas',
  label: 'Expression',
  description:
    'A named feature computed on every bar by a formula over the bar, other indicators and earlier bars: a spread, a ratio, a z-score. Strategies and routes read it like any indicator.',
  keywords: ['formula', 'custom', 'spread', 'z-score', 'ratio', 'derived', 'feature'],
  nameTemplate: 'EXPR',
  outputs: ['value'],
  consumes: ['BarEvent', 'IndicatorEvent'],
  emits: ['IndicatorEvent'],
  params: {
    formula: {
      type: 'expression',
      label: 'Formula',
      description:
        'A number computed each bar, e.g. (close - SMA_20) / stdev(close, 20). No value (warming up) emits nothing.',
      default: 'close - SMA_20',
      scope: 'indicator',
      key: true,
    },
    name: {
      type: 'string',
      label: 'Name',
      description: 'The indicator_name its events carry, which strategies and routes refer to.',
      default: 'EXPR',
      pattern: '^[A-Za-z][A-Za-z0-9_]*$',
      key: true,
    },
  },
});

export const RULE_STRATEGIES: readonly ComponentSpec[] = [ruleStrategy];
export const FORMULA_INDICATORS: readonly ComponentSpec[] = [expressionIndicator];
