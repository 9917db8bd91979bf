/**
 * Generated flows for property tests: the shapes of every orchestration pattern (and declared
 * routes with filters and a transformation) over the test registry's components, two symbols of
 * bars, and fast-check arbitraries for faults, retry policies, breakers and tight buses.
 */
import fc from 'fast-check';
import type { PatternConfig, RouteConfig } from '../config';
import { makeBars, type TestFlow } from './testing';
import type { RunInput } from './types';

const CLOSES = Array.from({ length: 24 }, (_, i) => 95 + ((i * 7) % 13));
export const input: RunInput = {
  bars: {
    data: [
      makeBars('AAA', CLOSES),
      makeBars(
        'BBB',
        CLOSES.map((c) => c + 1),
      ),
    ],
  },
};

export const PATTERNS: Record<
  string,
  Pick<TestFlow, 'containers' | 'patterns' | 'routes' | 'params'>
> = {
  pipeline: {
    containers: { data: 'synthetic_bars', ind: 'tagger', gen: 'signaller', out: 'sink' },
    patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'gen', 'out'] }],
  },
  broadcast: {
    containers: { data: 'synthetic_bars', a: 'tagger', b: 'signaller', c: 'sink', join: 'sink' },
    patterns: [
      { type: 'broadcast', source: 'data', targets: ['a', 'b', 'c'] },
      { type: 'pipeline', containers: ['a', 'join'] },
      { type: 'pipeline', containers: ['b', 'join'] },
    ],
  },
  hierarchical: {
    containers: {
      data: 'synthetic_bars',
      regime: 'regime',
      up: 'signaller',
      down: 'signaller',
      out: 'sink',
    },
    params: { regime: { level: 100 } },
    patterns: [
      { type: 'pipeline', containers: ['data', 'regime'] },
      {
        type: 'hierarchical',
        parent: 'regime',
        children: [
          { name: 'up', regime: 'up' },
          { name: 'down', regime: 'down' },
        ],
      },
      { type: 'broadcast', source: 'up', targets: ['out'] },
      { type: 'broadcast', source: 'down', targets: ['out'] },
    ] satisfies PatternConfig[],
  },
  selective: {
    containers: {
      data: 'synthetic_bars',
      gen: 'signaller',
      high: 'sink',
      mid: 'market',
      low: 'sink',
    },
    patterns: [
      { type: 'pipeline', containers: ['data', 'gen'] },
      {
        type: 'selective',
        source: 'gen',
        routes: [
          { condition: 'signal.strength > 0.6', target: 'high' },
          { condition: 'signal.strength > 0.3', target: 'mid' },
        ],
        default: 'low',
      },
    ],
  },
  routing: {
    containers: { data: 'synthetic_bars', ind: 'tagger', gen: 'signaller', broker: 'market' },
    routes: [
      { source: 'data', targets: ['ind'], events: ['BarEvent'] },
      { source: 'ind', targets: ['gen'], filters: ['event.type == "BarEvent" or event.value > 0'] },
      {
        source: 'gen',
        targets: ['broker'],
        events: ['TradingSignal', 'BarEvent'],
        filters: ['not signal or signal.strength > 0.2'],
        transform: { transformer: 'signal_to_order_transformer', params: { quantity: 5 } },
      },
    ] satisfies RouteConfig[],
  },
};

export const faults = fc.record({
  failure_rate: fc.double({ min: 0, max: 0.6, noNaN: true }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  fail_on: fc.integer({ min: 0, max: 40 }),
  fail_times: fc.integer({ min: 1, max: 6 }),
});
export const retry = fc.record({
  max_attempts: fc.integer({ min: 1, max: 4 }),
  backoff: fc.integer({ min: 0, max: 3 }),
  backoff_unit: fc.constantFrom('events' as const, 'bars' as const),
  backoff_multiplier: fc.constantFrom(1, 2),
});
export const breaker = fc.record({
  error_rate: fc.double({ min: 0.05, max: 1, noNaN: true }),
  min_events: fc.integer({ min: 1, max: 10 }),
  window: fc.integer({ min: 1, max: 30 }),
  reset_after: fc.integer({ min: 0, max: 5 }),
  reset_unit: fc.constantFrom('events' as const, 'bars' as const),
  half_open_events: fc.integer({ min: 1, max: 3 }),
});
export const bus = fc.record({
  queue_size: fc.integer({ min: 1, max: 8 }),
  batch_size: fc.integer({ min: 1, max: 4 }),
  overflow: fc.constantFrom('dead_letter' as const, 'drop_oldest' as const),
});

/**
 * A pattern's shape with faults injected into some of its containers (at least `minFaulty`), a
 * retry policy, a breaker and, sometimes, a tight bus.
 */
export function troubledFlow(shape: TestFlow, minFaulty = 0): fc.Arbitrary<TestFlow> {
  const targets = Object.keys(shape.containers).filter((c) => c !== 'data');
  return fc
    .tuple(
      fc.subarray(targets, { minLength: minFaulty }),
      faults,
      retry,
      breaker,
      fc.option(bus, { nil: undefined }),
    )
    .map(([faulty, fault, policy, breakerSettings, tight]) => ({
      ...shape,
      faults: Object.fromEntries(faulty.map((c) => [c, fault])),
      retry: { default: policy },
      breaker: breakerSettings,
      ...(tight ? { bus: { ...tight, timeout_ms: 10 } } : {}),
    }));
}
