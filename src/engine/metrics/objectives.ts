/**
 * The metrics a sweep can rank runs by, and which way is better. One list for the flow's
 * `sweep.metric`, the results' heatmap and the walk-forward's optimisation.
 */
import type { Metrics } from './metrics';

export interface Objective {
  readonly key: keyof Metrics;
  readonly label: string;
  /** Whether a larger value is better (max drawdown: smaller is better). */
  readonly higherIsBetter: boolean;
  /** How the value reads: a fraction shown as a percent, a ratio, money or a count. */
  readonly format: 'percent' | 'ratio' | 'money' | 'count';
}

export const OBJECTIVES = [
  { key: 'sharpe', label: 'Sharpe', higherIsBetter: true, format: 'ratio' },
  { key: 'total_return', label: 'Total return', higherIsBetter: true, format: 'percent' },
  { key: 'cagr', label: 'CAGR', higherIsBetter: true, format: 'percent' },
  { key: 'sortino', label: 'Sortino', higherIsBetter: true, format: 'ratio' },
  { key: 'calmar', label: 'Calmar', higherIsBetter: true, format: 'ratio' },
  { key: 'max_drawdown', label: 'Max drawdown', higherIsBetter: false, format: 'percent' },
  { key: 'final_equity', label: 'Final equity', higherIsBetter: true, format: 'money' },
  { key: 'profit_factor', label: 'Profit factor', higherIsBetter: true, format: 'ratio' },
  { key: 'win_rate', label: 'Win rate', higherIsBetter: true, format: 'percent' },
  { key: 'expectancy', label: 'Expectancy', higherIsBetter: true, format: 'money' },
  { key: 'trades', label: 'Trades', higherIsBetter: true, format: 'count' },
  { key: 'exposure', label: 'Exposure', higherIsBetter: true, format: 'percent' },
  {
    key: 'annual_volatility',
    label: 'Annual volatility',
    higherIsBetter: false,
    format: 'percent',
  },
] as const satisfies readonly Objective[];

export type ObjectiveKey = (typeof OBJECTIVES)[number]['key'];

export const OBJECTIVE_KEYS = OBJECTIVES.map((objective) => objective.key) as [
  ObjectiveKey,
  ...ObjectiveKey[],
];

export function findObjective(key: string): Objective | undefined {
  return OBJECTIVES.find((objective) => objective.key === key);
}
