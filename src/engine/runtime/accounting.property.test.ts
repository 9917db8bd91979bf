/**
 * Accounting stays exact under faults: for every container and in total, every dispatch ends as
 * delivered, delivered after retries, filtered, dead-lettered, or (mid-run) still waiting in an
 * inbox or for a retry. Checked over random fault seeds, rates, retry policies, breakers and
 * tight queues, on every pattern, at the end of the run and at random pauses in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatternConfig, RouteConfig } from '../config';
import { createRun, type Run } from './run';
import { makeBars, type TestFlow, testConfig, testRegistry } from './testing';
import type { RunInput } from './types';

const CLOSES = Array.from({ length: 24 }, (_, i) => 95 + ((i * 7) % 13));
const input: RunInput = {
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

const PATTERNS: Record<string, Pick<TestFlow, 'containers' | 'patterns' | 'routes' | 'params'>> = {
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

const faults = fc.record({
  failure_rate: fc.double({ min: 0, max: 0.6, noNaN: true }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  fail_on: fc.integer({ min: 0, max: 40 }),
  fail_times: fc.integer({ min: 1, max: 6 }),
});
const retry = fc.record({
  max_attempts: fc.integer({ min: 1, max: 4 }),
  backoff: fc.integer({ min: 0, max: 3 }),
  backoff_unit: fc.constantFrom('events' as const, 'bars' as const),
  backoff_multiplier: fc.constantFrom(1, 2),
});
const breaker = fc.record({
  error_rate: fc.double({ min: 0.05, max: 1, noNaN: true }),
  min_events: fc.integer({ min: 1, max: 10 }),
  window: fc.integer({ min: 1, max: 30 }),
  reset_after: fc.integer({ min: 0, max: 5 }),
  reset_unit: fc.constantFrom('events' as const, 'bars' as const),
  half_open_events: fc.integer({ min: 1, max: 3 }),
});
const bus = fc.record({
  queue_size: fc.integer({ min: 1, max: 8 }),
  batch_size: fc.integer({ min: 1, max: 4 }),
  overflow: fc.constantFrom('dead_letter' as const, 'drop_oldest' as const),
});

function expectExact(run: Run): void {
  let dispatched = 0;
  let accounted = 0;
  for (const c of run.counters()) {
    const outcomes =
      c.delivered + c.retried_delivered + c.filtered + c.dead_lettered + c.pending + c.retrying;
    expect(c.dispatched, c.name).toBe(outcomes);
    dispatched += c.dispatched;
    accounted += outcomes;
  }
  expect(dispatched).toBe(accounted);
  const lettered = run.counters().reduce((sum, c) => sum + c.dead_lettered, 0);
  expect(lettered).toBe(run.deadLetterCount());
}

describe.each(Object.keys(PATTERNS))('accounting under faults: %s', (name) => {
  const shape = PATTERNS[name]!;
  const targets = Object.keys(shape.containers).filter((c) => c !== 'data');

  it('every dispatch ends in exactly one outcome, at every pause and at the end', () => {
    fc.assert(
      fc.property(
        fc.subarray(targets, { minLength: 1 }),
        faults,
        retry,
        breaker,
        fc.option(bus, { nil: undefined }),
        fc.integer({ min: 1, max: 60 }),
        (faulty, fault, policy, breakerSettings, tight, stride) => {
          const flow: TestFlow = {
            ...shape,
            faults: Object.fromEntries(faulty.map((c) => [c, fault])),
            retry: { default: policy },
            breaker: breakerSettings,
            ...(tight ? { bus: { ...tight, timeout_ms: 10 } } : {}),
          };
          const run = createRun(testConfig(flow), input, testRegistry);
          while (run.status !== 'finished') {
            run.runFor({ maxEvents: stride });
            expectExact(run);
          }
          for (const c of run.counters()) {
            expect(c.pending, c.name).toBe(0);
            expect(c.retrying, c.name).toBe(0);
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }, 60_000);

  it('the same faults give the same dead letters, run whole or stepped', () => {
    fc.assert(
      fc.property(faults, retry, (fault, policy) => {
        const flow: TestFlow = {
          ...shape,
          faults: Object.fromEntries(targets.map((c) => [c, fault])),
          retry: { default: policy },
          breaker: { error_rate: 0.5, min_events: 4, reset_after: 2 },
        };
        const whole = createRun(testConfig(flow), input, testRegistry);
        whole.runToEnd();
        const stepped = createRun(testConfig(flow), input, testRegistry);
        while (stepped.stepEvent() !== 'finished');
        const key = (run: Run) =>
          run
            .deadLetters()
            .map((l) => `${l.event.event_id}:${l.container}:${l.reason}:${l.attempts}:${l.bar}`);
        expect(key(stepped)).toEqual(key(whole));
        expect(stepped.breakerHistory().map((t) => t.event_id)).toEqual(
          whole.breakerHistory().map((t) => t.event_id),
        );
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) / 2 },
    );
  }, 60_000);
});
