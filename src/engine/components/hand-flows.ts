/**
 * Whole trading flows over bars written by hand, small enough to work every number out on paper:
 * the tests of fills, sizing, exits and the end of a test share them. Not used by the product.
 */
import type { EngineConfig } from '../config';
import { seriesFromRows } from '../data/bars';
import type { AnyEvent } from '../events';
import { createRun } from '../runtime/run';
import { DEFAULTS } from '../runtime/testing';
import type { PortfolioReport } from './portfolio/component';
import { COMPONENTS } from './registry';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);

export type Bar = readonly [open: number, high: number, low: number, close: number];

export function handBars(rows: readonly Bar[]) {
  return seriesFromRows(
    'XYZ',
    rows.map(([open, high, low, close], i) => ({
      timestamp: T0 + i * DAY,
      open,
      high,
      low,
      close,
      volume: 1000,
    })),
  );
}

// Closes 10, 10, 9.5, 12 → the close is below its 3-bar mean on bar 2 (the first bar both are
// known), crosses above it on bar 3; 9 on bar 5 crosses below.
export const CROSSING: readonly Bar[] = [
  [10, 10.5, 9.5, 10],
  [10, 10.5, 9.5, 10],
  [10, 10.5, 9.4, 9.5],
  [11, 12.2, 10.8, 12],
  [12.5, 13.5, 12.2, 13],
  [12, 12.5, 8.8, 9],
  [8.5, 9.2, 8.2, 9],
];

type Params = Record<string, unknown>;

/** data → SMA(1) (the close) → SMA(3) → crossover → risk → broker → portfolio. */
export function crossoverFlow(
  risk: Params,
  broker: Params = {},
  cash = 1000,
  strategy: Params = {},
): EngineConfig {
  const containers = [
    { name: 'data', component: 'synthetic_bars', params: {} },
    { name: 'fast', component: 'sma', params: { period: 1, source: 'close', name: '' } },
    { name: 'slow', component: 'sma', params: { period: 3, source: 'close', name: '' } },
    {
      name: 'cross',
      component: 'sma_crossover',
      params: { fast: 'SMA_1', slow: 'SMA_3', ...strategy },
    },
    { name: 'risk', component: 'risk_manager', params: { sizing: 'fixed', quantity: 10, ...risk } },
    {
      name: 'broker',
      component: 'simulated_broker',
      params: {
        fill_timing: 'next_open',
        slippage_model: 'zero',
        commission_model: 'fixed',
        commission_fixed: 1,
        ...broker,
      },
    },
    { name: 'book', component: 'portfolio', params: { initial_cash: cash } },
  ];
  return {
    containers,
    patterns: [{ type: 'pipeline', containers: containers.map((c) => c.name) }],
    ...DEFAULTS,
  };
}

/** Runs a flow over the bars to the end; every event emitted, and the portfolio's report. */
export function backtest(config: EngineConfig, rows: readonly Bar[]) {
  const events: AnyEvent[] = [];
  const run = createRun(config, { bars: { data: [handBars(rows)] } }, COMPONENTS, {
    observer: { onEvent: (event) => events.push(event) },
  });
  const status = run.runToEnd();
  if (status !== 'finished') throw new Error(`the run ${status}: ${run.failure?.message}`);
  const report = run.results().book as PortfolioReport;
  const of = <T extends AnyEvent['type']>(type: T) =>
    events.filter((event): event is Extract<AnyEvent, { type: T }> => event.type === type);
  return { run, report, events, of };
}
