/** The public shapes of a run: its input, status, counters, dead letters, traces and snapshots. */

import type { ComponentFactory } from '../component';
import type { BarSeries } from '../data/bars';
import type { AnyEvent, EventType } from '../events';

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

export type DeadLetterReason =
  | 'handler_error'
  | 'queue_full'
  | 'dropped_oldest'
  | 'container_halted';

export interface DeadLetter {
  readonly event: AnyEvent;
  readonly container: string;
  /** Catalogue id of the component whose handler failed (or would have handled it). */
  readonly handler: string;
  readonly reason: DeadLetterReason;
  readonly error: string;
  /** Simulated time of the failure. */
  readonly time: number;
  /** Wall-clock time of the failure (ms since epoch); informational, never part of results. */
  readonly wall_time: number;
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
  readonly delivered: number;
  readonly filtered: number;
  readonly dead_lettered: number;
  /** Dispatches of this container's events still waiting in some inbox. */
  readonly pending: number;
  /** Handler errors. */
  readonly errors: number;
  /** Events waiting in this container's own inbox. */
  readonly queued: number;
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
  readonly components: Readonly<Record<string, unknown>>;
}

export interface RunObserver {
  /** Every new event as it is emitted (once; forwarding is not emitting), when monitoring.trace_events is on. */
  onEvent?(event: AnyEvent, container: string): void;
  onDeadLetter?(entry: DeadLetter): void;
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

export interface RunLimits {
  readonly maxBars?: number;
  readonly maxEvents?: number;
  /** Wall-clock budget in ms for this call; checked between deliveries. */
  readonly deadlineMs?: number;
}
