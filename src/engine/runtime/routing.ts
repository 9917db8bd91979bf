/**
 * Routing: events leave a container on its routes (filtered, transformed, refused by a full inbox
 * or an open breaker) and enter their targets' inboxes, each dispatch ending in exactly one
 * outcome, counted on the container that sent it (docs/engine-semantics.md). What is emitted is
 * recorded on the way (the tracer, the observer, incidents). ./delivery takes events out of the
 * inboxes again and hands them to the components.
 */
import type { EngineConfig, MonitoringSettings } from '../config';
import {
  type AnyEvent,
  type BarEvent,
  EVENT_TYPES,
  type EventOf,
  type EventType,
  type PayloadByType,
} from '../events';
import type { Container } from './container';
import { TYPE_INDEX, typeBit, typeIndex } from './event-bits';
import { breakerIncident, DropWatch, IncidentLedger, refusalIncident } from './incidents';
import type { StaticDispatch } from './plan';
import type { Resilience } from './resilience';
import { RingQueue } from './ring';
import type { EventStamper } from './stamp';
import type { CompiledRoute, Topology } from './topology';
import type { Tracer } from './tracer';
import { FILTER_RULES, type FilterRule, type RunFailure, type RunObserver } from './types';

/** Thrown inside the scheduler to stop a run (full queue, runaway); caught at the run's edge. */
export class RunStop extends Error {
  constructor(readonly failure: RunFailure) {
    super(failure.message);
  }
}

/**
 * Decision events whose loss on the way is counted as a drop (./incidents): signals and orders
 * wherever they are passed on, fills where they are made (a portfolio passing a fill on to nowhere
 * loses nothing).
 */
const WATCHED_BITS = typeBit('TradingSignal') | typeBit('OrderEvent');
const WATCHED_NEW_BITS = WATCHED_BITS | typeBit('FillEvent');

export const RULE_INDEX: Readonly<Record<FilterRule, number>> = Object.fromEntries(
  FILTER_RULES.map((rule, index) => [rule, index]),
) as Record<FilterRule, number>;
const NO_ROUTE = RULE_INDEX.no_route;

export interface DeliverySettings {
  readonly config: EngineConfig;
  readonly monitoring: MonitoringSettings;
  readonly observer: RunObserver;
  readonly clock: () => number;
  readonly tracer: Tracer | null;
  readonly maxDeadLetters: number;
  readonly stamper: EventStamper;
}

/**
 * The routing half of a run's delivery: what the run knows of its containers and routes, and
 * how an event emitted or passed on reaches the inboxes. ./delivery extends it with the scheduler
 * and the handing of events to components.
 */
export abstract class Routing {
  containers: Container[] = [];
  topology!: Topology;
  readonly tokens = new RingQueue<number>(1024);
  routeDelivered: number[] = [];
  /** The source container of each route, by route index: one load in the hot path. */
  routeSource: Container[] = [];
  abstract readonly resilience: Resilience;
  /** Nothing silent: cancellations, rejections, dead letters, drops, breakers opening. */
  readonly incidents = new IncidentLedger();
  protected readonly drops = new DropWatch();
  /** Dispatches queued in an inbox so far: a watched dispatch that adds none was dropped. */
  protected enqueued = 0;
  deliveries = 0;
  deliveriesThisStep = 0;
  /** Bar steps completed. */
  bar = 0;
  /** This bar step's bars (transformers price market orders with them). */
  stepBars: BarEvent[] = [];
  startedAt = 0;
  protected orderSeq = 0;
  /**
   * The event whose handler is running and its type index: a handler forwarding it (as most do)
   * is routed without reading `type` back off an event of one of many shapes (a megamorphic load).
   */
  protected handling: AnyEvent | null = null;
  protected handlingType = 0;
  protected readonly measure: boolean;
  private readonly transformContext = {
    nextOrderId: () => `o${++this.orderSeq}`,
    price: (symbol: string) => {
      for (const bar of this.stepBars) if (bar.symbol === symbol) return bar.close;
      return Number.NaN;
    },
  };

  constructor(protected readonly settings: DeliverySettings) {
    this.measure = settings.monitoring.performance_metrics;
  }

  // ---- emitting ----------------------------------------------------------------------------

  emit<T extends EventType>(
    container: Container,
    type: T,
    payload: PayloadByType[T],
    cause: AnyEvent | null,
  ): EventOf<T> {
    const event = this.settings.stamper.fromComponent(type, payload, container.name, cause);
    this.route(container, event, true, typeIndex(type));
    return event as unknown as EventOf<T>;
  }

  recordEmission(container: Container, event: AnyEvent, isNew: boolean, type: number): void {
    container.out++;
    if (!isNew) return;
    if (type === TYPE_INDEX.SignalRejected || type === TYPE_INDEX.OrderCancelled) {
      const incident = refusalIncident(container.name, event, this.settings.stamper.time);
      if (incident) this.incidents.record(incident);
    } else if (type === TYPE_INDEX.BreakerStateChanged) {
      const incident = breakerIncident(event, this.settings.stamper.time);
      if (incident) this.incidents.record(incident);
    }
    const { tracer, monitoring, observer } = this.settings;
    if (tracer)
      tracer.record(
        event,
        this.measure ? this.settings.clock() - this.startedAt : null,
        this.bar,
        type,
      );
    if (monitoring.trace_events && observer.onEvent) observer.onEvent(event, container.name);
  }

  /**
   * An event leaves a container: offered to each of its routes (or filtered by its gate). `type`
   * is its type's index, when the caller knows it without reading the event.
   */
  route(
    container: Container,
    event: AnyEvent,
    isNew: boolean,
    type: number = typeIndex(event.type),
  ): void {
    this.recordEmission(container, event, isNew, type);
    const bit = 1 << type;
    if ((bit & (isNew ? WATCHED_NEW_BITS : WATCHED_BITS)) !== 0)
      this.watched(container, event, type);
    else this.dispatch(container, event, type);
  }

  /** A component passes an event on unchanged (ctx.forward). */
  forward(container: Container, event: AnyEvent): void {
    this.route(
      container,
      event,
      false,
      event === this.handling ? this.handlingType : typeIndex(event.type),
    );
  }

  /** A decision event leaves a container: if no route takes it, it is counted as dropped. */
  private watched(container: Container, event: AnyEvent, type: number): void {
    const queued = this.enqueued;
    const dead = this.resilience.deadLetterTotal;
    this.drops.begin();
    this.dispatch(container, event, type);
    if (this.enqueued !== queued || this.resilience.deadLetterTotal !== dead) return;
    const verdict = this.drops.verdict(container.name, event.type);
    if (!verdict) return;
    this.incidents.record({
      kind: 'dropped_event',
      time: this.settings.stamper.time,
      container: container.name,
      event_type: event.type,
      symbol: (event as { symbol?: string }).symbol ?? null,
      ...verdict,
      correlation_id: event.correlation_id,
    });
  }

  // ---- routing -----------------------------------------------------------------------------

  protected filter(
    source: Container,
    rule: FilterRule,
    type: number,
    target: number | null = null,
    note: string | null = null,
  ): void {
    this.filterBy(source, RULE_INDEX[rule], type, target, note);
  }

  private filterBy(
    source: Container,
    rule: number,
    type: number,
    target: number | null,
    note: string | null,
  ): void {
    source.filtered++;
    source.filteredByRule[rule]!++;
    if (((1 << type) & WATCHED_NEW_BITS) !== 0)
      this.drops.filtered(
        FILTER_RULES[rule]!,
        target === null ? null : this.containers[target]!.name,
        note,
        EVENT_TYPES[type]!,
      );
  }

  /** An event (of type index `type`) offered to a container's routes. */
  dispatch(container: Container, event: AnyEvent, type: number): void {
    const plan = container.dispatch[type];
    if (plan) this.dispatchStatic(container, event, type, plan);
    else this.dispatchAll(container, event, 1 << type, type);
  }

  /**
   * The routes of a container with no gate, no selective group, no route filter and no
   * transformation for this type: what each route does with the type was decided when the run
   * was built (./plan), in the order dispatchAll would find it.
   */
  private dispatchStatic(
    container: Container,
    event: AnyEvent,
    type: number,
    plan: StaticDispatch,
  ): void {
    const { routes, rules, targets } = plan;
    if (routes.length === 0) {
      container.dispatched++;
      this.filterBy(container, NO_ROUTE, type, null, null);
      return;
    }
    for (let i = 0; i < routes.length; i++) {
      container.dispatched++;
      const rule = rules[i]!;
      if (rule >= 0) {
        this.filterBy(container, rule, type, routes[i]!.target, null);
        continue;
      }
      const target = targets[i]!;
      const inbox = target.inbox;
      // The plain case of enqueue, in place: no breaker open, no diamond to dedupe, room.
      if (
        target.seen === null &&
        target.breaker.state !== 'open' &&
        inbox.length < target.queueSize
      ) {
        inbox.push(event, routes[i]!.index, type);
        this.enqueued++;
        container.pending++;
        this.tokens.push(target.index);
      } else this.enqueue(container, target, routes[i]!.index, event, type);
    }
  }

  private dispatchAll(container: Container, event: AnyEvent, bit: number, type: number): void {
    for (const gate of container.gates) {
      if ((gate.types & bit) === 0) continue;
      const symbol = (event as { symbol?: string }).symbol ?? '';
      const regime = this.containers[gate.parent]!.component?.publish?.(symbol);
      if (regime !== gate.regime) {
        container.dispatched++;
        this.filter(
          container,
          'regime_inactive',
          type,
          null,
          `the regime of "${this.containers[gate.parent]!.name}" is ${gate.regime} (it was ${regime ?? 'not known yet'})`,
        );
        return;
      }
    }
    let offered = 0;
    for (const out of container.plainOut) {
      this.offer(container, out, event, bit, type);
      offered++;
    }
    for (const group of container.selectiveOut) {
      if ((group.routedTypes & bit) !== 0) {
        offered++;
        const choice = group.choices.find(({ condition }) => condition.test(event));
        const chosen = choice ? choice.route : group.fallback;
        if (chosen) this.offer(container, chosen, event, bit, type);
        else {
          container.dispatched++;
          this.filter(container, 'no_route_matched', type);
        }
      } else {
        for (const out of group.broadcast) {
          this.offer(container, out, event, bit, type);
          offered++;
        }
      }
    }
    if (offered === 0) {
      container.dispatched++;
      this.filter(container, 'no_route', type);
    }
  }

  /** One dispatch: an event offered to one route's target. */
  offer(source: Container, out: CompiledRoute, event: AnyEvent, bit: number, type: number): void {
    source.dispatched++;
    if ((out.types & bit) === 0) {
      this.filter(source, 'event_type', type, out.target);
      return;
    }
    if ((out.useful & bit) === 0) {
      this.filter(source, 'unsubscribed', type, out.target);
      return;
    }
    for (const condition of out.filters)
      if (!condition.test(event)) {
        this.filter(source, 'filter_condition', type, out.target, condition.source);
        return;
      }
    if (out.transforms.length === 0)
      this.enqueue(source, this.containers[out.target]!, out.index, event, type);
    else this.cross(source, out, event, type, 0);
  }

  /**
   * The event passed the route's checks: its transformations apply (each at most once, so one
   * that keeps the type cannot loop), then it enters the target's inbox. The event a
   * transformation makes is a dispatch of its own on the same route.
   */
  private cross(
    source: Container,
    out: CompiledRoute,
    event: AnyEvent,
    type: number,
    applied: number,
  ): void {
    if (out.transforms.length > 0) {
      const transform = out.transforms[type];
      if (transform && (applied & (1 << type)) === 0) {
        const payload = transform.transformer.transform(event, this.transformContext);
        if (payload === null) {
          this.filter(source, 'transformer_declined', type, out.target, transform.name);
          return;
        }
        this.filter(source, 'transformed', type, out.target);
        const made = this.settings.stamper.make(
          transform.to,
          payload as PayloadByType[EventType],
          source.name,
          event,
        );
        const madeType = typeIndex(transform.to);
        this.recordEmission(source, made, true, madeType);
        source.dispatched++;
        this.cross(source, out, made, madeType, applied | (1 << type));
        return;
      }
    }
    this.enqueue(source, this.containers[out.target]!, out.index, event, type);
  }

  private enqueue(
    source: Container,
    target: Container,
    routeIndex: number,
    event: AnyEvent,
    type: number,
  ): void {
    if (target.breaker.state === 'open' && this.resilience.refused(target, event)) {
      this.resilience.deadLetter(
        source,
        target,
        event,
        'circuit_open',
        'refused: the circuit breaker is open',
        0,
      );
      return;
    }
    if (target.seen !== null && !target.seen.add(event.seq)) {
      this.filter(source, 'duplicate', type, target.index);
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
        this.resilience.deadLetter(
          source,
          target,
          event,
          'queue_full',
          `inbox full (queue_size ${target.queueSize})`,
          0,
        );
        this.resilience.outcome(target, true, event);
        return;
      }
      const oldest = target.inbox.shift()!;
      const oldSource = this.routeSource[target.inbox.lastRoute]!;
      // A retried event's attempt is forgotten with it.
      oldSource.pending--;
      target.skipTokens++;
      const waited = this.takeAttempt(target, oldest);
      this.resilience.deadLetter(
        oldSource,
        target,
        oldest,
        'dropped_oldest',
        `dropped for a newer event (queue_size ${target.queueSize})`,
        waited - 1,
      );
      this.resilience.outcome(target, true, oldest);
    }
    target.inbox.push(event, routeIndex, type);
    this.enqueued++;
    source.pending++;
    this.tokens.push(target.index);
  }

  /** The attempt a waiting event is on (1 unless it is a retry), forgetting it. */
  protected takeAttempt(container: Container, event: AnyEvent): number {
    const awaiting = container.awaiting;
    if (awaiting === null || awaiting.size === 0) return 1;
    const attempt = awaiting.get(event.seq);
    if (attempt === undefined) return 1;
    awaiting.delete(event.seq);
    return attempt;
  }
}
