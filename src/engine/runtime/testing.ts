/**
 * Small components and builders for testing and benchmarking the runtime on its own, without the
 * trading components. Not used by the product.
 */
import type { Component, ComponentContext } from '../component';
import {
  type CircuitBreakerSettings,
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FAULTS,
  DEFAULT_MONITORING,
  DEFAULT_RETRY,
  DEFAULT_RUN,
  type EngineConfig,
  type EventBusSettings,
  type FaultSettings,
  type MonitoringSettings,
  type PatternConfig,
  type RetryPolicy,
  type RouteConfig,
  type TransformationConfig,
} from '../config';
import { type BarSeries, seriesFromRows } from '../data/bars';
import { type AnyEvent, EVENT_TYPES, type EventType } from '../events';
import type { ComponentRegistry, Run } from './types';

const DAY = 86_400_000;

export function makeBars(
  symbol: string,
  closes: readonly number[],
  start = Date.UTC(2024, 0, 1),
): BarSeries {
  return seriesFromRows(
    symbol,
    closes.map((close, index) => ({
      timestamp: start + index * DAY,
      open: close,
      high: close + 1,
      low: close - 1,
      close,
      volume: 1000,
    })),
  );
}

/** A record of what a component saw, shared by the tests that read it. */
export const seen: { container: string; event: AnyEvent }[] = [];

function component(
  consumes: readonly EventType[],
  onEvent: Component['onEvent'],
  extra: Partial<Component> = {},
): Component {
  return { consumes, onEvent, snapshot: () => ({}), ...extra };
}

const num = (params: Readonly<Record<string, unknown>>, key: string, fallback: number) =>
  typeof params[key] === 'number' ? (params[key] as number) : fallback;

export const testRegistry: ComponentRegistry = {
  /** Consumes nothing: every event passes through. */
  relay: () => component([], () => {}),
  /** Emits an indicator with the close, then forwards the bar. */
  tagger: (params, env) =>
    component(['BarEvent'], (event, ctx) => {
      if (event.type !== 'BarEvent') return;
      ctx.emit(
        'IndicatorEvent',
        {
          indicator_name: typeof params.name === 'string' ? params.name : env.container,
          symbol: event.symbol,
          value: event.close,
          outputs: { value: event.close },
          confidence: null,
          metadata: {},
        },
        event,
      );
      ctx.forward(event);
    }),
  /** Forwards the bar, then signals with strength = (close mod 10) / 10. */
  signaller: () =>
    component(['BarEvent'], (event, ctx) => {
      if (event.type !== 'BarEvent') return;
      ctx.forward(event);
      ctx.emit('TradingSignal', signalFor(event.symbol, event.close, ctx), event);
    }),
  /** Throws on every bar whose close is a multiple of `every`; forwards the rest. */
  thrower: (params) =>
    component(['BarEvent'], (event, ctx) => {
      if (event.type === 'BarEvent' && event.close % num(params, 'every', 2) === 0) {
        throw new Error(`cannot handle close ${event.close}`);
      }
      ctx.forward(event);
    }),
  /** Answers every indicator with a new one: two echoes in a loop run away. */
  echo: () =>
    component(['IndicatorEvent'], (event, ctx) => {
      if (event.type !== 'IndicatorEvent') return;
      ctx.emit('IndicatorEvent', { ...event, indicator_name: `${event.indicator_name}'` }, event);
    }),
  /** Records everything it gets, consuming it. */
  sink: (_params, env) =>
    component(
      EVENT_TYPES,
      (event) => {
        seen.push({ container: env.container, event });
      },
      {
        report: () => ({ count: seen.filter((entry) => entry.container === env.container).length }),
      },
    ),
  /** A broker stand-in: sees bars first, records them, and fills nothing. */
  market: (_params, env) =>
    component(
      ['BarEvent', 'OrderEvent'],
      (event) => {
        seen.push({ container: env.container, event });
      },
      { marketFeed: true },
    ),
  /** Publishes "up" while the close is at or above `level`, else "down"; forwards everything. */
  regime: (params) => {
    const regimes = new Map<string, string>();
    return component(
      ['BarEvent'],
      (event, ctx) => {
        if (event.type !== 'BarEvent') return;
        regimes.set(event.symbol, event.close >= num(params, 'level', 100) ? 'up' : 'down');
        ctx.forward(event);
      },
      { publish: (symbol) => regimes.get(symbol), snapshot: () => Object.fromEntries(regimes) },
    );
  },
  /** Counts bar ends, emitting a portfolio update caused by the first bar of the step. */
  ledger: () => {
    let ends = 0;
    return component(['FillEvent'], () => {}, {
      onBarEnd: (bars, ctx) => {
        ends++;
        ctx.emit(
          'PortfolioUpdateEvent',
          { cash: ends, total_value: ends, positions: {}, unrealized_pnl: 0, realized_pnl: 0 },
          bars[0]!,
        );
      },
      snapshot: () => ({ ends }),
      report: () => ({ ends }),
    });
  },
};

function signalFor(symbol: string, close: number, ctx: ComponentContext) {
  void ctx;
  const strength = (close % 10) / 10;
  return {
    symbol,
    action: 'BUY' as const,
    direction: 1 as const,
    strength,
    price: close,
    price_target: null,
    stop_loss: null,
    strategy_id: 'test',
    regime_context: null,
  };
}

/** Everything of an EngineConfig but its containers and patterns, at the defaults. */
export const DEFAULTS: Pick<EngineConfig, 'routes' | 'transformations' | 'eventSystem' | 'run'> = {
  routes: [],
  transformations: [],
  eventSystem: {
    buses: { default: DEFAULT_BUS },
    monitoring: DEFAULT_MONITORING,
    circuit_breaker: DEFAULT_CIRCUIT_BREAKER,
  },
  run: DEFAULT_RUN,
};

export interface TestFlow {
  readonly containers: Readonly<Record<string, string>>;
  readonly patterns?: readonly PatternConfig[];
  readonly routes?: readonly RouteConfig[];
  readonly transformations?: readonly TransformationConfig[];
  readonly bus?: Partial<EventBusSettings>;
  readonly buses?: Readonly<Record<string, EventBusSettings>>;
  readonly monitoring?: Partial<MonitoringSettings>;
  readonly maxEventsPerBar?: number;
  readonly breaker?: Partial<CircuitBreakerSettings>;
  readonly retry?: Readonly<Record<string, Partial<RetryPolicy>>>;
  readonly faults?: Readonly<Record<string, Partial<FaultSettings>>>;
  readonly seed?: number;
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** An EngineConfig from a compact description: container name → component id. */
export function testConfig(flow: TestFlow): EngineConfig {
  return {
    containers: Object.entries(flow.containers).map(([name, component]) => ({
      name,
      component,
      params: flow.params?.[name] ?? {},
    })),
    patterns: flow.patterns ?? [],
    routes: flow.routes ?? [],
    transformations: flow.transformations ?? [],
    eventSystem: {
      buses: { default: { ...DEFAULT_BUS, ...flow.bus }, ...flow.buses },
      monitoring: { ...DEFAULT_MONITORING, ...flow.monitoring },
      circuit_breaker: { ...DEFAULT_CIRCUIT_BREAKER, ...flow.breaker },
      retry: Object.fromEntries(
        Object.entries(flow.retry ?? {}).map(([name, policy]) => [
          name,
          { ...DEFAULT_RETRY, ...policy },
        ]),
      ),
      faults: Object.fromEntries(
        Object.entries(flow.faults ?? {}).map(([name, faults]) => [
          name,
          { ...DEFAULT_FAULTS, ...faults },
        ]),
      ),
    },
    run: {
      ...DEFAULT_RUN,
      seed: flow.seed ?? DEFAULT_RUN.seed,
      max_events_per_bar: flow.maxEventsPerBar ?? DEFAULT_RUN.max_events_per_bar,
    },
  };
}

/**
 * Everything a run lets a host observe, as plain JSON (typed arrays as arrays, wall-clock times
 * left out): two runs with the same fingerprint gave the same results, counters, routes, incidents,
 * dead letters, breaker changes and progress, to the last digit.
 */
export function runFingerprint(run: Run): unknown {
  const plain = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array);
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== 'wall_time')
          .map(([key, inner]) => [key, plain(inner)]),
      );
    return value;
  };
  const { time: _time, ...progress } = run.progress;
  return plain({
    status: run.status,
    failure: run.failure,
    progress: { ...progress, time: Number.isNaN(run.progress.time) ? null : run.progress.time },
    counters: run.counters(),
    routes: run.routeCounters(),
    incidents: run.incidents(),
    deadLetters: run.deadLetters(),
    deadLetterCount: run.deadLetterCount(),
    breakers: run.breakerHistory(),
    results: run.results(),
    components: run.snapshot().components,
  });
}
