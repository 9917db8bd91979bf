import { beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../events';
import { createRun, type Run } from './run';
import { makeBars, seen, type TestFlow, testConfig, testRegistry } from './testing';
import type { RunInput } from './types';

const CLOSES = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
const input: RunInput = { bars: { data: [makeBars('AAA', CLOSES)] } };

function start(flow: TestFlow, bars: RunInput = input, events: AnyEvent[] = []): Run {
  return createRun(testConfig(flow), bars, testRegistry, {
    observer: { onEvent: (event) => events.push(event) },
  });
}

/** dispatched = delivered + filtered + dead-lettered + pending, for every container and in total. */
function expectBalanced(run: Run): void {
  const totals = { dispatched: 0, accounted: 0 };
  for (const c of run.counters()) {
    const accounted =
      c.delivered + c.retried_delivered + c.filtered + c.dead_lettered + c.pending + c.retrying;
    expect(c.dispatched, `${c.name}: ${JSON.stringify(c)}`).toBe(accounted);
    const byRule = Object.values(c.filtered_by_rule).reduce((sum, n) => sum + (n ?? 0), 0);
    expect(byRule, `${c.name} filtered by named rules`).toBe(c.filtered);
    totals.dispatched += c.dispatched;
    totals.accounted += accounted;
  }
  expect(totals.dispatched).toBe(totals.accounted);
  expect(totals.dispatched).toBeGreaterThan(0);
}

const counter = (run: Run, name: string) => run.counters().find((c) => c.name === name)!;

beforeEach(() => {
  seen.length = 0;
});

describe('pipeline', () => {
  it('carries every bar and its indicator down the chain, in order', () => {
    const run = start({
      containers: { data: 'synthetic_bars', ind: 'tagger', mid: 'relay', out: 'sink' },
      patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'mid', 'out'] }],
    });
    expect(run.runToEnd()).toBe('finished');
    const types = seen.map(({ event }) => event.type);
    expect(types).toHaveLength(20);
    expect(types.slice(0, 4)).toEqual(['IndicatorEvent', 'BarEvent', 'IndicatorEvent', 'BarEvent']);
    expect(
      seen
        .filter(({ event }) => event.type === 'BarEvent')
        .map(({ event }) => (event as { close: number }).close),
    ).toEqual(CLOSES);
    expect(run.progress).toMatchObject({ barsDone: 10, barsTotal: 10 });
    expectBalanced(run);
    expect(counter(run, 'out').filtered_by_rule.no_route).toBeUndefined();
    expect(counter(run, 'out').in).toBe(20);
  });

  it('stamps ids, correlation and causation on every event, and freezes it', () => {
    const events: AnyEvent[] = [];
    const run = start(
      {
        containers: { data: 'synthetic_bars', ind: 'tagger', out: 'sink' },
        patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'out'] }],
      },
      input,
      events,
    );
    run.runToEnd();
    const bar = events.find((event) => event.type === 'BarEvent')!;
    const indicator = events.find((event) => event.type === 'IndicatorEvent')!;
    expect(bar.correlation_id).toBe(bar.event_id);
    expect(bar.causation_id).toBeNull();
    expect(indicator.causation_id).toBe(bar.event_id);
    expect(indicator.correlation_id).toBe(bar.correlation_id);
    expect(indicator.source).toBe('ind');
    expect(indicator.timestamp).toBe(bar.timestamp);
    expect(Object.isFrozen(indicator)).toBe(true);
    expect(() => {
      (indicator as { value: number }).value = 0;
    }).toThrow();
  });
});

describe('broadcast', () => {
  it('sends every event to every target', () => {
    const run = start({
      containers: { data: 'synthetic_bars', a: 'sink', b: 'sink', c: 'sink' },
      patterns: [{ type: 'broadcast', source: 'data', targets: ['a', 'b', 'c'] }],
    });
    run.runToEnd();
    for (const name of ['a', 'b', 'c']) expect(counter(run, name).in).toBe(10);
    expectBalanced(run);
  });

  it('delivers an event once to a container it reaches by two paths (diamond)', () => {
    const run = start({
      containers: { data: 'synthetic_bars', left: 'relay', right: 'relay', join: 'sink' },
      patterns: [
        { type: 'broadcast', source: 'data', targets: ['left', 'right'] },
        { type: 'pipeline', containers: ['left', 'join'] },
        { type: 'pipeline', containers: ['right', 'join'] },
      ],
    });
    run.runToEnd();
    expect(counter(run, 'join').in).toBe(10);
    expect(counter(run, 'right').filtered_by_rule.duplicate).toBe(10);
    expectBalanced(run);
  });
});

describe('hierarchical', () => {
  it('lets a child emit decisions only while the parent is in its regime', () => {
    const bars: RunInput = { bars: { data: [makeBars('AAA', [98, 99, 100, 101, 99, 102])] } };
    const run = start(
      {
        containers: {
          data: 'synthetic_bars',
          regime: 'regime',
          bull: 'signaller',
          bear: 'signaller',
          out: 'sink',
        },
        params: { regime: { level: 100 } },
        patterns: [
          { type: 'pipeline', containers: ['data', 'regime'] },
          {
            type: 'hierarchical',
            parent: 'regime',
            children: [
              { name: 'bull', regime: 'up' },
              { name: 'bear', regime: 'down' },
            ],
          },
          { type: 'broadcast', source: 'bull', targets: ['out'] },
          { type: 'broadcast', source: 'bear', targets: ['out'] },
        ],
      },
      bars,
    );
    run.runToEnd();
    const signals = seen
      .filter(({ event }) => event.type === 'TradingSignal')
      .map(({ event }) => [event.source, (event as { price: number }).price]);
    expect(signals).toEqual([
      ['bear', 98],
      ['bear', 99],
      ['bull', 100],
      ['bull', 101],
      ['bear', 99],
      ['bull', 102],
    ]);
    // Both children see every bar, so their state stays current; the sink gets each bar once.
    expect(counter(run, 'bull').in).toBe(6);
    expect(counter(run, 'bear').in).toBe(6);
    expect(seen.filter(({ event }) => event.type === 'BarEvent')).toHaveLength(6);
    expect(counter(run, 'bull').filtered_by_rule.regime_inactive).toBe(3);
    expect(counter(run, 'bear').filtered_by_rule.regime_inactive).toBe(3);
    expectBalanced(run);
  });
});

describe('selective', () => {
  const selective = (withDefault: boolean): TestFlow => ({
    containers: {
      data: 'synthetic_bars',
      gen: 'signaller',
      high: 'sink',
      mid: 'sink',
      fallback: 'sink',
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
        ...(withDefault ? { default: 'fallback' } : {}),
      },
    ],
  });

  it('sends each signal to the first route whose condition holds, the rest to the default', () => {
    const run = start(selective(true));
    run.runToEnd();
    const where = (name: string) =>
      seen
        .filter(({ container, event }) => container === name && event.type === 'TradingSignal')
        .map(({ event }) => (event as { strength: number }).strength);
    expect(where('high')).toEqual([0.7, 0.8, 0.9]);
    expect(where('mid')).toEqual([0.4, 0.5, 0.6]);
    expect(where('fallback')).toEqual([0, 0.1, 0.2, 0.3]);
    // Bars are not decided by the conditions: every target gets them.
    for (const name of ['high', 'mid', 'fallback']) {
      expect(
        seen.filter(({ container, event }) => container === name && event.type === 'BarEvent'),
      ).toHaveLength(10);
    }
    expectBalanced(run);
  });

  it('filters out a signal no route matches when there is no default', () => {
    const run = start(selective(false));
    run.runToEnd();
    expect(counter(run, 'gen').filtered_by_rule.no_route_matched).toBe(4);
    expectBalanced(run);
  });
});

describe('explicit routing', () => {
  it('passes only the listed event types that satisfy every filter', () => {
    const run = start({
      containers: { data: 'synthetic_bars', ind: 'tagger', out: 'sink' },
      patterns: [{ type: 'pipeline', containers: ['data', 'ind'] }],
      routes: [
        {
          source: 'ind',
          targets: ['out'],
          events: ['IndicatorEvent'],
          filters: ['event.value >= 105', "event.indicator_name in ['SMA_20', 'RSI_14']"],
        },
      ],
      params: { ind: { name: 'SMA_20' } },
    });
    run.runToEnd();
    expect(seen.map(({ event }) => (event as { value: number }).value)).toEqual([
      105, 106, 107, 108, 109,
    ]);
    expect(counter(run, 'ind').filtered_by_rule).toEqual({ event_type: 10, filter_condition: 5 });
    expectBalanced(run);
  });

  it('refuses a filter that does not parse, naming the route', () => {
    expect(() =>
      start({
        containers: { data: 'synthetic_bars', out: 'sink' },
        routes: [{ source: 'data', targets: ['out'], filters: ['event.close >'] }],
      }),
    ).toThrow(/routing entry 1, filter 1.*does not parse/);
  });

  it('refuses a route to a container that does not exist', () => {
    expect(() =>
      start({
        containers: { data: 'synthetic_bars' },
        patterns: [{ type: 'pipeline', containers: ['data', 'ghost'] }],
      }),
    ).toThrow(/"ghost", which is not a container/);
  });
});

describe('transformations', () => {
  it('turns a signal into an order on a route into a container that consumes orders only', () => {
    const run = start({
      containers: { data: 'synthetic_bars', gen: 'signaller', broker: 'market' },
      patterns: [{ type: 'pipeline', containers: ['data', 'gen', 'broker'] }],
      transformations: [
        {
          from_event: 'TradingSignal',
          to_event: 'OrderEvent',
          transformer: 'signal_to_order_transformer',
          params: { quantity: 5 },
        },
      ],
    });
    run.runToEnd();
    const orders = seen
      .filter(({ event }) => event.type === 'OrderEvent')
      .map(({ event }) => event);
    expect(orders).toHaveLength(10);
    expect(orders[0]).toMatchObject({
      side: 'BUY',
      quantity: 5,
      order_type: 'MARKET',
      source: 'gen',
    });
    expect(counter(run, 'gen').filtered_by_rule.transformed).toBe(10);
    expectBalanced(run);
  });

  it('refuses an unknown transformer', () => {
    expect(() =>
      start({
        containers: { data: 'synthetic_bars' },
        transformations: [
          { from_event: 'TradingSignal', to_event: 'OrderEvent', transformer: 'magic' },
        ],
      }),
    ).toThrow(/unknown transformer "magic"/);
  });
});

describe('failures', () => {
  it('dead-letters a failing delivery and keeps going', () => {
    const run = start({
      containers: { data: 'synthetic_bars', fragile: 'thrower', out: 'sink' },
      params: { fragile: { every: 4 } },
      patterns: [{ type: 'pipeline', containers: ['data', 'fragile', 'out'] }],
      breaker: { error_rate: 0.9, min_events: 100 },
    });
    expect(run.runToEnd()).toBe('finished');
    const letters = run.deadLetters();
    expect(letters.map((letter) => (letter.event as { close: number }).close)).toEqual([
      100, 104, 108,
    ]);
    expect(letters[0]).toMatchObject({
      container: 'fragile',
      handler: 'thrower',
      reason: 'handler_error',
      error: 'cannot handle close 100',
    });
    expect(seen).toHaveLength(7);
    expect(counter(run, 'fragile').errors).toBe(3);
    expectBalanced(run);
  });

  it('stops a container whose error rate passes the threshold, and says so', () => {
    const events: AnyEvent[] = [];
    const run = start(
      {
        containers: { data: 'synthetic_bars', fragile: 'thrower', out: 'sink' },
        params: { fragile: { every: 2 } },
        patterns: [{ type: 'pipeline', containers: ['data', 'fragile', 'out'] }],
        breaker: { error_rate: 0.4, min_events: 4, reset_after: 0 },
      },
      input,
      events,
    );
    run.runToEnd();
    const opened = events.find((event) => event.type === 'BreakerStateChanged');
    expect(opened).toMatchObject({
      container: 'fragile',
      source: 'fragile',
      state: 'open',
      previous: 'closed',
      errors: 3,
      outcomes: 5,
    });
    expect(seen.some(({ event }) => event.type === 'BreakerStateChanged')).toBe(true);
    expect(counter(run, 'fragile').halted).toBe(true);
    expect(counter(run, 'fragile').breaker).toBe('open');
    expect(run.deadLetters().filter((letter) => letter.reason === 'circuit_open')).toHaveLength(5);
    expect(counter(run, 'fragile').rejected).toBe(5);
    expectBalanced(run);
  });

  it('stops a runaway loop and names the containers on the cycle', () => {
    const run = start({
      containers: { data: 'synthetic_bars', ind: 'tagger', ping: 'echo', pong: 'echo' },
      patterns: [
        { type: 'pipeline', containers: ['data', 'ind', 'ping', 'pong'] },
        { type: 'pipeline', containers: ['pong', 'ping'] },
      ],
      maxEventsPerBar: 500,
    });
    expect(run.runToEnd()).toBe('failed');
    expect(run.failure?.containers).toEqual(['ping', 'pong']);
    expect(run.failure?.message).toMatch(/More than 500 deliveries in one bar step.*ping → pong/);
  });

  it('does not loop on a cycle of pure pass-through', () => {
    const run = start({
      containers: { data: 'synthetic_bars', a: 'relay', b: 'relay', out: 'sink' },
      patterns: [
        { type: 'pipeline', containers: ['data', 'a', 'b'] },
        { type: 'pipeline', containers: ['b', 'a', 'out'] },
      ],
    });
    expect(run.runToEnd()).toBe('finished');
    expect(counter(run, 'b').filtered_by_rule.duplicate).toBe(10);
    expectBalanced(run);
  });
});

describe('subscriptions', () => {
  it('does not carry an event type past the last container that subscribes to it', () => {
    const run = start({
      containers: {
        data: 'synthetic_bars',
        ind: 'tagger',
        gen: 'signaller',
        broker: 'market',
        tail: 'relay',
      },
      patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'gen', 'broker', 'tail'] }],
    });
    run.runToEnd();
    // The broker handles bars and orders: indicators stop where they are made (nobody after wants
    // them), signals at the strategy; nothing reaches the tail.
    expect(counter(run, 'ind').filtered_by_rule.unsubscribed).toBe(10);
    expect(counter(run, 'gen').filtered_by_rule.unsubscribed).toBe(10);
    expect(counter(run, 'broker').in).toBe(10);
    expect(counter(run, 'tail').in).toBe(0);
    expectBalanced(run);
  });
});

describe('queues', () => {
  const crowded = (overflow: 'fail' | 'dead_letter' | 'drop_oldest'): TestFlow => ({
    containers: {
      data: 'synthetic_bars',
      ind: 'tagger',
      a: 'tagger',
      b: 'tagger',
      c: 'tagger',
      out: 'sink',
    },
    patterns: [
      { type: 'pipeline', containers: ['data', 'ind'] },
      { type: 'broadcast', source: 'ind', targets: ['a', 'b', 'c'] },
      { type: 'broadcast', source: 'a', targets: ['out'] },
      { type: 'broadcast', source: 'b', targets: ['out'] },
      { type: 'broadcast', source: 'c', targets: ['out'] },
    ],
    bus: { batch_size: 1 },
    buses: { out: { queue_size: 2, batch_size: 1, timeout_ms: 10, overflow } },
  });
  const bars: RunInput = { bars: { data: [makeBars('AAA', [100, 101])] } };

  it('fails the run by default when an inbox is full, naming the container', () => {
    const run = start(crowded('fail'), bars);
    expect(run.runToEnd()).toBe('failed');
    expect(run.failure).toMatchObject({ containers: ['out'] });
    expect(run.failure?.message).toMatch(/inbox of "out" is full \(queue_size 2\)/);
  });

  it('dead-letters the newcomer, or the oldest, when told to', () => {
    const newest = start(crowded('dead_letter'), bars);
    expect(newest.runToEnd()).toBe('finished');
    expect(newest.deadLetters().every((letter) => letter.reason === 'queue_full')).toBe(true);
    expect(newest.deadLetterCount()).toBeGreaterThan(0);
    expectBalanced(newest);
    seen.length = 0;
    const oldest = start(crowded('drop_oldest'), bars);
    expect(oldest.runToEnd()).toBe('finished');
    expect(oldest.deadLetters().every((letter) => letter.reason === 'dropped_oldest')).toBe(true);
    expect(oldest.deadLetterCount()).toBe(newest.deadLetterCount());
    expectBalanced(oldest);
  });
});

describe('phases', () => {
  it('shows each bar to market-facing containers before any decision on it', () => {
    const run = start({
      containers: { data: 'synthetic_bars', gen: 'signaller', broker: 'market' },
      patterns: [{ type: 'pipeline', containers: ['data', 'gen', 'broker'] }],
    });
    run.runToEnd();
    const order = seen.map(({ event }) => event.type);
    expect(order.slice(0, 4)).toEqual(['BarEvent', 'BarEvent', 'BarEvent', 'BarEvent']);
    // The broker got each bar once, through the market feed; the copy along the pipeline was a duplicate.
    expect(order.filter((type) => type === 'BarEvent')).toHaveLength(10);
    expect(counter(run, 'gen').filtered_by_rule.duplicate).toBe(10);
    expect(
      run.routes.some((route) => route.pattern === 'market' && route.target === 'broker'),
    ).toBe(true);
    expectBalanced(run);
  });

  it('runs end-of-bar hooks after the queues drain, and delivers what they emit', () => {
    const run = start({
      containers: { data: 'synthetic_bars', book: 'ledger', out: 'sink' },
      patterns: [{ type: 'pipeline', containers: ['data', 'book', 'out'] }],
    });
    run.runToEnd();
    const types = seen.map(({ event }) => event.type);
    expect(types.slice(0, 4)).toEqual([
      'BarEvent',
      'PortfolioUpdateEvent',
      'BarEvent',
      'PortfolioUpdateEvent',
    ]);
    expect(run.results()).toEqual({ book: { ends: 10 }, out: { count: 20 } });
    expectBalanced(run);
  });

  it('adds the feedback route from a portfolio to the risk containers upstream of it', () => {
    const registry = {
      ...testRegistry,
      portfolio: testRegistry.ledger!,
      risk_manager: testRegistry.sink!,
    };
    const run = createRun(
      testConfig({
        containers: { data: 'synthetic_bars', risk: 'risk_manager', book: 'portfolio' },
        patterns: [{ type: 'pipeline', containers: ['data', 'risk', 'book'] }],
      }),
      input,
      registry,
    );
    run.runToEnd();
    expect(run.routes.filter((route) => route.pattern === 'feedback')).toEqual([
      expect.objectContaining({ source: 'book', target: 'risk' }),
    ]);
    expect(
      seen.filter(
        ({ container, event }) => container === 'risk' && event.type === 'PortfolioUpdateEvent',
      ),
    ).toHaveLength(10);
    expectBalanced(run);
  });
});

describe('run control', () => {
  const flow: TestFlow = {
    containers: { data: 'synthetic_bars', ind: 'tagger', gen: 'signaller', out: 'sink' },
    patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'gen', 'out'] }],
  };
  const ids = (events: AnyEvent[]) =>
    events.map((event) => `${event.event_id}:${event.type}:${event.source}`);

  it('steps one delivery at a time through the same sequence as a full run', () => {
    const full: AnyEvent[] = [];
    start(flow, input, full).runToEnd();
    const stepped: AnyEvent[] = [];
    const run = start(flow, input, stepped);
    expect(run.stepEvent()).toBe('paused');
    expect(run.progress.deliveries).toBe(1);
    let steps = 1;
    while (run.stepEvent() !== 'finished') steps++;
    expect(ids(stepped)).toEqual(ids(full));
    expect(steps).toBe(run.progress.deliveries);
  });

  it('steps a bar, pauses, resumes, snapshots and resets', () => {
    const events: AnyEvent[] = [];
    const run = start(flow, input, events);
    expect(run.stepBar()).toBe('paused');
    expect(run.progress.barsDone).toBe(1);
    run.stepEvent();
    const snapshot = run.snapshot();
    expect(snapshot.status).toBe('paused');
    expect(snapshot.phase).toBe('decision');
    expect(snapshot.progress.barsDone).toBe(1);
    expect(Object.values(snapshot.queues).flat().length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    for (const [name, state] of Object.entries(snapshot.components))
      expect(run.componentSnapshot(name)).toEqual(state);
    expect(Object.keys(snapshot.components).length).toBeGreaterThan(0);
    expect(run.componentSnapshot('no such container')).toBeUndefined();
    expect(run.stepBar()).toBe('paused');
    expect(run.progress.barsDone).toBe(2);
    expect(run.runFor({ maxBars: 3 })).toBe('paused');
    expect(run.progress.barsDone).toBe(5);
    expect(run.resume()).toBe('finished');
    expect(run.progress.barsDone).toBe(10);
    const firstRun = ids(events);
    events.length = 0;
    run.reset();
    expect(run.status).toBe('ready');
    expect(run.progress.barsDone).toBe(0);
    run.runToEnd();
    expect(ids(events)).toEqual(firstRun);
  });

  it('pauses from inside a run when asked', () => {
    const run = createRun(testConfig(flow), input, testRegistry, {
      observer: { onBarEnd: (_time, done) => done === 4 && run.pause() },
    });
    expect(run.runToEnd()).toBe('paused');
    expect(run.progress.barsDone).toBe(4);
    expect(run.runToEnd()).toBe('finished');
  });

  it('gives the same events for the same flow, bars and seed (hash of two runs)', () => {
    const hash = () => {
      const events: AnyEvent[] = [];
      const bars: RunInput = {
        bars: {
          data: [
            makeBars('AAA', CLOSES),
            makeBars(
              'BBB',
              CLOSES.map((c) => c * 2),
            ),
          ],
        },
      };
      start(flow, bars, events).runToEnd();
      return fnv(JSON.stringify(events));
    };
    expect(hash()).toBe(hash());
  });
});

describe('tracing and monitoring', () => {
  const flow: TestFlow = {
    containers: { data: 'synthetic_bars', ind: 'tagger', gen: 'signaller', broker: 'market' },
    patterns: [{ type: 'pipeline', containers: ['data', 'ind', 'gen', 'broker'] }],
    transformations: [
      {
        from_event: 'TradingSignal',
        to_event: 'OrderEvent',
        transformer: 'signal_to_order_transformer',
      },
    ],
  };

  it('gives each correlation its chain with causation links and stage latencies', () => {
    const run = start(flow);
    run.runToEnd();
    const ids = run.tracesWith('OrderEvent');
    expect(ids).toHaveLength(10);
    const trace = run.trace(ids[0]!)!;
    expect(trace.chain.map((link) => link.event.type)).toEqual([
      'BarEvent',
      'IndicatorEvent',
      'TradingSignal',
      'OrderEvent',
    ]);
    for (const link of trace.chain.slice(1)) {
      expect(trace.chain.some((other) => other.event.event_id === link.event.causation_id)).toBe(
        true,
      );
    }
    expect(trace.stages.map((stage) => `${stage.from}>${stage.to}`)).toEqual([
      'BarEvent>IndicatorEvent',
      'BarEvent>TradingSignal',
      'TradingSignal>OrderEvent',
    ]);
    expect(
      trace.stages.every((stage) => stage.simulated_ms === 0 && stage.processing_ms !== null),
    ).toBe(true);
  });

  it('records nothing it was told not to', () => {
    const events: AnyEvent[] = [];
    const run = start(
      {
        ...flow,
        monitoring: {
          trace_events: false,
          correlation_tracking: false,
          performance_metrics: false,
          dead_letter_queue: false,
        },
      },
      input,
      events,
    );
    run.runToEnd();
    expect(events).toEqual([]);
    expect(run.tracesWith('OrderEvent')).toEqual([]);
    expect(run.trace('e1')).toBeNull();
  });

  it('keeps per-route and per-container counts', () => {
    const run = start(flow);
    run.runToEnd();
    const routes = run.routeCounters();
    expect(routes.find((route) => route.id.startsWith('data->ind'))!.delivered).toBe(10);
    expect(counter(run, 'ind')).toMatchObject({
      in: 10,
      out: 20,
      errors: 0,
      queued: 0,
      halted: false,
    });
  });
});

function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
