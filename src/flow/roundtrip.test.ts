/** Model → YAML → model is the identity, for any flow the generator can think of. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type ComponentSpec, type ParamSpec } from '../engine/catalogue';
import {
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FAULTS,
  DEFAULT_MONITORING,
  DEFAULT_RETRY,
} from '../engine/config';
import { DEFAULT_SWEEP } from './grid';
import type { FlowModel } from './model';
import { parseFlow } from './parse';
import { newFlowText } from './serialize';

const nameArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,9}$/);

function valueArb(param: ParamSpec): fc.Arbitrary<unknown> {
  switch (param.type) {
    case 'integer':
      return fc.integer({ min: param.min ?? -1000, max: Math.min(param.max ?? 100_000, 100_000) });
    case 'number':
      return fc
        .double({
          min: param.min ?? -1e6,
          max: param.max ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        })
        .map((n) => (Object.is(n, -0) ? 0 : n));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...param.options.map((option) => option.value));
    case 'string':
      return param.pattern ? fc.constant(param.default) : fc.string({ maxLength: 12 });
    case 'feature':
      return fc.constantFrom('SMA_10', 'EMA_12', 'MACD_12_26_9.signal', 'ATR_14');
    case 'expression':
      return fc.constantFrom('', 'close > SMA_10', "crosses_above(RSI_14, 30) and regime == 'up'");
    case 'tiers':
      return fc.array(
        fc.record({ above: fc.nat(1_000_000), rate: fc.double({ min: 0, max: 1, noNaN: true }) }),
        { minLength: 1, maxLength: 3 },
      );
  }
}

const paramsArb = (spec: ComponentSpec) =>
  fc.record(
    Object.fromEntries(
      Object.entries(spec.params).map(([key, param]) => [key, valueArb(param)]),
    ) as Record<string, fc.Arbitrary<unknown>>,
  );

const containerArb = fc
  .constantFrom(...CATALOGUE)
  .chain((spec) =>
    paramsArb(spec).map((params) => ({ kind: spec.kind, component: spec.id, params })),
  );

const flowArb: fc.Arbitrary<FlowModel> = fc
  .uniqueArray(nameArb, { minLength: 2, maxLength: 7 })
  .chain((names) =>
    fc.record({
      name: fc
        .string({ minLength: 1, maxLength: 30 })
        .filter((s) => s.trim() === s && s.length > 0),
      description: fc.string({ maxLength: 40 }),
      containers: fc.tuple(...names.map((name) => containerArb.map((c) => ({ name, ...c })))),
      event_flow: fc.array(patternArb(names), { maxLength: 4 }),
      seed: fc.nat(1_000_000),
      max_events_per_bar: fc.integer({ min: 1, max: 1_000_000 }),
      queue_size: fc.integer({ min: 1, max: 100_000 }),
      trace_events: fc.boolean(),
      reset_after: fc.nat(50),
      max_attempts: fc.integer({ min: 1, max: 5 }),
      failure_rate: fc
        .double({ min: 0, max: 1, noNaN: true })
        .map((n) => (Object.is(n, -0) ? 0 : n)),
      layout: fc.array(
        fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 })),
        {
          minLength: names.length,
          maxLength: names.length,
        },
      ),
    }),
  )
  .map(
    (f): FlowModel => ({
      name: f.name,
      description: f.description,
      containers: f.containers,
      event_flow: f.event_flow,
      event_system: {
        event_buses: { default: { ...DEFAULT_BUS, queue_size: f.queue_size } },
        routing: [],
        transformations: [],
        monitoring: { ...DEFAULT_MONITORING, trace_events: f.trace_events },
        circuit_breaker: { ...DEFAULT_CIRCUIT_BREAKER, reset_after: f.reset_after },
        retry: {
          default: DEFAULT_RETRY,
          [f.containers[0]!.name]: { ...DEFAULT_RETRY, max_attempts: f.max_attempts },
        },
        fault_injection: {
          [f.containers.at(-1)!.name]: { ...DEFAULT_FAULTS, failure_rate: f.failure_rate },
        },
      },
      run: { seed: f.seed, max_events_per_bar: f.max_events_per_bar },
      layout: Object.fromEntries(
        f.containers.map((c, i) => [c.name, { x: f.layout[i]![0], y: f.layout[i]![1] }]),
      ),
      grid: null,
      sweep: DEFAULT_SWEEP,
    }),
  );

function patternArb(names: readonly string[]) {
  const one = fc.constantFrom(...names);
  const some = fc.uniqueArray(one, { minLength: 1, maxLength: names.length });
  return fc.oneof(
    fc
      .uniqueArray(one, { minLength: 2, maxLength: names.length })
      .map((containers) => ({ type: 'pipeline' as const, containers })),
    fc.record({ source: one, targets: some }).map((p) => ({ type: 'broadcast' as const, ...p })),
    fc
      .record({
        parent: one,
        children: fc.array(
          fc.record({ name: one, regime: fc.constantFrom('trending_up', 'ranging', 'calm') }),
          { minLength: 1, maxLength: 3 },
        ),
      })
      .map((p) => ({ type: 'hierarchical' as const, ...p })),
    fc
      .record({
        source: one,
        routes: fc.array(
          fc.record({
            condition: fc.constantFrom('signal.strength > 0.5', "event.symbol == 'SPY'", 'true'),
            target: one,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fallback: fc.option(one, { nil: undefined }),
      })
      .map(({ fallback, ...p }) => ({
        type: 'selective' as const,
        ...p,
        ...(fallback ? { default: fallback } : {}),
      })),
  );
}

describe('round trip', () => {
  // A property over hundreds of generated flows: seconds of work, more on a busy machine.
  it('model → YAML → model is the identity', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(flowArb, (model) => {
        const text = newFlowText(model);
        const parsed = parseFlow(text);
        expect(parsed.model, text).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
