/**
 * Faults, retries, circuit breakers and dead letters on small flows of test components, where
 * every delivery can be counted by hand.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../events';
import { Breaker } from './breaker';
import { createRun, type Run } from './run';
import { makeBars, seen, type TestFlow, testConfig, testRegistry } from './testing';
import type { RunInput } from './types';

const CLOSES = [101, 103, 105, 107, 109, 111, 113, 115, 117, 119];
const input: RunInput = { bars: { data: [makeBars('AAA', CLOSES)] } };

function start(flow: TestFlow, events: AnyEvent[] = [], clock?: () => number): Run {
  return createRun(testConfig(flow), input, testRegistry, {
    observer: { onEvent: (event) => events.push(event) },
    ...(clock ? { clock } : {}),
  });
}

const counter = (run: Run, name: string) => run.counters().find((c) => c.name === name)!;

/** data → work (a relay that consumes bars: the sink) and its outcomes. */
const flow = (extra: Partial<TestFlow> = {}): TestFlow => ({
  containers: { data: 'synthetic_bars', work: 'sink' },
  patterns: [{ type: 'pipeline', containers: ['data', 'work'] }],
  ...extra,
});

const delivered = () =>
  seen
    .filter(({ container }) => container === 'work')
    .map(({ event }) => (event as { close: number }).close);

beforeEach(() => {
  seen.length = 0;
});

describe('fault injection', () => {
  it('fails the Nth delivery, and as many after it as asked', () => {
    const run = start(flow({ faults: { work: { fail_on: 3, fail_times: 2 } } }));
    run.runToEnd();
    expect(delivered()).toEqual([101, 103, 109, 111, 113, 115, 117, 119]);
    const letters = run.deadLetters();
    expect(
      letters.map((l) => [l.reason, (l.event as { close: number }).close, l.attempts]),
    ).toEqual([
      ['handler_error', 105, 1],
      ['handler_error', 107, 1],
    ]);
    expect(letters[0]!.error).toMatch(/injected fault: delivery 3 fails/);
    expect(letters[0]).toMatchObject({ container: 'work', source: 'data', bar: 2 });
    expect(counter(run, 'work').errors).toBe(2);
  });

  it('fails at a rate drawn from the seed: the same seed fails the same deliveries', () => {
    const failures = (seed: number | null, runSeed = 42) => {
      seen.length = 0;
      const run = start(flow({ seed: runSeed, faults: { work: { failure_rate: 0.4, seed } } }));
      run.runToEnd();
      return run.deadLetters().map((l) => (l.event as { close: number }).close);
    };
    const a = failures(7);
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThan(10);
    expect(failures(7)).toEqual(a);
    expect(failures(7, 99)).toEqual(a);
    // Without a seed of its own, the run's seed decides.
    expect(failures(null, 1)).toEqual(failures(null, 1));
    const others = [8, 9, 10, 11].map((seed) => failures(seed).join());
    expect(others.some((other) => other !== a.join())).toBe(true);
  });

  it('touches only the listed event types', () => {
    const run = start(
      flow({
        containers: { data: 'synthetic_bars', ind: 'tagger', work: 'sink' },
        patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'work'] }],
        faults: { work: { failure_rate: 1, events: ['IndicatorEvent'] } },
        breaker: { error_rate: 1 },
      }),
    );
    run.runToEnd();
    expect(delivered()).toEqual(CLOSES);
    expect(run.deadLetters().every((l) => l.event.type === 'IndicatorEvent')).toBe(true);
    expect(run.deadLetterCount()).toBe(10);
  });

  it('slows the handler by wall time without changing what happens', () => {
    let now = 0;
    const clock = () => (now += 0.25);
    const run = start(flow({ faults: { work: { slow_ms: 5 } } }), [], clock);
    run.runToEnd();
    expect(delivered()).toEqual(CLOSES);
    // Each of the ten deliveries spun the clock by at least 5 ms.
    expect(now).toBeGreaterThanOrEqual(50);
  });
});

describe('retries', () => {
  it('delivers a failed event on a later attempt, and traces each attempt', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 2 } },
        retry: { work: { max_attempts: 3, backoff: 0 } },
      }),
    );
    run.runToEnd();
    expect(delivered()).toEqual(CLOSES);
    expect(run.deadLetterCount()).toBe(0);
    expect(counter(run, 'data')).toMatchObject({ retried_delivered: 1, retrying: 0 });
    expect(counter(run, 'work')).toMatchObject({ errors: 1, retries: 1 });
    const bar = seen.find(({ event }) => (event as { close: number }).close === 103)!.event;
    const trace = run.trace(bar.correlation_id)!;
    expect(trace.deliveries.map((d) => [d.outcome, d.attempt])).toEqual([
      ['failed', 1],
      ['retry_scheduled', 1],
      ['delivered_after_retry', 2],
    ]);
    expect(trace.deliveries[1]!.detail).toBe('attempt 2 of 3 after no wait');
  });

  it('dead-letters after the last attempt, with the attempts made', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 2, fail_times: 3 } },
        retry: { work: { max_attempts: 3, backoff: 1 } },
      }),
    );
    run.runToEnd();
    expect(delivered()).toEqual(CLOSES.filter((close) => close !== 103));
    expect(run.deadLetters()).toHaveLength(1);
    expect(run.deadLetters()[0]).toMatchObject({ reason: 'handler_error', attempts: 3 });
    expect(counter(run, 'work').retries).toBe(2);
  });

  it('waits the backoff in bars: the retry comes in the decision phase of a later bar step', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 1 } },
        retry: { work: { max_attempts: 2, backoff: 2, backoff_unit: 'bars' } },
      }),
    );
    run.runToEnd();
    // The first bar fails in step 0 and comes back two steps later, ahead of that step's bar.
    expect(delivered()).toEqual([103, 101, 105, 107, 109, 111, 113, 115, 117, 119]);
  });

  it('waits behind other events when the backoff is in events', () => {
    const run = start(
      flow({
        containers: { data: 'synthetic_bars', ind: 'tagger', work: 'sink' },
        patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'work'] }],
        faults: { work: { fail_on: 1 } },
        retry: { work: { max_attempts: 2, backoff: 1, backoff_unit: 'events' } },
      }),
    );
    run.runToEnd();
    const first = seen.slice(0, 3).map(({ event }) => event.type);
    // The indicator failed first; the bar behind it went first, then the retried indicator.
    expect(first).toEqual(['BarEvent', 'IndicatorEvent', 'IndicatorEvent']);
  });

  it('grows the wait by the multiplier', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 1, fail_times: 2 } },
        retry: {
          work: { max_attempts: 3, backoff: 1, backoff_unit: 'bars', backoff_multiplier: 3 },
        },
      }),
    );
    run.runToEnd();
    // Bar 0 fails in step 0; retried in step 1 (fails again), then waits 3 bars: step 4.
    expect(delivered()).toEqual([103, 105, 107, 101, 109, 111, 113, 115, 117, 119]);
  });

  it('dead-letters what still waits when the run ends', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 10 } },
        retry: { work: { max_attempts: 2, backoff: 5, backoff_unit: 'bars' } },
      }),
    );
    run.runToEnd();
    expect(run.deadLetters()).toHaveLength(1);
    expect(run.deadLetters()[0]).toMatchObject({ reason: 'run_ended', attempts: 1 });
    expect(run.deadLetters()[0]!.error).toMatch(/the run ended before attempt 2/);
    expect(counter(run, 'data').retrying).toBe(0);
  });
});

describe('circuit breaker', () => {
  it('opens on the error rate, refuses while open, half-opens after the wait and closes on trials', () => {
    const events: AnyEvent[] = [];
    const run = start(
      flow({
        faults: { work: { fail_on: 1, fail_times: 3 } },
        breaker: {
          error_rate: 0.5,
          min_events: 3,
          window: 10,
          reset_after: 2,
          half_open_events: 2,
        },
      }),
      events,
    );
    run.runToEnd();
    const history = run.breakerHistory();
    expect(history.map((t) => [t.from, t.to, t.bar])).toEqual([
      ['closed', 'open', 2],
      ['open', 'half_open', 4],
      ['half_open', 'closed', 5],
    ]);
    expect(history[0]!.reason).toMatch(
      /error rate 1.00 above 0.5 \(3 of the last 3 outcomes failed\)/,
    );
    expect(history[1]!.rejected).toBe(1);
    expect(history[2]!.reason).toBe('2 trial events succeeded');
    // Bars 0-2 failed, bar 3 was refused, bars 4 and 5 were the trials.
    expect(delivered()).toEqual([109, 111, 113, 115, 117, 119]);
    const reasons = run.deadLetters().map((l) => l.reason);
    expect(reasons).toEqual(['handler_error', 'handler_error', 'handler_error', 'circuit_open']);
    expect(counter(run, 'work')).toMatchObject({ breaker: 'closed', rejected: 1 });
    const changes = events.filter((e) => e.type === 'BreakerStateChanged');
    expect(changes.map((e) => (e as { state: string }).state)).toEqual([
      'open',
      'half_open',
      'closed',
    ]);
  });

  it('opens again when a trial fails', () => {
    const run = start(
      flow({
        faults: { work: { fail_on: 1, fail_times: 4 } },
        breaker: { error_rate: 0.5, min_events: 3, reset_after: 1, half_open_events: 1 },
      }),
    );
    run.runToEnd();
    expect(run.breakerHistory().map((t) => `${t.from}>${t.to}`)).toEqual([
      'closed>open',
      'open>half_open',
      'half_open>open',
      'open>half_open',
      'half_open>closed',
    ]);
    expect(run.breakerHistory()[2]!.reason).toMatch(/a trial event failed while half-open/);
  });

  it('counts a full inbox toward the breaker', () => {
    const bars: RunInput = {
      bars: { data: [makeBars('AAA', CLOSES), makeBars('BBB', CLOSES), makeBars('CCC', CLOSES)] },
    };
    const run = createRun(
      testConfig({
        containers: { data: 'synthetic_bars', work: 'sink' },
        patterns: [{ type: 'pipeline', containers: ['data', 'work'] }],
        buses: { work: { queue_size: 1, batch_size: 1, timeout_ms: 10, overflow: 'dead_letter' } },
        breaker: { error_rate: 0.5, min_events: 4, reset_after: 0 },
      }),
      bars,
      testRegistry,
    );
    run.runToEnd();
    expect(run.breakerHistory()[0]).toMatchObject({ to: 'open' });
    expect(run.deadLetters().some((l) => l.reason === 'queue_full')).toBe(true);
    expect(run.deadLetters().some((l) => l.reason === 'circuit_open')).toBe(true);
  });

  it('judges the rate over the latest outcomes only', () => {
    const breaker = new Breaker({
      error_rate: 0.5,
      min_events: 4,
      window: 4,
      reset_after: 1,
      reset_unit: 'events',
      half_open_events: 1,
    });
    const clock = { events: 0, bars: 0 };
    expect(breaker.record(true, clock)).toBeNull();
    expect(breaker.record(true, clock)).toBeNull();
    breaker.successes = 10;
    // Ten successes pushed the two failures out of the window of four.
    expect(breaker.record(true, clock)).toBeNull();
    expect(breaker.record(true, clock)).toBeNull();
    expect(breaker.record(true, clock)?.to).toBe('open');
  });
});
