/**
 * The standard flow the engine benchmarks run (bench/backtest, bench/peers, bench/memory): bars →
 * two SMAs → crossover → percent of equity sizing → market orders at the next open with a
 * percentage commission → portfolio, as one pipeline.
 */
import {
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_MONITORING,
  DEFAULT_RUN,
  type EngineConfig,
} from '../../src/engine/config';
import type { BarSeries } from '../../src/engine/data/bars';
import { generateSynthetic } from '../../src/engine/data/synthetic';

export const STANDARD = { equityPct: 95, commissionPct: 0.1, cash: 100_000 } as const;

export const MONITORING_OFF = {
  trace_events: false,
  correlation_tracking: false,
  performance_metrics: false,
  dead_letter_queue: false,
};

/** The standard flow with SMA periods `fast` / `slow`; monitoring off unless asked for. */
export function standardFlow(fast: number, slow: number, monitoring = false): EngineConfig {
  const containers = [
    { name: 'data', component: 'synthetic_bars', params: {} },
    { name: 'fast', component: 'sma', params: { period: fast, source: 'close', name: '' } },
    { name: 'slow', component: 'sma', params: { period: slow, source: 'close', name: '' } },
    {
      name: 'cross',
      component: 'sma_crossover',
      params: { fast: `SMA_${fast}`, slow: `SMA_${slow}` },
    },
    {
      name: 'risk',
      component: 'risk_manager',
      params: { sizing: 'percent_equity', equity_pct: STANDARD.equityPct },
    },
    {
      name: 'broker',
      component: 'simulated_broker',
      params: {
        fill_timing: 'next_open',
        commission_model: 'percentage',
        commission_pct: STANDARD.commissionPct,
      },
    },
    { name: 'book', component: 'portfolio', params: { initial_cash: STANDARD.cash } },
  ];
  return {
    containers,
    patterns: [{ type: 'pipeline', containers: containers.map((c) => c.name) }],
    routes: [],
    transformations: [],
    eventSystem: {
      buses: { default: DEFAULT_BUS },
      monitoring: monitoring ? DEFAULT_MONITORING : MONITORING_OFF,
      circuit_breaker: DEFAULT_CIRCUIT_BREAKER,
    },
    run: DEFAULT_RUN,
  };
}

/** The engine benchmarks' bars: one symbol of synthetic one-minute bars, mixed regimes, seed 7. */
export function benchBars(count: number): BarSeries {
  const [bars] = generateSynthetic({
    symbols: ['BENCH'],
    regime: 'mixed',
    interval: '1m',
    bars: count,
    seed: 7,
    startPrice: 100,
    startDate: '2020-01-01',
  });
  return bars!;
}
