/** The catalogue's transformers on routes: what each makes, declines, and where it applies. */
import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_META_FIELDS } from '../catalogue/transformers';
import type { AnyEvent, OrderEvent } from '../events';
import { createRun } from './run';
import { makeBars, seen, type TestFlow, testConfig, testRegistry } from './testing';
import { createTransformer } from './transformers';
import type { RunInput } from './types';

const input: RunInput = { bars: { data: [makeBars('AAA', [101, 102, 103, 104, 105])] } };
const start = (flow: TestFlow) => createRun(testConfig(flow), input, testRegistry);
const received = (name: string) =>
  seen.filter(({ container }) => container === name).map(({ event }) => event);
const context = { nextOrderId: () => 'o1', price: () => 50 };

beforeEach(() => {
  seen.length = 0;
});

function order(fields: Partial<OrderEvent>): AnyEvent {
  return {
    type: 'OrderEvent',
    event_id: 'e1',
    correlation_id: 'e1',
    causation_id: null,
    timestamp: 0,
    source: 'risk',
    seq: 1,
    trade_id: 'T1',
    order_id: 'o1',
    symbol: 'AAA',
    side: 'BUY',
    quantity: 100,
    order_type: 'MARKET',
    price: null,
    stop_loss: null,
    take_profit: null,
    trailing_stop_pct: null,
    max_holding_bars: null,
    position_size_pct: 0,
    strategy_id: 's',
    reason: 'entry',
    ...fields,
  } as AnyEvent;
}

describe('order risk check', () => {
  const check = (params: Record<string, unknown>, fields: Partial<OrderEvent> = {}) => {
    const transformer = createTransformer('order_risk_check_transformer', params);
    if (typeof transformer === 'string') throw new Error(transformer);
    return transformer.transform(order(fields), context) as Partial<OrderEvent> | null;
  };

  it('cuts an order down to the largest quantity and value', () => {
    expect(check({ max_quantity: 40 })).toMatchObject({ quantity: 40, order_id: 'o1' });
    // 100 × 50 = 5,000 over 1,200: 24 shares at this bar's close of 50.
    expect(check({ max_notional: 1200 })).toMatchObject({ quantity: 24 });
    // A limit order is valued at its own price.
    expect(check({ max_notional: 1200 }, { order_type: 'LIMIT', price: 40 })).toMatchObject({
      quantity: 30,
    });
    expect(check({})).toMatchObject({ quantity: 100 });
  });

  it('refuses instead when told to, and refuses short entries when told to', () => {
    expect(check({ max_quantity: 40, on_breach: 'reject' })).toBeNull();
    expect(check({ block_short_entries: true }, { side: 'SELL' })).toBeNull();
    expect(check({ block_short_entries: true }, { side: 'SELL', reason: 'exit' })).not.toBeNull();
  });

  it('never passes on the stamps of the original', () => {
    const made = check({}) as Record<string, unknown>;
    for (const key of ['event_id', 'seq', 'type', 'trade_id', 'correlation_id']) {
      expect(made).not.toHaveProperty(key);
    }
  });
});

describe('fill to portfolio update', () => {
  it('books fills into cash, positions and realised P&L', () => {
    const transformer = createTransformer('fill_to_portfolio_update_transformer', {
      initial_cash: 1000,
    });
    if (typeof transformer === 'string') throw new Error(transformer);
    const fill = (side: 'BUY' | 'SELL', quantity: number, price: number) =>
      ({
        ...order({}),
        type: 'FillEvent',
        side,
        quantity,
        price,
        commission: 1,
        slippage: 0,
      }) as unknown as AnyEvent;
    expect(transformer.transform(fill('BUY', 10, 20), context)).toEqual({
      cash: 799,
      total_value: 999,
      positions: { AAA: 10 },
      unrealized_pnl: 0,
      realized_pnl: -1,
    });
    expect(transformer.transform(fill('SELL', 10, 25), context)).toEqual({
      cash: 1048,
      total_value: 1048,
      positions: {},
      unrealized_pnl: 0,
      realized_pnl: 48,
    });
  });
});

describe('enrichment', () => {
  it('adds a computed field that a filter further on can read', () => {
    const run = start({
      containers: { data: 'synthetic_bars', mid: 'relay', out: 'sink' },
      routes: [
        {
          source: 'data',
          targets: ['mid'],
          transform: {
            transformer: 'enrich_transformer',
            params: { field: 'range_pct', expression: '(bar.high - bar.low) / bar.close * 100' },
          },
        },
        { source: 'mid', targets: ['out'], filters: ['event.range_pct < 1.95'] },
      ],
    });
    expect(run.runToEnd()).toBe('finished');
    const bars = received('out') as unknown as { close: number; range_pct: number }[];
    // The range is 2 on every bar: 2/close×100 < 1.95 from a close of 103 on.
    expect(bars.map((bar) => bar.close)).toEqual([103, 104, 105]);
    expect(bars[0]!.range_pct).toBeCloseTo(200 / 103, 12);
    const counters = run.counters().find((c) => c.name === 'data')!;
    expect(counters.filtered_by_rule.transformed).toBe(5);
  });

  it('adds its field to indicator events too', () => {
    const enrich = {
      transformer: 'enrich_transformer',
      params: { field: 'doubled', expression: 'event.value * 2' },
    };
    const run = start({
      containers: { data: 'synthetic_bars', ind: 'tagger', out: 'sink' },
      patterns: [{ type: 'pipeline', containers: ['data', 'ind'] }],
      routes: [{ source: 'ind', targets: ['out'], transform: enrich }],
    });
    expect(run.runToEnd()).toBe('finished');
    const indicators = received('out').filter((event) => event.type === 'IndicatorEvent');
    expect(indicators.map((event) => (event as unknown as { doubled: number }).doubled)).toEqual([
      202, 204, 206, 208, 210,
    ]);
    // The indicator's fields, the added one, then the stamps, in the order stamping gives.
    const fields = ['indicator_name', 'symbol', 'value', 'outputs', 'confidence', 'metadata'];
    expect(Object.keys(indicators[0]!)).toEqual([...fields, 'doubled', ...EVENT_META_FIELDS]);
  });

  it('refuses an expression that does not parse, and a field every event has', () => {
    expect(
      createTransformer('enrich_transformer', { field: 'x', expression: 'event.close >' }),
    ).toMatch(/expression does not parse/);
    expect(createTransformer('enrich_transformer', { field: 'seq', expression: '1' })).toMatch(
      /"seq" cannot be added/,
    );
    expect(() =>
      start({
        containers: { data: 'synthetic_bars', out: 'sink' },
        routes: [
          {
            source: 'data',
            targets: ['out'],
            transform: { transformer: 'enrich_transformer', params: { expression: '1 +' } },
          },
        ],
      }),
    ).toThrow(/the route data → out: Transformer "enrich_transformer": expression does not parse/);
  });
});

describe('where transformations apply', () => {
  it('applies a route’s own transformation even into a container that consumes the original', () => {
    start({
      containers: { data: 'synthetic_bars', gen: 'signaller', out: 'sink' },
      patterns: [{ type: 'pipeline', containers: ['data', 'gen'] }],
      routes: [
        {
          source: 'gen',
          targets: ['out'],
          events: ['TradingSignal'],
          transform: { transformer: 'signal_to_order_transformer', params: { quantity: 7 } },
        },
      ],
    }).runToEnd();
    const got = received('out');
    expect(got.map((event) => event.type)).toEqual(Array(5).fill('OrderEvent'));
    expect(got[0]).toMatchObject({ quantity: 7, source: 'gen' });
  });

  it('carries a signal through a relay to the route that turns it into an order', () => {
    start({
      containers: { data: 'synthetic_bars', gen: 'signaller', mid: 'relay', broker: 'market' },
      patterns: [{ type: 'pipeline', containers: ['data', 'gen', 'mid'] }],
      routes: [
        {
          source: 'mid',
          targets: ['broker'],
          transform: { transformer: 'signal_to_order_transformer' },
        },
      ],
    }).runToEnd();
    expect(received('broker').filter((event) => event.type === 'OrderEvent')).toHaveLength(5);
  });

  it('applies a same-type transformation of event_system on routes into a container that consumes it', () => {
    start({
      containers: { data: 'synthetic_bars', gen: 'signaller', broker: 'market', out: 'sink' },
      patterns: [
        { type: 'pipeline', containers: ['data', 'gen'] },
        { type: 'broadcast', source: 'gen', targets: ['broker', 'out'] },
      ],
      transformations: [
        {
          from_event: 'TradingSignal',
          to_event: 'OrderEvent',
          transformer: 'signal_to_order_transformer',
          params: { quantity: 100 },
        },
        {
          from_event: 'OrderEvent',
          to_event: 'OrderEvent',
          transformer: 'order_risk_check_transformer',
          params: { max_quantity: 30 },
        },
      ],
    }).runToEnd();
    const orders = received('broker').filter((event) => event.type === 'OrderEvent');
    // The signal became an order for the broker, which the risk check cut down; the sink
    // consumes signals, so it got those.
    expect(orders.map((event) => (event as OrderEvent).quantity)).toEqual(Array(5).fill(30));
    expect(received('out').filter((event) => event.type === 'TradingSignal')).toHaveLength(5);
  });
});
