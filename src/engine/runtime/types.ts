/** The public shapes of a run: its input, status, counters, dead letters, traces and snapshots. */

import type { ComponentFactory } from '../component';
import type { BarSeries } from '../data/bars';
import type { AnyEvent, BreakerState, EventType } from '../events';
import type { Incident, IncidentReport } from './incidents';

/** Bars for each data container, by container name; one series per symbol. */
export interface RunInput {
  readonly bars: Readonly<Record<string, readonly BarSeries[]>>;
}

/** Component factories by catalogue id. Parameters arrive validated by the flow layer. */
export type ComponentRegistry = Readonly<
  Record<string, ComponentFactory<Readonly<Record<string, unknown>>>>
>;

export type RunStatus = 'ready' | 'running' | 'paused' | 'finished' | 'failed';

export interface RunFailure {
  readonly message: string;
  /** Containers the failure is about: the cycle of a runaway, the container of a full queue. */
  readonly containers: readonly string[];
}

export const DEAD_LETTER_REASONS = [
  'handler_error',
  'queue_full',
  'dropped_oldest',
  'circuit_open',
  'run_ended',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export interface DeadLetter {
  readonly event: AnyEvent;
  /** The container the event was for. */
  readonly container: string;
  /** Catalogue id of the component whose handler failed (or would have handled it). */
  readonly handler: string;
  /** The container that sent it (the route's source). */
  readonly source: string;
  readonly reason: DeadLetterReason;
  readonly error: string;
  /** Deliveries tried, retries included (0 when it never reached the handler). */
  readonly attempts: number;
  /** Simulated time of the failure. */
  readonly time: number;
  /** Bar steps completed before it (the bar step it happened in, from 0). */
  readonly bar: number;
  /** Wall-clock time of the failure (ms since epoch); informational, never part of results. */
  readonly wall_time: number;
}

/** A circuit breaker changing state: when, why, and what it refused while open. */
export interface BreakerTransition {
  readonly container: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly time: number;
  readonly bar: number;
  readonly reason: string;
  readonly errors: number;
  readonly outcomes: number;
  /** Events refused while open (when leaving the open state). */
  readonly rejected: number;
  /** The BreakerStateChanged event, for its trace. */
  readonly event_id: string;
  readonly correlation_id: string;
}

/** Names of the rules that filter a dispatch out; each is documented in engine-semantics.md. */
export const FILTER_RULES = [
  'duplicate',
  'event_type',
  'filter_condition',
  'no_route',
  'no_route_matched',
  'regime_inactive',
  'transformed',
  'transformer_declined',
  'unsubscribed',
] as const;
export type FilterRule = (typeof FILTER_RULES)[number];

export interface ContainerCounters {
  readonly name: string;
  /** Deliveries this container handled (its handler ran, or the event passed through). */
  readonly in: number;
  /** Events this container emitted or forwarded. */
  readonly out: number;
  /** Dispatches of this container's events, by outcome. */
  readonly dispatched: number;
  /** Handled on the first attempt (or passed through). */
  readonly delivered: number;
  /** Handled after one or more retries. */
  readonly retried_delivered: number;
  readonly filtered: number;
  readonly dead_lettered: number;
  /** Dispatches of this container's events still waiting in some inbox. */
  readonly pending: number;
  /** Dispatches of this container's events waiting for a retry. */
  readonly retrying: number;
  /** Handler errors (injected faults included), each attempt counted. */
  readonly errors: number;
  /** Retries this container made of events it failed on. */
  readonly retries: number;
  /** Events this container's open breaker refused. */
  readonly rejected: number;
  /** Events waiting in this container's own inbox. */
  readonly queued: number;
  readonly breaker: BreakerState;
  /** The breaker is open: events reaching the container are dead-lettered. */
  readonly halted: boolean;
  readonly filtered_by_rule: Readonly<Partial<Record<FilterRule, number>>>;
}

export interface RouteCounters {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly delivered: number;
}

export interface Progress {
  readonly barsDone: number;
  readonly barsTotal: number;
  /** Simulated time of the current (or last) bar step; NaN before the first. */
  readonly time: number;
  readonly deliveries: number;
  readonly events: number;
}

export interface TraceLink {
  readonly event: AnyEvent;
  /** Milliseconds of processing time since the run started, when performance metrics are on. */
  readonly processed_at: number | null;
  /** The bar step it was emitted in, from 0. */
  readonly bar: number;
}

/** What happened to one delivery of a chain's event beyond a plain success. */
export interface TraceDelivery {
  readonly event_id: string;
  readonly container: string;
  readonly attempt: number;
  readonly outcome: 'failed' | 'retry_scheduled' | 'delivered_after_retry' | 'dead_lettered';
  /** The error, the wait before the retry, or the dead letter's reason. */
  readonly detail: string;
  readonly time: number;
  readonly bar: number;
}

export interface TraceStage {
  readonly from: EventType;
  readonly to: EventType;
  readonly from_container: string;
  readonly to_container: string;
  /** Simulated latency in milliseconds (a fill on the next bar shows the bar spacing). */
  readonly simulated_ms: number;
  /** Processing latency in milliseconds, or null with performance metrics off. */
  readonly processing_ms: number | null;
}

export interface Trace {
  readonly correlation_id: string;
  /** In emission order; each event's causation_id names an earlier one (or null for the root). */
  readonly chain: readonly TraceLink[];
  readonly stages: readonly TraceStage[];
  /** Failures, retries and dead letters of the chain's events, in the order they happened. */
  readonly deliveries: readonly TraceDelivery[];
}

/** A whole round trip: every chain holding one of its events, cut to the events that led to it. */
export interface TradeTrace {
  readonly trade_id: string;
  /** In the order they began; each keeps only the trade's events and their causes. */
  readonly chains: readonly Trace[];
  /** Bar step of the first and last fill of the trade (null before its first fill). */
  readonly opened_bar: number | null;
  readonly closed_bar: number | null;
  readonly opened_time: number | null;
  readonly closed_time: number | null;
  /** Chains of this trade no longer kept (the tracer's memory bound). */
  readonly missing: number;
}

export interface RunSnapshot {
  readonly status: RunStatus;
  readonly failure: RunFailure | null;
  readonly progress: Progress;
  readonly phase: 'market' | 'decision' | 'test_end' | 'end_of_bar' | 'between_bars';
  readonly counters: readonly ContainerCounters[];
  /** What waits in each inbox, oldest first (event ids and types). */
  readonly queues: Readonly<
    Record<string, readonly { readonly event_id: string; readonly type: EventType }[]>
  >;
  readonly dead_letters: number;
  readonly breakers: readonly BreakerTransition[];
  readonly components: Readonly<Record<string, unknown>>;
}

export interface RunObserver {
  /** Every new event as it is emitted (once; forwarding is not emitting), when monitoring.trace_events is on. */
  onEvent?(event: AnyEvent, container: string): void;
  onDeadLetter?(entry: DeadLetter): void;
  onBreaker?(transition: BreakerTransition): void;
  /** A whole bar step finished (all three phases). */
  onBarEnd?(time: number, barsDone: number): void;
}

export interface RunOptions {
  readonly observer?: RunObserver;
  /** Processing clock in ms (performance.now in hosts); only used for metrics. */
  readonly clock?: () => number;
  /** Retained traces of correlations with a decision in them (signals, orders, fills). */
  readonly maxDecisionTraces?: number;
  /** Retained traces of correlations with bars and indicators only, most recent first. */
  readonly maxBarTraces?: number;
  readonly maxDeadLetters?: number;
}

/** How a run has been driven (./plan): whole bar steps, or event by event, and why. */
export interface PlanReport {
  /** Bar steps run whole by the planned driver. */
  readonly planned_steps: number;
  /** Bar steps run (at least in part) event by event. */
  readonly stepped_steps: number;
  /** Why: 'stepping' (stepEvent, stepBar, runFor with an event limit), 'retries' (retries waited on deliveries). */
  readonly stepped_because: readonly string[];
  /** Containers whose routing is decided per event (gates, selective conditions, filters, transformations). */
  readonly routed_per_event: readonly string[];
}

export interface RunLimits {
  readonly maxBars?: number;
  readonly maxEvents?: number;
  /** Wall-clock budget in ms for this call; checked between deliveries. */
  readonly deadlineMs?: number;
}

/** One run of a flow: control, what it has counted, traces and results (made by createRun). */
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
  /** Which driver ran the bar steps so far, and why any went event by event. */
  plan(): PlanReport;
  routeCounters(): readonly RouteCounters[];
  /** Dead letters kept (the first maxDeadLetters), oldest first. */
  deadLetters(): readonly DeadLetter[];
  deadLetterCount(): number;
  /** Every change of a circuit breaker (the first 10,000), oldest first. */
  breakerHistory(): readonly BreakerTransition[];
  /** Everything nobody asked for: cancellations, rejections, dead letters, drops (./incidents). */
  incidents(): IncidentReport;
  /** Incidents listed from index `from` on, for hosts that send them as they come. */
  incidentsSince(from: number): readonly Incident[];
  trace(correlationId: string): Trace | null;
  /** Every chain of one trade (entry to exit), or null if none is kept. */
  tradeTrace(tradeId: string): TradeTrace | null;
  /** Correlation ids of retained chains holding an event of this type (fills, say). */
  tracesWith(type: EventType): readonly string[];
  /** Each component's report(), by container name. */
  results(): Readonly<Record<string, unknown>>;
  /** A container's closed trades from index `from` on (empty for components that keep none). */
  tradesSince(container: string, from: number): readonly unknown[];
  /** The compiled routes, for hosts that draw them. */
  readonly routes: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly pattern: string;
  }[];
}
