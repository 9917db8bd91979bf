/**
 * The SMA-crossover flow over synthetic bars that the queue's tests and benchmark sweep: its grid
 * (lists or ranges, as YAML) and its size are theirs to choose, so each can pick cells long enough
 * for what it does (killing a worker in the middle of one) and as few as it needs.
 */
export interface SmaGrid {
  readonly name: string;
  readonly bars: number;
  readonly seed: number;
  readonly interval?: '1m' | '1d';
  /** The periods and the equity share, as YAML: a number, a list or a range. */
  readonly fast: string;
  readonly slow: string;
  readonly equity?: string;
}

export function smaGridFlow(grid: SmaGrid): string {
  return `name: ${grid.name}
containers:
  data: { component: synthetic_bars, params: { symbols: TEST, regime: mixed, interval: ${grid.interval ?? '1m'}, bars: ${grid.bars}, seed: ${grid.seed} } }
  sma_fast: { component: sma, params: { period: ${grid.fast} } }
  sma_slow: { component: sma, params: { period: ${grid.slow} } }
  crossover: { component: sma_crossover, params: { fast: sma_fast, slow: sma_slow } }
  risk: { component: risk_manager, params: { sizing: percent_equity, equity_pct: ${grid.equity ?? '95'} } }
  broker: { component: simulated_broker, params: { fill_timing: next_open, commission_model: percentage, commission_pct: 0.1 } }
  portfolio: { component: portfolio, params: { initial_cash: 100000 } }
event_flow:
  - type: pipeline
    containers: [data, sma_fast, sma_slow, crossover, risk, broker, portfolio]
`;
}
