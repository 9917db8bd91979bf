/**
 * Nothing silent: every order cancelled, signal rejected, event dead-lettered or dropped on the
 * way is counted by reason and listed, whatever the monitoring switches say.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, loadBars, parseFlow } from '../../flow';
import { backtest, CROSSING, crossoverFlow } from '../components/hand-flows';
import type { PortfolioReport } from '../components/portfolio/component';
import { COMPONENTS } from '../components/registry';
import { headline, IncidentLedger } from './incidents';
import { createRun } from './run';
import { makeBars, testConfig, testRegistry } from './testing';

const root = resolve(import.meta.dirname, '../../..');

async function runYaml(text: string) {
  const parsed = parseFlow(text);
  if (!parsed.model) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  const config = compileFlow(parsed.model).config!;
  const loaded = await loadBars(config, {
    sample: async (file) => readFileSync(resolve(root, 'public/data', file), 'utf8'),
    csv: async () => undefined,
  });
  if (!loaded.ok) throw new Error('bars');
  const run = createRun(config, { bars: loaded.bars }, COMPONENTS);
  expect(run.runToEnd()).toBe('finished');
  return { run, parsed };
}

const CHAIN = `
containers:
  data: { component: sample_bars, params: { sample: aapl_daily } }
  fast: { component: sma, params: { period: 10 } }
  slow: { component: sma, params: { period: 20 } }
  cross: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_20 } }
  broker: { component: simulated_broker }
  book: { component: portfolio }
event_flow:
  - { type: pipeline, containers: [data, fast, slow, cross] }
  - { type: pipeline, containers: [broker, book] }
`;

describe('incidents', () => {
  it('lists each cancelled order with its reason, and puts cancellations in the headline', () => {
    // 100% of equity at the close: the next open is often higher, and the buy cannot be paid.
    const { run } = backtest(
      crossoverFlow({ sizing: 'percent_equity', equity_pct: 100 }, {}, 1000),
      CROSSING,
    );
    const report = run.incidents();
    expect(report.by_kind).toEqual({ cancelled_order: 1 });
    expect(report.entries[0]).toMatchObject({
      kind: 'cancelled_order',
      reason: 'insufficient_cash',
      container: 'broker',
      event_type: 'OrderEvent',
      symbol: 'XYZ',
    });
    expect(report.entries[0]!.detail).toMatch(/^order risk-1: insufficient cash: 83 × 12\.50/);
    expect(headline(report)).toBe('1 order cancelled (1 insufficient_cash)');
  });

  it('lists rejected signals with their reasons, and needs no monitoring switch for it', () => {
    const { run } = backtest(crossoverFlow({ sizing: 'fixed_fractional' }), CROSSING);
    const report = run.incidents();
    expect(report.counts).toEqual([
      {
        kind: 'rejected_signal',
        reason: 'needs_stop_loss',
        count: 1,
        example: 'cross: fixed-fractional sizing needs a stop loss above 0%',
      },
    ]);
    // Rejections alone are not a headline: the signal was refused by a rule the user set.
    expect(headline(report)).toBeNull();
  });

  it('counts a signal a route filter refuses as dropped, with the filter that refused it', async () => {
    // The seed's own event_system: a route limited to TradingSignal, with a strength filter, and
    // the signal-to-order transformation (checked on the signal, so its order crosses).
    const { run } = await runYaml(`${CHAIN}
event_system:
  routing:
    - { source: cross, targets: [broker], events: [TradingSignal], filters: ["event.strength > 0.1"] }
  transformations:
    - { from_event: TradingSignal, to_event: OrderEvent, transformer: signal_to_order_transformer }
`);
    const report = run.incidents();
    expect(report.counts.map((c) => [c.kind, c.reason])).toEqual([
      ['dropped_event', 'filter_condition'],
    ]);
    expect(report.entries[0]!.detail).toBe(
      'TradingSignal from "cross" reached no container: the filter "event.strength > 0.1" on the route to "broker" refused it',
    );
    expect(report.total).toBeGreaterThan(10);
    expect((run.results().book as PortfolioReport).fills.length).toBeGreaterThan(0);
  });

  it('counts signals nobody takes, and a selective source with no matching route', async () => {
    const nowhere = await runYaml(CHAIN);
    expect(nowhere.run.incidents().counts).toEqual([
      expect.objectContaining({ kind: 'dropped_event', reason: 'no_route' }),
    ]);
    const { run } = await runYaml(`${CHAIN}
  - type: selective
    source: cross
    routes:
      - { condition: "signal.strength > 2", target: broker }
`);
    const [count] = run.incidents().counts;
    expect(count).toMatchObject({ kind: 'dropped_event', reason: 'no_route_matched' });
    expect(count!.example).toMatch(/no selective route's condition held/);
  });

  it('counts dead letters and circuit breakers opening by reason, and headlines them', () => {
    const run = createRun(
      testConfig({
        containers: { data: 'synthetic_bars', fragile: 'thrower', end: 'sink' },
        patterns: [{ type: 'pipeline', containers: ['data', 'fragile', 'end'] }],
        params: { fragile: { every: 2 } },
        monitoring: { dead_letter_queue: false },
        breaker: { error_rate: 0.4, min_events: 4 },
      }),
      { bars: { data: [makeBars('X', [1, 2, 3, 4, 5, 6, 7, 8])] } },
      testRegistry,
    );
    run.runToEnd();
    const report = run.incidents();
    expect(report.counts.map((c) => [c.kind, c.reason, c.count])).toEqual([
      ['dead_letter', 'circuit_open', 4],
      ['dead_letter', 'handler_error', 2],
      ['breaker_opened', 'opened', 1],
    ]);
    expect(report.entries[0]).toMatchObject({
      kind: 'dead_letter',
      container: 'fragile',
      event_type: 'BarEvent',
      detail: 'BarEvent for "fragile": cannot handle close 2',
      details: { handler: 'thrower', from: 'data' },
    });
    expect(headline(report)).toBe(
      '6 dead letters (4 circuit_open, 2 handler_error); 1 circuit breaker opening (1 opened)',
    );
  });

  it('lists the first ten thousand and counts every one', () => {
    const ledger = new IncidentLedger(3);
    for (let i = 0; i < 5; i++)
      ledger.record({
        kind: 'dropped_event',
        time: i,
        container: 'a',
        event_type: 'TradingSignal',
        symbol: null,
        reason: i % 2 ? 'no_route' : 'event_type',
        detail: `drop ${i}`,
        correlation_id: null,
      });
    const report = ledger.report();
    expect([report.total, report.listed, report.entries.length]).toEqual([5, 3, 3]);
    expect(report.counts.map((c) => [c.reason, c.count, c.example])).toEqual([
      ['event_type', 3, 'drop 0'],
      ['no_route', 2, 'drop 1'],
    ]);
    expect(ledger.since(1).map((i) => i.detail)).toEqual(['drop 1', 'drop 2']);
  });
});
