/**
 * A run of a flow: the scheduler, the containers' buses, the router and run control. One run is
 * single-threaded and deterministic: the same config, input and seed give the same events in the
 * same order, however fast the host is and however the run is stepped.
 *
 * The semantics are in docs/engine-semantics.md; the comments here say why the code is shaped
 * as it is.
 */
import type { Component, ComponentContext } from '../component';
import type { EngineConfig } from '../config';
import type { BarSeries } from '../data/bars';
import type { AnyEvent, BarEvent, EventOf, EventType, PayloadByType } from '../events';
import { cyclesAmong } from './cycles';
import { typeBit, typeIndex } from './event-bits';
import { Inbox, RingQueue } from './ring';
import { SeenSet } from './seen';
import { Timeline } from './timeline';
import {
  addMarketFeed,
  type CompiledRoute,
  compileTopology,
  EngineConfigError,
  isDataComponent,
  type RegimeGate,
  type SelectiveGroup,
  type Topology,
} from './topology';
import { Tracer } from './tracer';
import {
  type ComponentRegistry,
  type ContainerCounters,
  type DeadLetter,
  type DeadLetterReason,
  FILTER_RULES,
  type FilterRule,
  type Progress,
  type RouteCounters,
  type RunFailure,
  type RunInput,
  type RunLimits,
  type RunObserver,
  type RunOptions,
  type RunSnapshot,
  type RunStatus,
  type Trace,
} from './types';

type Stage = 'between_bars' | 'market' | 'decision' | 'test_end' | 'end_of_bar';
type Advance = 'delivered' | 'moved' | 'finished';

/** Thrown inside the scheduler to stop a run (full queue, runaway); caught at the run's edge. */
class RunStop extends Error {
  constructor(readonly failure: RunFailure) {
    super(failure.message);
  }
}

const BAR_BIT = typeBit('BarEvent');

const RULE_INDEX: Readonly<Record<FilterRule, number>> = Object.fromEntries(
  FILTER_RULES.map((rule, index) => [rule, index]),
) as Record<FilterRule, number>;

/** One container: its component, its inbox and its counters. */
class Container {
  readonly inbox = new Inbox<AnyEvent>();
  consumesMask = 0;
  halted = false;
  /** Event seqs seen this bar step; only for containers more than one source can reach. */
  seen: SeenSet | null = null;
  /** Tokens in the scheduler's queue that belong to events already handled in a batch. */
  skipTokens = 0;
  in = 0;
  out = 0;
  handled = 0;
  errors = 0;
  dispatched = 0;
  delivered = 0;
  filtered = 0;
  deadLettered = 0;
  pending = 0;
  readonly filteredByRule = new Array<number>(FILTER_RULES.length).fill(0);
  plainOut: readonly CompiledRoute[] = [];
  selectiveOut: readonly SelectiveGroup[] = [];
  marketOut: readonly CompiledRoute[] = [];
  gates: readonly RegimeGate[] = [];
  ctx!: ComponentContext;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly componentId: string,
    readonly component: Component | null,
    readonly queueSize: number,
    readonly overflow: 'fail' | 'dead_letter' | 'drop_oldest',
    readonly batchSize: number,
  ) {}
}

export interface Run {
  readonly status: RunStatus;
  readonly failure: RunFailure | null;
  readonly progress: Progress;
  /** Run until the end (or a failure); returns the final status. */
  runToEnd(): RunStatus;
  /** Run until a limit is reached, the run is paused, or it ends. */
  runFor(limits: RunLimits): RunStatus;
  /** Exactly one delivery (the stage transitions before it included). */
  stepEvent(): RunStatus;
  /** The rest of the current bar step, or the next whole one. */
  stepBar(): RunStatus;
  /** Ask a running runFor/runToEnd to stop at the next delivery boundary. */
  pause(): void;
  /** Continue to the end after a pause. */
  resume(): RunStatus;
  /** Back to before the first bar, with fresh components. */
  reset(): void;
  snapshot(): RunSnapshot;
  /** One container's component snapshot (what snapshot().components holds for it), cheaply. */
  componentSnapshot(container: string): unknown;
  counters(): readonly ContainerCounters[];
  routeCounters(): readonly RouteCounters[];
  deadLetters(): readonly DeadLetter[];
  deadLetterCount(): number;
  trace(correlationId: string): Trace | null;
  /** Correlation ids of retained chains holding an event of this type (fills, say). */
  tracesWith(type: EventType): readonly string[];
  /** Each component's report(), by container name. */
  results(): Readonly<Record<string, unknown>>;
  /** The compiled routes, for hosts that draw them. */
  readonly routes: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly pattern: string;
  }[];
}

const DEFAULTS = { maxDecisionTraces: 50_000, maxBarTraces: 2_000, maxDeadLetters: 10_000 };

function defaultClock(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
}

export function createRun(
  config: EngineConfig,
  input: RunInput,
  registry: ComponentRegistry,
  options: RunOptions = {},
): Run {
  const monitoring = config.eventSystem.monitoring;
  const breaker = config.eventSystem.circuit_breaker;
  const maxPerBar = config.run.max_events_per_bar;
  const observer: RunObserver = options.observer ?? {};
  const clock = options.clock ?? defaultClock();
  const measure = monitoring.performance_metrics;
  const tracer = monitoring.correlation_tracking
    ? new Tracer(
        options.maxDecisionTraces ?? DEFAULTS.maxDecisionTraces,
        options.maxBarTraces ?? DEFAULTS.maxBarTraces,
      )
    : null;
  const maxDeadLetters = options.maxDeadLetters ?? DEFAULTS.maxDeadLetters;

  for (const container of config.containers) {
    if (!isDataComponent(container.component) && !registry[container.component]) {
      throw new EngineConfigError(
        `Container "${container.name}" uses component "${container.component}", which the engine does not know`,
        [container.name],
      );
    }
  }

  let containers: Container[] = [];
  let topology!: Topology;
  let timeline!: Timeline;
  const tokens = new RingQueue<number>(1024);
  let routeDelivered: number[] = [];
  /** The source container of each route, by route index: one load in the hot path. */
  let routeSource: Container[] = [];
  let deadLetterList: DeadLetter[] = [];
  let deadLetterTotal = 0;

  let status: RunStatus = 'ready';
  let failure: RunFailure | null = null;
  let stage: Stage = 'between_bars';
  let stepBars: BarEvent[] = [];
  /** The data container of each of stepBars. */
  let stepSources: Container[] = [];
  let stepTime = Number.NaN;
  let barsDone = 0;
  let seq = 0;
  let orderSeq = 0;
  let deliveries = 0;
  let deliveriesThisStep = 0;
  let pauseRequested = false;
  let startedAt = clock();
  /** The container whose batch is in progress, and how many more it may handle in a row. */
  let batchOwner: Container | null = null;
  let batchLeft = 0;

  const build = (): void => {
    const instances = config.containers.map((container) => {
      if (isDataComponent(container.component)) return null;
      const factory = registry[container.component]!;
      return factory(container.params, { container: container.name, seed: config.run.seed });
    });
    topology = compileTopology(config, (index) => instances[index]?.consumes ?? []);
    const market = addMarketFeed(topology, (index) => instances[index]?.marketFeed === true);
    containers = topology.containers.map((spec) => {
      const container = new Container(
        spec.index,
        spec.name,
        spec.component,
        instances[spec.index] ?? null,
        spec.bus.queue_size,
        spec.bus.overflow,
        Math.max(1, spec.bus.batch_size),
      );
      for (const type of container.component?.consumes ?? [])
        container.consumesMask |= typeBit(type);
      container.plainOut = topology.plainOut[spec.index]!;
      container.selectiveOut = topology.selectiveOut[spec.index]!;
      container.marketOut = market[spec.index]!;
      container.gates = topology.gates[spec.index]!;
      container.ctx = contextFor(container);
      return container;
    });
    const fanIn = new Array<number>(containers.length).fill(0);
    const sources = containers.map(() => new Set<number>());
    for (const route of topology.routes) sources[route.target]!.add(route.source);
    sources.forEach((set, index) => {
      fanIn[index] = set.size;
    });
    for (const container of containers)
      if (fanIn[container.index]! > 1) container.seen = new SeenSet();
    routeDelivered = new Array<number>(topology.routes.length).fill(0);
    routeSource = topology.routes.map((out) => containers[out.source]!);

    const series = [];
    for (const container of containers) {
      if (!isDataComponent(container.componentId)) continue;
      const bars = input.bars[container.name];
      if (!bars || bars.length === 0) {
        throw new EngineConfigError(`Data container "${container.name}" has no bars to play`, [
          container.name,
        ]);
      }
      for (const one of bars) series.push({ container: container.index, series: one });
    }
    timeline = new Timeline(series);
  };

  // ---- events ------------------------------------------------------------------------------

  const nextEvent = <T extends EventType>(
    type: T,
    payload: PayloadByType[T],
    source: string,
    cause: AnyEvent | null,
  ): AnyEvent => {
    const eventSeq = ++seq;
    const eventId = `e${eventSeq}`;
    // The payload object becomes the event (emit takes ownership): stamping it in place is three
    // times faster than copying it. A frozen payload (an event passed back in) is copied first.
    const event = (Object.isFrozen(payload) ? { ...payload } : payload) as unknown as Record<
      string,
      unknown
    >;
    event.type = type;
    event.event_id = eventId;
    event.correlation_id = cause ? cause.correlation_id : eventId;
    event.causation_id = cause ? cause.event_id : null;
    event.timestamp = stepTime;
    event.source = source;
    event.seq = eventSeq;
    return Object.freeze(event) as unknown as AnyEvent;
  };

  /** Bars are the hottest root event: built as one literal, which V8 makes 3x faster than a spread. */
  const makeBar = (series: BarSeries, index: number, source: string): BarEvent => {
    const eventSeq = ++seq;
    const eventId = `e${eventSeq}`;
    return Object.freeze({
      type: 'BarEvent' as const,
      event_id: eventId,
      correlation_id: eventId,
      causation_id: null,
      timestamp: stepTime,
      source,
      seq: eventSeq,
      symbol: series.symbol,
      open: series.open[index]!,
      high: series.high[index]!,
      low: series.low[index]!,
      close: series.close[index]!,
      volume: series.volume[index]!,
      bar_index: index,
    });
  };

  const recordEmission = (container: Container, event: AnyEvent, isNew: boolean): void => {
    container.out++;
    if (!isNew) return;
    if (tracer) tracer.record(event, measure ? clock() - startedAt : null);
    if (monitoring.trace_events && observer.onEvent) observer.onEvent(event, container.name);
  };

  const contextFor = (container: Container): ComponentContext => ({
    container: container.name,
    get now() {
      return stepTime;
    },
    emit: (type, payload, cause) => {
      const event = nextEvent(type, payload, container.name, cause);
      route(container, event, true);
      return event as unknown as EventOf<typeof type>;
    },
    forward: (event) => route(container, event, false),
    published: (name, key) => {
      const index = topology.byName.get(name);
      if (index === undefined) return undefined;
      return containers[index]!.component?.publish?.(key);
    },
  });

  // ---- routing -----------------------------------------------------------------------------

  const filter = (source: Container, rule: FilterRule): void => {
    source.filtered++;
    source.filteredByRule[RULE_INDEX[rule]]!++;
  };

  const deadLetter = (
    source: Container,
    target: Container,
    event: AnyEvent,
    reason: DeadLetterReason,
    error: string,
  ): void => {
    source.deadLettered++;
    deadLetterTotal++;
    if (!monitoring.dead_letter_queue && !observer.onDeadLetter) return;
    const entry: DeadLetter = {
      event,
      container: target.name,
      handler: target.componentId,
      reason,
      error,
      time: stepTime,
      wall_time: Date.now(),
    };
    if (monitoring.dead_letter_queue && deadLetterList.length < maxDeadLetters)
      deadLetterList.push(entry);
    observer.onDeadLetter?.(entry);
  };

  /** An event leaves a container: offered to each of its routes (or filtered by its gate). */
  const route = (container: Container, event: AnyEvent, isNew: boolean): void => {
    recordEmission(container, event, isNew);
    dispatchAll(container, event, typeBit(event.type));
  };

  const dispatchAll = (container: Container, event: AnyEvent, bit: number): void => {
    for (const gate of container.gates) {
      if ((gate.types & bit) === 0) continue;
      const symbol = (event as { symbol?: string }).symbol ?? '';
      const regime = containers[gate.parent]!.component?.publish?.(symbol);
      if (regime !== gate.regime) {
        container.dispatched++;
        filter(container, 'regime_inactive');
        return;
      }
    }
    let offered = 0;
    for (const out of container.plainOut) {
      offer(container, out, event, bit);
      offered++;
    }
    for (const group of container.selectiveOut) {
      if ((group.routedTypes & bit) !== 0) {
        offered++;
        const choice = group.choices.find(({ condition }) => condition.test(event));
        const chosen = choice ? choice.route : group.fallback;
        if (chosen) offer(container, chosen, event, bit);
        else {
          container.dispatched++;
          filter(container, 'no_route_matched');
        }
      } else {
        for (const out of group.broadcast) {
          offer(container, out, event, bit);
          offered++;
        }
      }
    }
    if (offered === 0) {
      container.dispatched++;
      filter(container, 'no_route');
    }
  };

  /** One dispatch: an event offered to one route's target. */
  const offer = (source: Container, out: CompiledRoute, event: AnyEvent, bit: number): void => {
    source.dispatched++;
    if ((out.types & bit) === 0) {
      filter(source, 'event_type');
      return;
    }
    if ((out.useful & bit) === 0) {
      filter(source, 'unsubscribed');
      return;
    }
    for (const condition of out.filters)
      if (!condition.test(event)) {
        filter(source, 'filter_condition');
        return;
      }
    const transform = out.transforms.length > 0 ? out.transforms[typeIndex(event.type)] : undefined;
    if (transform) {
      const payload = transform.transformer.transform(event as never, transform.params, {
        nextOrderId: () => `o${++orderSeq}`,
      });
      if (payload === null) {
        filter(source, 'transformer_declined');
        return;
      }
      filter(source, 'transformed');
      const made = nextEvent(transform.transformer.to, payload as never, source.name, event);
      recordEmission(source, made, true);
      offer(source, { ...out, transforms: [] }, made, typeBit(made.type));
      return;
    }
    enqueue(source, containers[out.target]!, out.index, event);
  };

  const enqueue = (
    source: Container,
    target: Container,
    routeIndex: number,
    event: AnyEvent,
  ): void => {
    if (target.halted) {
      deadLetter(
        source,
        target,
        event,
        'container_halted',
        'container halted by its circuit breaker',
      );
      return;
    }
    if (target.seen && !target.seen.add(event.seq)) {
      filter(source, 'duplicate');
      return;
    }
    if (target.inbox.length >= target.queueSize) {
      if (target.overflow === 'fail') {
        throw new RunStop({
          message: `The inbox of "${target.name}" is full (queue_size ${target.queueSize}); raise queue_size or choose another overflow policy`,
          containers: [target.name],
        });
      }
      if (target.overflow === 'dead_letter') {
        deadLetter(
          source,
          target,
          event,
          'queue_full',
          `inbox full (queue_size ${target.queueSize})`,
        );
        return;
      }
      const oldest = target.inbox.shift()!;
      const oldSource = routeSource[target.inbox.lastRoute]!;
      oldSource.pending--;
      target.skipTokens++;
      deadLetter(
        oldSource,
        target,
        oldest,
        'dropped_oldest',
        `dropped for a newer event (queue_size ${target.queueSize})`,
      );
    }
    target.inbox.push(event, routeIndex);
    source.pending++;
    tokens.push(target.index);
  };

  // ---- delivery ----------------------------------------------------------------------------

  /** Picks the next container to serve: the batch owner while its batch lasts, else the oldest token. */
  const nextContainer = (): Container | null => {
    if (batchOwner && batchLeft > 0 && batchOwner.inbox.length > 0) {
      batchLeft--;
      batchOwner.skipTokens++;
      return batchOwner;
    }
    for (;;) {
      const index = tokens.shift();
      if (index === undefined) return null;
      const container = containers[index]!;
      if (container.skipTokens > 0) {
        container.skipTokens--;
        continue;
      }
      batchOwner = container;
      batchLeft = container.batchSize - 1;
      return container;
    }
  };

  const deliver = (container: Container): void => {
    const event = container.inbox.shift()!;
    const routeIndex = container.inbox.lastRoute;
    const source = routeSource[routeIndex]!;
    source.pending--;
    deliveries++;
    if (++deliveriesThisStep > maxPerBar) throw runaway();
    if (container.halted) {
      deadLetter(
        source,
        container,
        event,
        'container_halted',
        'container halted by its circuit breaker',
      );
      return;
    }
    const component = container.component;
    const bit = typeBit(event.type);
    if (component && (container.consumesMask & bit) !== 0) {
      container.handled++;
      try {
        component.onEvent(event, container.ctx);
      } catch (error) {
        if (error instanceof RunStop) throw error;
        container.errors++;
        deadLetter(source, container, event, 'handler_error', errorText(error));
        tripBreaker(container, event);
        return;
      }
    } else {
      recordEmission(container, event, false);
      dispatchAll(container, event, bit);
    }
    container.in++;
    source.delivered++;
    routeDelivered[routeIndex]!++;
  };

  const tripBreaker = (container: Container, cause: AnyEvent): void => {
    if (container.halted || container.handled < breaker.min_events) return;
    if (container.errors / container.handled <= breaker.error_rate) return;
    container.halted = true;
    const halted = nextEvent(
      'ContainerHalted',
      {
        container: container.name,
        reason: `error rate ${(container.errors / container.handled).toFixed(2)} above ${breaker.error_rate} after ${container.handled} events`,
        errors: container.errors,
        handled: container.handled,
      },
      container.name,
      cause,
    );
    route(container, halted, true);
  };

  const runaway = (): RunStop => {
    const cycles = cyclesAmong(containers.length, topology.routes);
    const busiest = [...containers].sort((a, b) => b.in - a.in)[0];
    const cycle =
      cycles.find((members) => busiest && members.includes(busiest.index)) ??
      cycles[0] ??
      (busiest ? [busiest.index] : []);
    const names = cycle.map((index) => containers[index]!.name);
    return new RunStop({
      message: `More than ${maxPerBar} deliveries in one bar step: a runaway loop${cycles.length > 0 ? ` through ${names.join(' → ')}` : ` at ${names.join(', ')}`}. Break the cycle or raise run.max_events_per_bar.`,
      containers: names,
    });
  };

  // ---- bar steps ---------------------------------------------------------------------------

  const startStep = (): boolean => {
    const time = timeline.next();
    if (Number.isNaN(time)) return false;
    stepTime = time;
    deliveriesThisStep = 0;
    stepBars = [];
    stepSources = [];
    const positions = timeline.stepSources;
    for (let i = 0; i < positions.length; i++) {
      const { container, series } = timeline.source(positions[i]!);
      const index = timeline.stepIndexes[i]!;
      const source = containers[container]!;
      const bar = makeBar(series, index, source.name);
      stepBars.push(bar);
      stepSources.push(source);
      recordEmission(source, bar, true);
      for (const out of source.marketOut) offer(source, out, bar, BAR_BIT);
    }
    return true;
  };

  /** The market phase is over: the same bars now enter the flow through the declared routes. */
  const enterDecision = (): void => {
    for (let i = 0; i < stepBars.length; i++) dispatchAll(stepSources[i]!, stepBars[i]!, BAR_BIT);
  };

  /** The last bar step is decided: components learn that the data ends (onTestEnd). */
  const enterTestEnd = (): void => {
    for (const container of containers) {
      const component = container.component;
      if (!component?.onTestEnd || container.halted) continue;
      try {
        component.onTestEnd(container.ctx);
      } catch (error) {
        if (error instanceof RunStop) throw error;
        container.errors++;
        const bar = stepBars[0]!;
        deadLetter(container, container, bar, 'handler_error', `onTestEnd: ${errorText(error)}`);
      }
    }
  };

  const enterEndOfBar = (): void => {
    for (const container of containers) {
      const component = container.component;
      if (!component?.onBarEnd || container.halted) continue;
      try {
        component.onBarEnd(stepBars, container.ctx);
      } catch (error) {
        if (error instanceof RunStop) throw error;
        container.errors++;
        const bar = stepBars[0]!;
        deadLetter(container, container, bar, 'handler_error', `onBarEnd: ${errorText(error)}`);
      }
    }
  };

  const finishStep = (): void => {
    for (const container of containers) container.seen?.clear();
    tracer?.endStep();
    barsDone++;
    observer.onBarEnd?.(stepTime, barsDone);
  };

  /** One delivery, or one stage transition when nothing is queued. */
  const advance = (): Advance => {
    const container = tokens.length > 0 || (batchOwner && batchLeft > 0) ? nextContainer() : null;
    if (container) {
      deliver(container);
      return 'delivered';
    }
    batchOwner = null;
    switch (stage) {
      case 'between_bars':
        if (!startStep()) return 'finished';
        stage = 'market';
        return 'moved';
      case 'market':
        enterDecision();
        stage = 'decision';
        return 'moved';
      case 'decision':
        if (barsDone + 1 >= timeline.totalSteps) {
          enterTestEnd();
          stage = 'test_end';
          return 'moved';
        }
        enterEndOfBar();
        stage = 'end_of_bar';
        return 'moved';
      case 'test_end':
        enterEndOfBar();
        stage = 'end_of_bar';
        return 'moved';
      case 'end_of_bar':
        finishStep();
        stage = 'between_bars';
        return barsDone >= timeline.totalSteps ? 'finished' : 'moved';
    }
  };

  const guarded = (body: () => void): RunStatus => {
    if (status === 'finished' || status === 'failed') return status;
    status = 'running';
    pauseRequested = false;
    try {
      body();
    } catch (error) {
      if (!(error instanceof RunStop)) throw error;
      failure = error.failure;
      status = 'failed';
      return status;
    }
    if (status === 'running') status = 'paused';
    return status;
  };

  const finish = (): void => {
    status = 'finished';
  };

  const runFor = (limits: RunLimits): RunStatus =>
    guarded(() => {
      const deadline =
        limits.deadlineMs === undefined ? Number.POSITIVE_INFINITY : clock() + limits.deadlineMs;
      const barLimit =
        limits.maxBars === undefined ? Number.POSITIVE_INFINITY : barsDone + limits.maxBars;
      const eventLimit =
        limits.maxEvents === undefined ? Number.POSITIVE_INFINITY : deliveries + limits.maxEvents;
      let checks = 0;
      for (;;) {
        if (pauseRequested || barsDone >= barLimit || deliveries >= eventLimit) return;
        if ((++checks & 255) === 0 && clock() >= deadline) return;
        if (advance() === 'finished') return finish();
      }
    });

  const reset = (): void => {
    build();
    tokens.clear();
    tracer?.clear();
    deadLetterList = [];
    deadLetterTotal = 0;
    status = 'ready';
    failure = null;
    stage = 'between_bars';
    stepBars = [];
    stepSources = [];
    stepTime = Number.NaN;
    barsDone = 0;
    seq = 0;
    orderSeq = 0;
    deliveries = 0;
    deliveriesThisStep = 0;
    batchOwner = null;
    batchLeft = 0;
    pauseRequested = false;
    startedAt = clock();
  };

  const counters = (): ContainerCounters[] =>
    containers.map((container) => ({
      name: container.name,
      in: container.in,
      out: container.out,
      dispatched: container.dispatched,
      delivered: container.delivered,
      filtered: container.filtered,
      dead_lettered: container.deadLettered,
      pending: container.pending,
      errors: container.errors,
      queued: container.inbox.length,
      halted: container.halted,
      filtered_by_rule: Object.fromEntries(
        FILTER_RULES.flatMap((rule, index) =>
          container.filteredByRule[index]! > 0 ? [[rule, container.filteredByRule[index]!]] : [],
        ),
      ),
    }));

  build();

  return {
    get status() {
      return status;
    },
    get failure() {
      return failure;
    },
    get progress(): Progress {
      return { barsDone, barsTotal: timeline.totalSteps, time: stepTime, deliveries, events: seq };
    },
    get routes() {
      return topology.routes.map((out) => ({
        id: out.id,
        source: containers[out.source]!.name,
        target: containers[out.target]!.name,
        pattern: out.pattern,
      }));
    },
    runToEnd: () => runFor({}),
    runFor,
    stepEvent: () =>
      guarded(() => {
        for (;;) {
          const result = advance();
          if (result === 'finished') return finish();
          if (result === 'delivered') return;
        }
      }),
    stepBar: () =>
      guarded(() => {
        const target = barsDone + 1;
        while (barsDone < target) if (advance() === 'finished') return finish();
      }),
    pause: () => {
      pauseRequested = true;
    },
    resume: () => runFor({}),
    reset,
    snapshot: (): RunSnapshot => ({
      status,
      failure,
      progress: {
        barsDone,
        barsTotal: timeline.totalSteps,
        time: stepTime,
        deliveries,
        events: seq,
      },
      phase: stage,
      counters: counters(),
      queues: Object.fromEntries(
        containers.map((container) => [
          container.name,
          container.inbox
            .toArray(50)
            .map((event) => ({ event_id: event.event_id, type: event.type })),
        ]),
      ),
      dead_letters: deadLetterTotal,
      components: Object.fromEntries(
        containers.flatMap((container) =>
          container.component ? [[container.name, container.component.snapshot()]] : [],
        ),
      ),
    }),
    componentSnapshot: (name) =>
      containers.find((container) => container.name === name)?.component?.snapshot(),
    counters,
    routeCounters: () =>
      topology.routes.map((out) => ({
        id: out.id,
        source: containers[out.source]!.name,
        target: containers[out.target]!.name,
        delivered: routeDelivered[out.index]!,
      })),
    deadLetters: () => deadLetterList,
    deadLetterCount: () => deadLetterTotal,
    trace: (correlationId) => tracer?.trace(correlationId) ?? null,
    tracesWith: (type) => tracer?.correlationsWith(type) ?? [],
    results: () =>
      Object.fromEntries(
        containers.flatMap((container) =>
          container.component?.report ? [[container.name, container.component.report()]] : [],
        ),
      ),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
