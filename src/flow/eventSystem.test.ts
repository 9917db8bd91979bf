/** event_system as the flow layer reads it, checks it and edits it. */
import { describe, expect, it } from 'vitest';
import { applyEdit } from './apply';
import type { FlowEdit } from './edits';
import { flowToGraph } from './graph';
import { parseFlow } from './parse';

const BASE = `name: Resilient
containers:
  data: { component: sample_bars, params: { sample: aapl_daily } }
  fast: { component: sma, params: { period: 10 } }
  slow: { component: sma, params: { period: 20 } }
  cross: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_20 } }
  risk: { component: risk_manager }
  broker: { component: simulated_broker }   # the broker
  book: { component: portfolio }
event_flow:
  - type: pipeline
    containers: [data, fast, slow, cross, risk, broker, book]
`;

const apply = (text: string, ...edits: FlowEdit[]) =>
  edits.reduce((current, edit) => {
    const result = applyEdit(current, edit);
    if (!result.ok) throw new Error(result.error);
    return result.text;
  }, text);

const problems = (text: string) =>
  parseFlow(text).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);

describe('reading event_system', () => {
  it('fills retry, faults and the breaker in from their defaults', () => {
    const model = parseFlow(`${BASE}event_system:
  retry:
    default: { max_attempts: 2 }
    broker: { backoff: 3, backoff_unit: bars }
  fault_injection:
    broker: { failure_rate: 0.2, seed: 7, events: [OrderEvent] }
  circuit_breaker: { error_rate: 0.3, reset_after: 4 }
`).model!;
    expect(model.event_system.retry).toEqual({
      default: { max_attempts: 2, backoff: 1, backoff_unit: 'events', backoff_multiplier: 1 },
      broker: { max_attempts: 2, backoff: 3, backoff_unit: 'bars', backoff_multiplier: 1 },
    });
    expect(model.event_system.fault_injection.broker).toEqual({
      failure_rate: 0.2,
      seed: 7,
      fail_on: 0,
      fail_times: 1,
      slow_ms: 0,
      events: ['OrderEvent'],
    });
    expect(model.event_system.circuit_breaker).toMatchObject({
      error_rate: 0.3,
      reset_after: 4,
      reset_unit: 'bars',
      half_open_events: 3,
    });
  });

  it('points at settings for containers that do not exist, and at bad values', () => {
    expect(
      problems(`${BASE}event_system:
  fault_injection:
    brokr: { failure_rate: 0.2 }
  retry:
    riks: { max_attempts: 2 }
  circuit_breaker: { error_rate: 2 }
`),
    ).toEqual([
      'error 15:5 Faults for "brokr", which is not a container. Did you mean "broker"?',
      'warning 17:5 retry names "riks", which is neither `default` nor a container: it applies to nothing. Did you mean "risk"?',
      expect.stringMatching(/^error 18:34 .*error_rate.*/),
    ]);
  });

  it('checks a route’s transformation: the transformer, the types it takes, its parameters', () => {
    const routes = (route: string) =>
      problems(`${BASE}event_system:
  routing:
    - ${route}
`);
    expect(
      routes('{ source: cross, targets: [broker], transform: { transformer: signal_to_ordr } }'),
    ).toEqual([
      expect.stringMatching(
        /Unknown transformer "signal_to_ordr". Known: signal_to_order_transformer, /,
      ),
    ]);
    expect(
      routes(
        '{ source: cross, targets: [broker], events: [BarEvent], transform: { transformer: signal_to_order_transformer } }',
      ),
    ).toEqual([
      expect.stringMatching(
        /turns TradingSignal into OrderEvent, but this route carries only BarEvent/,
      ),
    ]);
    expect(
      routes(
        '{ source: cross, targets: [broker], transform: { transformer: signal_to_order_transformer, params: { quantity: 0, size: 2 } } }',
      ),
    ).toEqual([
      expect.stringMatching(/quantity: .*>=1/),
      expect.stringMatching(/has no parameter "size"/),
    ]);
    expect(
      routes(
        "{ source: cross, targets: [broker], transform: { transformer: enrich_transformer, params: { field: seq, expression: 'signal.strength *' } } }",
      ),
    ).toEqual([
      expect.stringMatching(/Every event already has "seq"/),
      expect.stringMatching(/Expression does not parse/),
    ]);
  });
});

describe('editing event_system', () => {
  it('sets and removes settings, creating and pruning the maps, keeping comments', () => {
    const set = apply(
      BASE,
      { type: 'setEventSystem', path: ['event_buses', 'broker'], value: { queue_size: 50 } },
      { type: 'setEventSystem', path: ['circuit_breaker', 'reset_after'], value: 5 },
      { type: 'setEventSystem', path: ['fault_injection', 'broker', 'failure_rate'], value: 0.3 },
    );
    expect(set).toContain('broker: { component: simulated_broker }   # the broker');
    expect(set).toContain(`event_system:
  event_buses:
    broker: { queue_size: 50 }
  circuit_breaker:
    reset_after: 5
  fault_injection:
    broker:
      failure_rate: 0.3
`);
    const model = parseFlow(set).model!;
    expect(model.event_system.event_buses.broker?.queue_size).toBe(50);
    expect(model.event_system.fault_injection.broker?.failure_rate).toBe(0.3);
    const cleared = apply(
      set,
      { type: 'setEventSystem', path: ['event_buses', 'broker'], value: undefined },
      { type: 'setEventSystem', path: ['circuit_breaker'], value: undefined },
      {
        type: 'setEventSystem',
        path: ['fault_injection', 'broker', 'failure_rate'],
        value: undefined,
      },
    );
    expect(cleared).toBe(BASE);
  });

  it('draws a route on the canvas as a routing entry, and removes it', () => {
    const text = apply(BASE, {
      type: 'connectRoute',
      source: 'cross',
      target: 'book',
      events: ['TradingSignal'],
    });
    expect(text).toContain(`event_system:
  routing:
    - source: cross
      targets: [ book ]
      events: [ TradingSignal ]
`);
    const edge = flowToGraph(parseFlow(text).model!).edges.find((e) => e.pattern === 'route')!;
    expect(edge).toMatchObject({ source: 'cross', target: 'book', block: 0 });
    // The first filter of a route that has none: the list is made on the way.
    const filtered = apply(text, {
      type: 'setEventSystem',
      path: ['routing', 0, 'filters', 0],
      value: 'signal.strength > 0.5',
    });
    expect(parseFlow(filtered).model!.event_system.routing[0]!.filters).toEqual([
      'signal.strength > 0.5',
    ]);
    expect(apply(filtered, { type: 'disconnect', source: 'cross', target: 'book' })).toBe(BASE);
  });

  it('refuses a route that would close a cycle, as a connection would', () => {
    expect(applyEdit(BASE, { type: 'connectRoute', source: 'book', target: 'fast' })).toEqual({
      ok: false,
      error: expect.stringMatching(/cycle/),
    });
  });

  it('renames and removes a container’s own settings with it', () => {
    const text = apply(
      BASE,
      { type: 'setEventSystem', path: ['retry', 'broker'], value: { max_attempts: 3 } },
      { type: 'setEventSystem', path: ['fault_injection', 'broker'], value: { fail_on: 2 } },
      { type: 'setEventSystem', path: ['event_buses', 'broker'], value: { queue_size: 9 } },
    );
    const renamed = apply(text, { type: 'renameContainer', from: 'broker', to: 'exec' });
    const model = parseFlow(renamed).model!;
    expect(model.event_system.retry.exec?.max_attempts).toBe(3);
    expect(model.event_system.fault_injection.exec?.fail_on).toBe(2);
    expect(model.event_system.event_buses.exec?.queue_size).toBe(9);
    expect(parseFlow(renamed).diagnostics).toEqual([]);
    const removed = apply(renamed, { type: 'removeContainers', names: ['exec'] });
    expect(removed).not.toContain('event_system');
  });
});
