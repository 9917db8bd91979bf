/**
 * A run of a flow: building its containers, stepping through the bars, and run control. One run
 * is single-threaded and deterministic: the same config, input and seed give the same events in
 * the same order, however fast the host is and however the run is stepped. Routing and delivery
 * are in ./delivery; retries, circuit breakers and dead letters in ./resilience.
 *
 * The semantics are in docs/engine-semantics.md; the comments here say why the code is shaped
 * as it is.
 */
import type { ComponentContext } from '../component';
import { DEFAULT_RETRY, type EngineConfig } from '../config';
import type { BarEvent } from '../events';
import { Container } from './container';
import { Delivery, RunStop } from './delivery';
import { typeBit } from './event-bits';
import { SeenSet } from './seen';
import { EventStamper } from './stamp';
import { Timeline } from './timeline';
import { addMarketFeed, compileTopology, EngineConfigError, isDataComponent } from './topology';
import { Tracer } from './tracer';
import type {
  ComponentRegistry,
  ContainerCounters,
  Progress,
  Run,
  RunFailure,
  RunInput,
  RunLimits,
  RunObserver,
  RunOptions,
  RunSnapshot,
  RunStatus,
} from './types';

export type { Run } from './types';

type Stage = 'between_bars' | 'market' | 'decision' | 'test_end' | 'end_of_bar';
type Advance = 'delivered' | 'moved' | 'finished';

const BAR_BIT = typeBit('BarEvent');

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
  const eventSystem = config.eventSystem;
  const monitoring = eventSystem.monitoring;
  const observer: RunObserver = options.observer ?? {};
  const clock = options.clock ?? defaultClock();
  const tracer = monitoring.correlation_tracking
    ? new Tracer(
        options.maxDecisionTraces ?? DEFAULTS.maxDecisionTraces,
        options.maxBarTraces ?? DEFAULTS.maxBarTraces,
      )
    : null;
  const stamper = new EventStamper();
  const delivery = new Delivery({
    config,
    monitoring,
    observer,
    clock,
    tracer,
    maxDeadLetters: options.maxDeadLetters ?? DEFAULTS.maxDeadLetters,
    stamper,
  });

  for (const container of config.containers) {
    if (!isDataComponent(container.component) && !registry[container.component]) {
      throw new EngineConfigError(
        `Container "${container.name}" uses component "${container.component}", which the engine does not know`,
        [container.name],
      );
    }
  }

  let containers: Container[] = [];
  let timeline!: Timeline;
  let status: RunStatus = 'ready';
  let failure: RunFailure | null = null;
  let stage: Stage = 'between_bars';
  let stepBars: BarEvent[] = [];
  /** The data container of each of stepBars. */
  let stepSources: Container[] = [];
  let pauseRequested = false;

  const contextFor = (container: Container): ComponentContext => ({
    container: container.name,
    get now() {
      return stamper.time;
    },
    emit: (type, payload, cause) => delivery.emit(container, type, payload, cause),
    forward: (event) => delivery.route(container, event, false),
    published: (name, key) => {
      const index = delivery.topology.byName.get(name);
      if (index === undefined) return undefined;
      return containers[index]!.component?.publish?.(key);
    },
  });

  const build = (): void => {
    const instances = config.containers.map((container) => {
      // A disabled container has no component: the engine passes what it receives straight on.
      if (isDataComponent(container.component) || container.disabled) return null;
      const factory = registry[container.component]!;
      return factory(container.params, { container: container.name, seed: config.run.seed });
    });
    const topology = compileTopology(config, (index) => instances[index]?.consumes ?? []);
    const market = addMarketFeed(topology, (index) => instances[index]?.marketFeed === true);
    const retry = eventSystem.retry ?? {};
    containers = topology.containers.map((spec) => {
      const container = new Container(
        spec.index,
        spec.name,
        spec.component,
        instances[spec.index] ?? null,
        spec.bus,
        eventSystem.circuit_breaker,
        retry[spec.name] ?? retry.default ?? DEFAULT_RETRY,
        eventSystem.faults?.[spec.name],
        config.run.seed,
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
    // Sources counted after the market feed is added: a broker hears bars by two ways.
    const sources = containers.map(() => new Set<number>());
    for (const route of topology.routes) sources[route.target]!.add(route.source);
    for (const container of containers)
      if (sources[container.index]!.size > 1) container.seen = new SeenSet();
    delivery.install(topology, containers);

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

  // ---- bar steps ---------------------------------------------------------------------------

  const startStep = (): boolean => {
    const time = timeline.next();
    if (Number.isNaN(time)) return false;
    stamper.time = time;
    delivery.deliveriesThisStep = 0;
    stepBars = [];
    stepSources = [];
    const positions = timeline.stepSources;
    for (let i = 0; i < positions.length; i++) {
      const { container, series } = timeline.source(positions[i]!);
      const source = containers[container]!;
      stepBars.push(stamper.bar(series, timeline.stepIndexes[i]!, source.name));
      stepSources.push(source);
    }
    delivery.stepBars = stepBars;
    delivery.resilience.wakeBreakers(stepBars[0] ?? null);
    for (let i = 0; i < stepBars.length; i++) {
      const source = stepSources[i]!;
      const bar = stepBars[i]!;
      delivery.recordEmission(source, bar, true);
      for (const out of source.marketOut) delivery.offer(source, out, bar, BAR_BIT);
    }
    return true;
  };

  /** The market phase is over: retries due this bar, then the same bars through the declared routes. */
  const enterDecision = (): void => {
    delivery.resilience.releaseBarRetries();
    for (let i = 0; i < stepBars.length; i++)
      delivery.dispatchAll(stepSources[i]!, stepBars[i]!, BAR_BIT);
  };

  /**
   * A component's own hook (end of test, end of bar). Not run while its breaker is open; a
   * failure is dead-lettered as a dispatch of the container to itself, so the accounting stays
   * whole.
   */
  const runHook = (container: Container, name: string, hook: () => void): void => {
    if (container.breaker.state === 'open') return;
    try {
      hook();
    } catch (error) {
      if (error instanceof RunStop) throw error;
      container.errors++;
      container.dispatched++;
      delivery.resilience.deadLetter(
        container,
        container,
        stepBars[0]!,
        'handler_error',
        `${name}: ${error instanceof Error ? error.message : String(error)}`,
        1,
      );
    }
  };

  /** The last bar step is decided: components learn that the data ends (onTestEnd). */
  const enterTestEnd = (): void => {
    for (const container of containers) {
      const component = container.component;
      if (component?.onTestEnd)
        runHook(container, 'onTestEnd', () => component.onTestEnd!(container.ctx));
    }
  };

  const enterEndOfBar = (): void => {
    for (const container of containers) {
      const component = container.component;
      if (component?.onBarEnd)
        runHook(container, 'onBarEnd', () => component.onBarEnd!(stepBars, container.ctx));
    }
  };

  const finishStep = (): void => {
    for (const container of containers) container.seen?.clear();
    tracer?.endStep();
    delivery.bar++;
    observer.onBarEnd?.(stamper.time, delivery.bar);
  };

  /** One delivery, or one stage transition when nothing is queued. */
  const advance = (): Advance => {
    if (delivery.resilience.retries.waitingOnEvents > 0) delivery.resilience.releaseRetries(false);
    let container = delivery.hasWork() ? delivery.nextContainer() : null;
    if (
      !container &&
      delivery.resilience.retries.waitingOnEvents > 0 &&
      delivery.resilience.releaseRetries(true)
    )
      container = delivery.nextContainer();
    if (container) {
      delivery.deliver(container);
      return 'delivered';
    }
    delivery.endBatch();
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
        if (delivery.bar + 1 >= timeline.totalSteps) {
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
        if (delivery.bar < timeline.totalSteps) return 'moved';
        delivery.resilience.abandonRetries();
        return 'finished';
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
        limits.maxBars === undefined ? Number.POSITIVE_INFINITY : delivery.bar + limits.maxBars;
      const eventLimit =
        limits.maxEvents === undefined
          ? Number.POSITIVE_INFINITY
          : delivery.deliveries + limits.maxEvents;
      let checks = 0;
      for (;;) {
        if (pauseRequested || delivery.bar >= barLimit || delivery.deliveries >= eventLimit) return;
        if ((++checks & 255) === 0 && clock() >= deadline) return;
        if (advance() === 'finished') return finish();
      }
    });

  const reset = (): void => {
    stamper.reset();
    delivery.reset();
    tracer?.clear();
    build();
    status = 'ready';
    failure = null;
    stage = 'between_bars';
    stepBars = [];
    stepSources = [];
    pauseRequested = false;
  };

  const progress = (): Progress => ({
    barsDone: delivery.bar,
    barsTotal: timeline.totalSteps,
    time: stamper.time,
    deliveries: delivery.deliveries,
    events: stamper.seq,
  });

  const counters = (): ContainerCounters[] => containers.map((container) => container.counters());

  reset();

  return {
    get status() {
      return status;
    },
    get failure() {
      return failure;
    },
    get progress() {
      return progress();
    },
    get routes() {
      return delivery.topology.routes.map((out) => ({
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
        const target = delivery.bar + 1;
        while (delivery.bar < target) if (advance() === 'finished') return finish();
      }),
    pause: () => {
      pauseRequested = true;
    },
    resume: () => runFor({}),
    reset,
    snapshot: (): RunSnapshot => ({
      status,
      failure,
      progress: progress(),
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
      dead_letters: delivery.resilience.deadLetterTotal,
      breakers: delivery.resilience.breakerLog,
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
      delivery.topology.routes.map((out) => ({
        id: out.id,
        source: containers[out.source]!.name,
        target: containers[out.target]!.name,
        delivered: delivery.routeDelivered[out.index]!,
      })),
    deadLetters: () => delivery.resilience.deadLetters,
    deadLetterCount: () => delivery.resilience.deadLetterTotal,
    breakerHistory: () => delivery.resilience.breakerLog,
    incidents: () => delivery.incidents.report(),
    incidentsSince: (from) => delivery.incidents.since(from),
    trace: (correlationId) => tracer?.trace(correlationId) ?? null,
    tradeTrace: (tradeId) => tracer?.tradeTrace(tradeId) ?? null,
    tracesWith: (type) => tracer?.correlationsWith(type) ?? [],
    tradesSince: (name, from) =>
      containers.find((container) => container.name === name)?.component?.tradesSince?.(from) ?? [],
    results: () =>
      Object.fromEntries(
        containers.flatMap((container) =>
          container.component?.report ? [[container.name, container.component.report()]] : [],
        ),
      ),
  };
}
