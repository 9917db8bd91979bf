/**
 * What happens when delivery goes wrong: retries (by each container's policy), circuit breakers
 * (one per container, fed with the outcomes of its deliveries) and dead letters (every event that
 * could not be delivered, with why and after how many attempts). Delivery calls in here; the
 * semantics are in docs/engine-semantics.md.
 */
import type { WaitUnit } from '../config';
import type { AnyEvent } from '../events';
import type { BreakerChange, Clock } from './breaker';
import type { Container } from './container';
import type { Delivery, DeliverySettings } from './delivery';
import { typeIndex } from './event-bits';
import { backoffFor, type RetryEntry, RetryQueue } from './retries';
import type { BreakerTransition, DeadLetter, DeadLetterReason, TraceDelivery } from './types';

const MAX_BREAKER_LOG = 10_000;

export class Resilience {
  deadLetters: DeadLetter[] = [];
  deadLetterTotal = 0;
  breakerLog: BreakerTransition[] = [];
  breakerTotal = 0;
  readonly retries = new RetryQueue();
  /** Where the run is, in both units a wait can be counted in. */
  private readonly clockNow: Clock;

  constructor(
    private readonly delivery: Delivery,
    private readonly settings: DeliverySettings,
  ) {
    this.clockNow = {
      get events() {
        return delivery.deliveries;
      },
      get bars() {
        return delivery.bar;
      },
    };
  }

  reset(): void {
    this.deadLetters = [];
    this.deadLetterTotal = 0;
    this.breakerLog = [];
    this.breakerTotal = 0;
    this.retries.clear();
  }

  /** A handler failed: retried by the container's policy, or dead-lettered after the last attempt. */
  failed(
    container: Container,
    source: Container,
    routeIndex: number,
    event: AnyEvent,
    error: string,
    attempt: number,
  ): void {
    container.errors++;
    this.note(event, container, attempt, 'failed', error);
    this.outcome(container, true, event);
    const policy = container.retry;
    if (attempt >= policy.max_attempts) {
      this.deadLetter(source, container, event, 'handler_error', error, attempt);
      return;
    }
    const next = attempt + 1;
    const wait = backoffFor(policy, next);
    const unit = policy.backoff_unit;
    this.retries.schedule(
      {
        event,
        target: container.index,
        route: routeIndex,
        attempt: next,
        error,
        due: (unit === 'events' ? this.delivery.deliveries : this.delivery.bar) + wait,
      },
      unit,
    );
    source.retrying++;
    container.retries++;
    this.note(
      event,
      container,
      attempt,
      'retry_scheduled',
      `attempt ${next} of ${policy.max_attempts} after ${waitText(wait, unit)}`,
    );
  }

  /** Puts retries whose wait is over back into their inboxes; true if it released any. */
  releaseRetries(idle: boolean): boolean {
    let released = false;
    for (let entry = this.retries.dueByEvents(this.delivery.deliveries); entry; ) {
      this.requeue(entry);
      released = true;
      entry = this.retries.dueByEvents(this.delivery.deliveries);
    }
    if (!released && idle && this.retries.waitingOnEvents > 0) {
      // Nothing else is waiting in this phase: there is nothing left to wait behind.
      this.requeue(this.retries.nextByEvents()!);
      released = true;
    }
    return released;
  }

  /** Retries counted in bars whose bar step has come (at the start of its decision phase). */
  releaseBarRetries(): void {
    // Every bar step asks: most runs have no retry waiting, and dueByBars makes an array.
    if (this.retries.waitingOnBars === 0) return;
    for (const entry of this.retries.dueByBars(this.delivery.bar)) this.requeue(entry);
  }

  private requeue(entry: RetryEntry): void {
    const target = this.delivery.containers[entry.target]!;
    const source = this.delivery.routeSource[entry.route]!;
    source.retrying--;
    // Back into the inbox even when it is full: it was admitted once already.
    target.inbox.push(entry.event, entry.route, typeIndex(entry.event.type));
    source.pending++;
    this.delivery.tokens.push(target.index);
    target.awaiting ??= new Map();
    target.awaiting.set(entry.event.seq, entry.attempt);
  }

  /** The run is over: retries still waiting become dead letters. */
  abandonRetries(): void {
    for (const entry of this.retries.drain()) {
      const source = this.delivery.routeSource[entry.route]!;
      source.retrying--;
      this.deadLetter(
        source,
        this.delivery.containers[entry.target]!,
        entry.event,
        'run_ended',
        `the run ended before attempt ${entry.attempt} (last error: ${entry.error})`,
        entry.attempt - 1,
      );
    }
  }

  // ---- circuit breakers --------------------------------------------------------------------

  /** An open breaker refuses the event, unless its wait is over (it half-opens first). */
  refused(container: Container, cause: AnyEvent): boolean {
    const change = container.breaker.due(this.clockNow);
    if (change) this.breakerChanged(container, change, cause);
    if (container.breaker.state !== 'open') return false;
    container.breaker.reject();
    return true;
  }

  /** Open breakers whose wait is over half-open (at the start of each bar step). */
  wakeBreakers(cause: AnyEvent | null): void {
    for (const container of this.delivery.containers) {
      if (container.breaker.state !== 'open') continue;
      const change = container.breaker.due(this.clockNow);
      if (change) this.breakerChanged(container, change, cause);
    }
  }

  outcome(container: Container, failed: boolean, cause: AnyEvent): void {
    const change = container.breaker.record(failed, this.clockNow);
    if (change) this.breakerChanged(container, change, cause);
  }

  private breakerChanged(
    container: Container,
    change: BreakerChange,
    cause: AnyEvent | null,
  ): void {
    const event = this.settings.stamper.make(
      'BreakerStateChanged',
      {
        container: container.name,
        state: change.to,
        previous: change.from,
        reason: change.reason,
        errors: change.errors,
        outcomes: change.outcomes,
        rejected: change.rejected,
      },
      container.name,
      cause,
    );
    const transition: BreakerTransition = {
      container: container.name,
      from: change.from,
      to: change.to,
      time: this.settings.stamper.time,
      bar: this.delivery.bar,
      reason: change.reason,
      errors: change.errors,
      outcomes: change.outcomes,
      rejected: change.rejected,
      event_id: event.event_id,
      correlation_id: event.correlation_id,
    };
    this.breakerTotal++;
    if (this.breakerLog.length < MAX_BREAKER_LOG) this.breakerLog.push(transition);
    this.settings.observer.onBreaker?.(transition);
    this.delivery.route(container, event, true);
  }

  // ---- dead letters ------------------------------------------------------------------------

  deadLetter(
    source: Container,
    target: Container,
    event: AnyEvent,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): void {
    source.deadLettered++;
    this.deadLetterTotal++;
    this.delivery.incidents.record({
      kind: 'dead_letter',
      time: this.settings.stamper.time,
      container: target.name,
      event_type: event.type,
      symbol: (event as { symbol?: string }).symbol ?? null,
      reason,
      detail: `${event.type} for "${target.name}": ${error}`,
      correlation_id: event.correlation_id,
      details: {
        handler: target.componentId,
        from: source.name,
        attempts,
        bar: this.delivery.bar + 1,
        event: event.event_id,
        trade: event.trade_id,
      },
    });
    this.note(event, target, attempts, 'dead_lettered', `${reason}: ${error}`);
    const { monitoring, observer } = this.settings;
    if (!monitoring.dead_letter_queue && !observer.onDeadLetter) return;
    const entry: DeadLetter = {
      event,
      container: target.name,
      handler: target.componentId,
      source: source.name,
      reason,
      error,
      attempts,
      time: this.settings.stamper.time,
      bar: this.delivery.bar,
      wall_time: Date.now(),
    };
    if (monitoring.dead_letter_queue && this.deadLetters.length < this.settings.maxDeadLetters)
      this.deadLetters.push(entry);
    observer.onDeadLetter?.(entry);
  }

  note(
    event: AnyEvent,
    container: Container,
    attempt: number,
    outcome: TraceDelivery['outcome'],
    detail: string,
  ): void {
    this.settings.tracer?.note(event.correlation_id, {
      event_id: event.event_id,
      container: container.name,
      attempt,
      outcome,
      detail,
      time: this.settings.stamper.time,
      bar: this.delivery.bar,
    });
  }
}

function waitText(wait: number, unit: WaitUnit): string {
  if (wait === 0) return 'no wait';
  const word = unit === 'bars' ? 'bar' : 'event';
  return `${wait} ${wait === 1 ? word : `${word}s`}`;
}
