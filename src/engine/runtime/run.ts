/**
 * A run of a flow: run control (run, step, pause, reset), what it reports (counters, traces,
 * results, snapshots) and which driver moves it. One run is single-threaded and deterministic:
 * the same config, input and seed give the same events in the same order, however fast the host
 * is and however the run is stepped.
 *
 * - ./build makes the containers from the config and the compiled topology;
 * - ./steps holds the bar steps and their phases;
 * - ./plan runs whole bar steps (the planned driver: runToEnd, resume, runFor by bars or time);
 * - ./stepped runs one delivery at a time (stepEvent, stepBar, runFor with an event limit);
 * - ./delivery routes and delivers events; ./resilience handles what goes wrong.
 *
 * The semantics are in docs/engine-semantics.md; the comments here say why the code is shaped
 * as it is.
 */
import type { EngineConfig } from '../config';
import { type Built, buildContainers, checkComponents } from './build';
import { Delivery, RunStop } from './delivery';
import { runWholeStep } from './plan';
import { EventStamper } from './stamp';
import { advance } from './stepped';
import { BarSteps } from './steps';
import { Tracer } from './tracer';
import type {
  ComponentRegistry,
  ContainerCounters,
  PlanReport,
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
  checkComponents(config, registry);

  let built!: Built;
  let steps!: BarSteps;
  let status: RunStatus = 'ready';
  let failure: RunFailure | null = null;
  let pauseRequested = false;
  /** Bar steps the planned driver ran whole, and why the others went event by event. */
  let plannedSteps = 0;
  const steppedBecause = new Set<string>();

  const containers = () => built.containers;

  /** The rest of a bar step begun event by event; false when the run finished with it. */
  const finishStepByEvents = (): boolean => {
    for (;;) {
      if (advance(steps, delivery) === 'finished') return false;
      if (steps.stage === 'between_bars') return true;
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

  /** Event by event, checking the limits between deliveries. */
  const runByEvents = (limits: RunLimits, deadline: number, barLimit: number): void => {
    steppedBecause.add('stepping');
    const eventLimit =
      limits.maxEvents === undefined
        ? Number.POSITIVE_INFINITY
        : delivery.deliveries + limits.maxEvents;
    let checks = 0;
    for (;;) {
      if (pauseRequested || delivery.bar >= barLimit || delivery.deliveries >= eventLimit) return;
      if ((++checks & 255) === 0 && clock() >= deadline) return;
      if (advance(steps, delivery) === 'finished') {
        finish();
        return;
      }
    }
  };

  /** Whole bar steps, checking the limits between them (the clock every 256 deliveries or so). */
  const runBySteps = (deadline: number, barLimit: number): void => {
    let checked = delivery.deliveries;
    let stepsSinceCheck = 0;
    for (;;) {
      if (pauseRequested || delivery.bar >= barLimit) return;
      // The clock is read every 256 deliveries, or every 256 steps when steps deliver little.
      if (delivery.deliveries - checked >= 256 || ++stepsSinceCheck >= 256) {
        checked = delivery.deliveries;
        stepsSinceCheck = 0;
        if (clock() >= deadline) return;
      }
      if (steps.stage !== 'between_bars') {
        // A step begun by stepping (or handed over mid-step) ends event by event.
        if (!finishStepByEvents()) {
          finish();
          return;
        }
        continue;
      }
      const outcome = runWholeStep(steps, delivery);
      if (outcome === 'stepped') steppedBecause.add('retries');
      else if (outcome !== 'end') plannedSteps++;
      if (outcome === 'last' || outcome === 'end') {
        finish();
        return;
      }
    }
  };

  const runFor = (limits: RunLimits): RunStatus =>
    guarded(() => {
      const deadline =
        limits.deadlineMs === undefined ? Number.POSITIVE_INFINITY : clock() + limits.deadlineMs;
      const barLimit =
        limits.maxBars === undefined ? Number.POSITIVE_INFINITY : delivery.bar + limits.maxBars;
      if (limits.maxEvents !== undefined) runByEvents(limits, deadline, barLimit);
      else runBySteps(deadline, barLimit);
    });

  const reset = (): void => {
    stamper.reset();
    delivery.reset();
    tracer?.clear();
    built = buildContainers(config, input, registry, delivery, stamper);
    steps = new BarSteps(delivery, built.containers, built.timeline, stamper, tracer, observer);
    status = 'ready';
    failure = null;
    pauseRequested = false;
    plannedSteps = 0;
    steppedBecause.clear();
  };

  const progress = (): Progress => ({
    barsDone: delivery.bar,
    barsTotal: built.timeline.totalSteps,
    time: stamper.time,
    deliveries: delivery.deliveries,
    events: stamper.seq,
  });

  const counters = (): ContainerCounters[] => containers().map((container) => container.counters());

  const plan = (): PlanReport => {
    const dynamic: string[] = [];
    for (const container of containers()) {
      if (container.gates.length > 0)
        dynamic.push(`${container.name}: a regime gate decides per event`);
      else if (container.selectiveOut.length > 0)
        dynamic.push(`${container.name}: selective conditions decide per event`);
      else if (container.plainOut.some((route) => route.filters.length > 0))
        dynamic.push(`${container.name}: a route filter decides per event`);
      else if (container.dispatch.some((entry) => entry === null))
        dynamic.push(`${container.name}: a transformation applies per event`);
    }
    return {
      planned_steps: plannedSteps,
      stepped_steps: delivery.bar - plannedSteps,
      stepped_because: [...steppedBecause],
      routed_per_event: dynamic,
    };
  };

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
        source: built.containers[out.source]!.name,
        target: built.containers[out.target]!.name,
        pattern: out.pattern,
      }));
    },
    runToEnd: () => runFor({}),
    runFor,
    stepEvent: () =>
      guarded(() => {
        steppedBecause.add('stepping');
        for (;;) {
          const result = advance(steps, delivery);
          if (result === 'finished') return finish();
          if (result === 'delivered') return;
        }
      }),
    stepBar: () =>
      guarded(() => {
        steppedBecause.add('stepping');
        const target = delivery.bar + 1;
        while (delivery.bar < target) if (advance(steps, delivery) === 'finished') return finish();
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
      phase: steps.stage,
      counters: counters(),
      queues: Object.fromEntries(
        containers().map((container) => [
          container.name,
          container.inbox
            .toArray(50)
            .map((event) => ({ event_id: event.event_id, type: event.type })),
        ]),
      ),
      dead_letters: delivery.resilience.deadLetterTotal,
      breakers: delivery.resilience.breakerLog,
      components: Object.fromEntries(
        containers().flatMap((container) =>
          container.component ? [[container.name, container.component.snapshot()]] : [],
        ),
      ),
    }),
    componentSnapshot: (name) =>
      containers()
        .find((container) => container.name === name)
        ?.component?.snapshot(),
    counters,
    plan,
    routeCounters: () =>
      delivery.topology.routes.map((out) => ({
        id: out.id,
        source: built.containers[out.source]!.name,
        target: built.containers[out.target]!.name,
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
      containers()
        .find((container) => container.name === name)
        ?.component?.tradesSince?.(from) ?? [],
    results: () =>
      Object.fromEntries(
        containers().flatMap((container) =>
          container.component?.report ? [[container.name, container.component.report()]] : [],
        ),
      ),
  };
}
