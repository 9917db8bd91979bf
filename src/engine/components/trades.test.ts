/**
 * Trade ids through whole flows of the real components: every event of a round trip, from the
 * signal that opens it to the fill that closes it, shares one id, and its trace holds both ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, DEFAULT_RETRY, type EngineConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import type { AnyEvent, FillEvent } from '../events';
import { createRun } from '../runtime/run';
import { DEFAULTS } from '../runtime/testing';
import type { PortfolioReport } from './portfolio/component';
import { COMPONENTS } from './registry';

function flow(risk: Record<string, unknown>): EngineConfig {
  const containers = [
    { name: 'data', component: 'synthetic_bars', params: {} },
    { name: 'fast', component: 'sma', params: { period: 5, source: 'close', name: '' } },
    { name: 'slow', component: 'sma', params: { period: 20, source: 'close', name: '' } },
    { name: 'cross', component: 'sma_crossover', params: { fast: 'SMA_5', slow: 'SMA_20' } },
    { name: 'risk', component: 'risk_manager', params: { sizing: 'fixed', quantity: 10, ...risk } },
    { name: 'broker', component: 'simulated_broker', params: {} },
    { name: 'book', component: 'portfolio', params: { initial_cash: 100_000 } },
  ];
  return {
    containers,
    patterns: [{ type: 'pipeline', containers: containers.map((c) => c.name) }],
    ...DEFAULTS,
  };
}

function backtest(config: EngineConfig) {
  const events: AnyEvent[] = [];
  const bars = generateSynthetic({
    symbols: ['SYN'],
    regime: 'mixed',
    interval: '1d',
    bars: 400,
    seed: 3,
    startPrice: 100,
    startDate: '2020-01-02',
  });
  const run = createRun(config, { bars: { data: bars } }, COMPONENTS, {
    observer: { onEvent: (event) => events.push(event) },
  });
  expect(run.runToEnd()).toBe('finished');
  const report = run.results().book as PortfolioReport;
  return { run, events, report };
}

const fills = (events: readonly AnyEvent[]) =>
  events.filter((event): event is FillEvent => event.type === 'FillEvent');

describe('trade ids', () => {
  it('give a round trip’s entry and exit one id, and each trade its own', () => {
    const { events, report } = backtest(flow({}));
    expect(report.trades.length).toBeGreaterThan(3);
    const byId = new Map(fills(events).map((fill) => [fill.event_id, fill]));
    const all = fills(events);
    expect(all.every((fill) => fill.trade_id !== null)).toBe(true);
    // Fills alternate entry, exit: each pair shares an id, and no two pairs do.
    const ids = all.map((fill) => fill.trade_id);
    for (let i = 0; i + 1 < ids.length; i += 2) expect(ids[i]).toBe(ids[i + 1]);
    expect(new Set(ids).size).toBe(Math.ceil(ids.length / 2));
    // Every order belongs to a trade its fills share, and so does the signal it came from. (A
    // SELL while flat and long only opens nothing: its id belongs to no fill.)
    const byEventId = new Map(events.map((event) => [event.event_id, event]));
    for (const event of events) {
      if (event.type !== 'OrderEvent') continue;
      expect(ids).toContain(event.trade_id);
      expect(byEventId.get(event.causation_id!)!.trade_id).toBe(event.trade_id);
    }
    expect(byId.size).toBe(all.length);
    // Bars and indicators belong to no trade.
    expect(events.find((event) => event.type === 'BarEvent')!.trade_id).toBeNull();
  });

  it('split a reversal: the exit closes one trade, the entry opens the next', () => {
    const { events } = backtest(flow({ allow_short: true }));
    const all = fills(events);
    const reversals = all.filter((fill) => fill.reason === 'reverse');
    expect(reversals.length).toBeGreaterThan(0);
    for (const exit of reversals) {
      const entry = all.find(
        (fill) =>
          fill.seq > exit.seq && fill.timestamp === exit.timestamp && fill.reason === 'entry',
      )!;
      expect(entry.trade_id).not.toBe(exit.trade_id);
      const before = all.filter((fill) => fill.seq < exit.seq && fill.trade_id === exit.trade_id);
      expect(before.length).toBeGreaterThan(0);
    }
  });

  it('carry through an exit the broker makes itself (a stop loss)', () => {
    const { events } = backtest(flow({ stop_loss_pct: 1 }));
    const stops = fills(events).filter((fill) => fill.reason === 'stop_loss');
    expect(stops.length).toBeGreaterThan(0);
    for (const stop of stops) {
      const entry = fills(events).find(
        (fill) => fill.trade_id === stop.trade_id && fill.reason === 'entry',
      );
      expect(entry).toBeDefined();
    }
  });

  it('trace a whole trade: the entry chain, the bars held, the exit chain', () => {
    const { run, events } = backtest(flow({}));
    const exit = fills(events).find((fill) => fill.reason === 'exit')!;
    const trade = run.tradeTrace(exit.trade_id!)!;
    expect(trade.chains).toHaveLength(2);
    const [entry, close] = trade.chains;
    expect(entry!.chain.map((link) => link.event.type)).toEqual([
      'BarEvent',
      'IndicatorEvent',
      'IndicatorEvent',
      'TradingSignal',
      'OrderEvent',
      'FillEvent',
      'PortfolioUpdateEvent',
    ]);
    expect(close!.chain.map((link) => link.event.type).slice(-4)).toEqual([
      'TradingSignal',
      'OrderEvent',
      'FillEvent',
      'PortfolioUpdateEvent',
    ]);
    expect(trade.opened_bar).not.toBeNull();
    expect(trade.closed_bar!).toBeGreaterThan(trade.opened_bar!);
    expect(trade.closed_time).toBe(exit.timestamp);
    expect(trade.missing).toBe(0);
    // Only the trade's events, their causes and the indicators of the bar.
    expect(
      entry!.chain.every(
        (link) => link.event.trade_id === exit.trade_id || link.event.trade_id === null,
      ),
    ).toBe(true);
  });
});

describe('faults in a real flow', () => {
  it('keep the accounting exact and the trades whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        (seed, rate, attempts) => {
          const config = flow({});
          const { run, report } = backtest({
            ...config,
            eventSystem: {
              ...config.eventSystem,
              faults: {
                broker: { ...DEFAULT_FAULTS, failure_rate: rate, seed, events: ['OrderEvent'] },
                risk: { ...DEFAULT_FAULTS, failure_rate: rate / 2, seed: seed + 1 },
              },
              retry: {
                default: { ...DEFAULT_RETRY, max_attempts: attempts, backoff_unit: 'bars' },
              },
            },
          });
          for (const c of run.counters()) {
            expect(c.dispatched, c.name).toBe(
              c.delivered + c.retried_delivered + c.filtered + c.dead_lettered,
            );
          }
          // Whatever was lost, the book still balances: cash + positions = equity.
          expect(report.final_equity).toBeGreaterThan(0);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);
});
