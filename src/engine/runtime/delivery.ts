/**
 * Delivery: events are taken from the inboxes one at a time, by the scheduler (the oldest token,
 * or the container whose batch is in progress), and handed to their container's component or
 * passed on. A handler that fails is handed to ./resilience (retries, breakers, dead letters).
 * ./routing gets events into the inboxes; the semantics are in docs/engine-semantics.md.
 */
import type { Component } from '../component';
import type { AnyEvent } from '../events';
import type { Container } from './container';
import { cyclesAmong } from './cycles';
import { spin } from './faults';
import { Resilience } from './resilience';
import { type DeliverySettings, Routing, RunStop } from './routing';
import type { Topology } from './topology';

export { type DeliverySettings, RULE_INDEX, RunStop } from './routing';

export class Delivery extends Routing {
  readonly resilience: Resilience;
  /** The container whose batch is in progress, and how many more it may handle in a row. */
  private batchOwner: Container | null = null;
  private batchLeft = 0;
  private readonly maxPerBar: number;

  constructor(settings: DeliverySettings) {
    super(settings);
    this.maxPerBar = settings.config.run.max_events_per_bar;
    this.resilience = new Resilience(this, settings);
  }

  /** Back to before the first bar; the run installs fresh containers and topology after. */
  reset(): void {
    this.tokens.clear();
    this.resilience.reset();
    this.incidents.clear();
    this.enqueued = 0;
    this.deliveries = 0;
    this.deliveriesThisStep = 0;
    this.bar = 0;
    this.stepBars = [];
    this.orderSeq = 0;
    this.batchOwner = null;
    this.batchLeft = 0;
    this.handling = null;
    this.startedAt = this.settings.clock();
  }

  install(topology: Topology, containers: Container[]): void {
    this.topology = topology;
    this.containers = containers;
    this.routeDelivered = new Array<number>(topology.routes.length).fill(0);
    this.routeSource = topology.routes.map((out) => containers[out.source]!);
  }

  // ---- delivery ----------------------------------------------------------------------------

  /** Picks the next container to serve: the batch owner while its batch lasts, else the oldest token. */
  nextContainer(): Container | null {
    const owner = this.batchOwner;
    if (owner && this.batchLeft > 0 && owner.inbox.length > 0) {
      this.batchLeft--;
      owner.skipTokens++;
      return owner;
    }
    for (;;) {
      const index = this.tokens.shift();
      if (index === undefined) return null;
      const container = this.containers[index]!;
      if (container.skipTokens > 0) {
        container.skipTokens--;
        continue;
      }
      this.batchOwner = container;
      this.batchLeft = container.batchSize - 1;
      return container;
    }
  }

  hasWork(): boolean {
    return this.tokens.length > 0 || (this.batchOwner !== null && this.batchLeft > 0);
  }

  endBatch(): void {
    this.batchOwner = null;
  }

  deliver(container: Container): void {
    const inbox = container.inbox;
    const event = inbox.shift()!;
    const routeIndex = inbox.lastRoute;
    const type = inbox.lastType;
    const source = this.routeSource[routeIndex]!;
    source.pending--;
    this.deliveries++;
    if (++this.deliveriesThisStep > this.maxPerBar) throw this.runaway();
    const attempt = container.awaiting === null ? 1 : this.takeAttempt(container, event);
    if (container.breaker.state === 'open' && this.resilience.refused(container, event)) {
      this.resilience.deadLetter(
        source,
        container,
        event,
        'circuit_open',
        'refused: the circuit breaker is open',
        attempt - 1,
      );
      return;
    }
    const component = container.component;
    if (component !== null && (container.consumesMask & (1 << type)) !== 0) {
      container.handled++;
      let error: string | null = null;
      const faults = container.faults;
      if (faults) {
        error = faults.check(1 << type);
        if (faults.slowMs > 0) spin(this.settings.clock, faults.slowMs);
      }
      if (error === null) error = this.handle(component, container, event, type);
      if (error !== null) {
        this.resilience.failed(container, source, routeIndex, event, error, attempt);
        return;
      }
      if (container.breaker.state === 'closed') container.breaker.successes++;
      else this.resilience.outcome(container, false, event);
    } else {
      this.route(container, event, false, type);
    }
    container.in++;
    if (attempt > 1) {
      source.retriedDelivered++;
      this.resilience.note(
        event,
        container,
        attempt,
        'delivered_after_retry',
        `delivered on attempt ${attempt}`,
      );
    } else source.delivered++;
    this.routeDelivered[routeIndex]!++;
  }

  /** The component handles the event: null, or the message of what it threw. */
  private handle(component: Component, container: Container, event: AnyEvent, type: number) {
    this.handling = event;
    this.handlingType = type;
    try {
      component.onEvent(event, container.ctx);
      return null;
    } catch (thrown) {
      if (thrown instanceof RunStop) throw thrown;
      return thrown instanceof Error ? thrown.message : String(thrown);
    }
  }

  // ---- runaway -----------------------------------------------------------------------------

  runaway(): RunStop {
    const cycles = cyclesAmong(this.containers.length, this.topology.routes);
    const busiest = [...this.containers].sort((a, b) => b.in - a.in)[0];
    const cycle =
      cycles.find((members) => busiest && members.includes(busiest.index)) ??
      cycles[0] ??
      (busiest ? [busiest.index] : []);
    const names = cycle.map((index) => this.containers[index]!.name);
    return new RunStop({
      message: `More than ${this.maxPerBar} deliveries in one bar step: a runaway loop${cycles.length > 0 ? ` through ${names.join(' → ')}` : ` at ${names.join(', ')}`}. Break the cycle or raise run.max_events_per_bar.`,
      containers: names,
    });
  }
}
