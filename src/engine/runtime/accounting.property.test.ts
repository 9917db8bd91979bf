/**
 * Accounting stays exact under faults: for every container and in total, every dispatch ends as
 * delivered, delivered after retries, filtered, dead-lettered, or (mid-run) still waiting in an
 * inbox or for a retry. Checked over random fault seeds, rates, retry policies, breakers and
 * tight queues, on every pattern, at the end of the run and at random pauses in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRun, type Run } from './run';
import { type TestFlow, testConfig, testRegistry } from './testing';
import { faults, input, PATTERNS, retry, troubledFlow } from './testing-flows';

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
      fc.property(troubledFlow(shape, 1), fc.integer({ min: 1, max: 60 }), (flow, stride) => {
        const run = createRun(testConfig(flow), input, testRegistry);
        while (run.status !== 'finished') {
          run.runFor({ maxEvents: stride });
          expectExact(run);
        }
        for (const c of run.counters()) {
          expect(c.pending, c.name).toBe(0);
          expect(c.retrying, c.name).toBe(0);
        }
      }),
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
