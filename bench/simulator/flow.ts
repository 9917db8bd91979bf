/**
 * The flow bench/simulator runs in the browser and on the headless host: the standard flow of
 * bench/backtest as YAML, with monitoring on (the app's default), over synthetic bars (seed 7).
 */
export function millionBarFlow(bars: number): string {
  return `name: Standard flow, a million bars
containers:
  data:
    component: synthetic_bars
    params: { symbols: SYN, regime: mixed, interval: 1m, bars: ${bars}, seed: 7 }
  sma_fast:
    component: sma
    params: { period: 10 }
  sma_slow:
    component: sma
    params: { period: 30 }
  crossover:
    component: sma_crossover
    params: { fast: SMA_10, slow: SMA_30 }
  risk:
    component: risk_manager
    params: { sizing: percent_equity, equity_pct: 95 }
  broker:
    component: simulated_broker
    params: { fill_timing: next_open, commission_model: percentage, commission_pct: 0.1 }
  portfolio:
    component: portfolio
    params: { initial_cash: 100000 }
event_flow:
  - type: pipeline
    containers: [data, sma_fast, sma_slow, crossover, risk, broker, portfolio]
layout:
  data: [0, 0]
  sma_fast: [240, 0]
  sma_slow: [480, 0]
  crossover: [720, 0]
  risk: [240, 170]
  broker: [480, 170]
  portfolio: [720, 170]
`;
}
