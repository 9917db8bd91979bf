/** One container of a run: its component, its inbox (the isolated bus), its policies and counters. */
import type { Component, ComponentContext } from '../component';
import type {
  CircuitBreakerSettings,
  EventBusSettings,
  FaultSettings,
  RetryPolicy,
} from '../config';
import type { AnyEvent } from '../events';
import { Breaker } from './breaker';
import { FaultInjector } from './faults';
import type { StaticDispatch } from './plan';
import { Inbox } from './ring';
import type { SeenSet } from './seen';
import type { CompiledRoute, RegimeGate, SelectiveGroup } from './topology';
import { type ContainerCounters, FILTER_RULES } from './types';

export class Container {
  readonly inbox = new Inbox<AnyEvent>();
  readonly queueSize: number;
  readonly overflow: EventBusSettings['overflow'];
  readonly batchSize: number;
  readonly breaker: Breaker;
  readonly faults: FaultInjector | null;
  consumesMask = 0;
  /** Event seqs seen this bar step; only for containers more than one source can reach. */
  seen: SeenSet | null = null;
  /** Tokens in the scheduler's queue that belong to events already handled in a batch. */
  skipTokens = 0;
  /** The attempt each retried event waiting in the inbox is on, by event seq (empty mostly). */
  awaiting: Map<number, number> | null = null;
  // What this container did.
  in = 0;
  out = 0;
  handled = 0;
  errors = 0;
  retries = 0;
  // What became of this container's own dispatches (the events it sent).
  dispatched = 0;
  delivered = 0;
  retriedDelivered = 0;
  filtered = 0;
  deadLettered = 0;
  pending = 0;
  retrying = 0;
  readonly filteredByRule = new Array<number>(FILTER_RULES.length).fill(0);
  plainOut: readonly CompiledRoute[] = [];
  selectiveOut: readonly SelectiveGroup[] = [];
  marketOut: readonly CompiledRoute[] = [];
  gates: readonly RegimeGate[] = [];
  /** What its routes do with each event type (by type index), when known before the run (./plan). */
  dispatch: readonly (StaticDispatch | null)[] = [];
  ctx!: ComponentContext;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly componentId: string,
    readonly component: Component | null,
    bus: EventBusSettings,
    breaker: CircuitBreakerSettings,
    readonly retry: RetryPolicy,
    faults: FaultSettings | undefined,
    seed: number,
  ) {
    this.queueSize = bus.queue_size;
    this.overflow = bus.overflow;
    this.batchSize = Math.max(1, bus.batch_size);
    this.breaker = new Breaker(breaker);
    this.faults = faults ? new FaultInjector(faults, seed, name) : null;
  }

  counters(): ContainerCounters {
    return {
      name: this.name,
      in: this.in,
      out: this.out,
      dispatched: this.dispatched,
      delivered: this.delivered,
      retried_delivered: this.retriedDelivered,
      filtered: this.filtered,
      dead_lettered: this.deadLettered,
      pending: this.pending,
      retrying: this.retrying,
      errors: this.errors,
      retries: this.retries,
      rejected: this.breaker.totalRejected,
      queued: this.inbox.length,
      breaker: this.breaker.state,
      halted: this.breaker.state === 'open',
      filtered_by_rule: Object.fromEntries(
        FILTER_RULES.flatMap((rule, index) =>
          this.filteredByRule[index]! > 0 ? [[rule, this.filteredByRule[index]!]] : [],
        ),
      ),
    };
  }
}
