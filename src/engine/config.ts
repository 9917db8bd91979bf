/**
 * What the engine needs to run a flow: containers, the seed's orchestration patterns, explicit
 * routes, transformations and event-system settings. The flow layer compiles a YAML flow into
 * this; the engine knows nothing of YAML or of the canvas.
 */
import type { EventType } from './events';

export interface ContainerConfig {
  readonly name: string;
  /** Catalogue id of the component that runs inside. */
  readonly component: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Switched off: its component does not run and every event it receives passes on unchanged. */
  readonly disabled?: boolean;
}

export interface PipelinePattern {
  readonly type: 'pipeline';
  readonly containers: readonly string[];
}

export interface BroadcastPattern {
  readonly type: 'broadcast';
  readonly source: string;
  readonly targets: readonly string[];
}

export interface HierarchicalPattern {
  readonly type: 'hierarchical';
  /** Typically a regime classifier; it publishes the current regime per symbol. */
  readonly parent: string;
  /** Each child is active while the parent's regime equals its own. */
  readonly children: readonly { readonly name: string; readonly regime: string }[];
  /** Event types a child emits only while active (decisions); the rest always flow. */
  readonly events?: readonly EventType[];
}

export interface SelectiveRoute {
  readonly condition: string;
  readonly target: string;
}

export interface SelectivePattern {
  readonly type: 'selective';
  readonly source: string;
  /** Evaluated in order; the first whose condition holds receives the event. */
  readonly routes: readonly SelectiveRoute[];
  /** Receives the routed events no condition matched; without it they are filtered out. */
  readonly default?: string;
  /** Event types the conditions decide on; other types go to every target. */
  readonly events?: readonly EventType[];
}

export type PatternConfig =
  | PipelinePattern
  | BroadcastPattern
  | HierarchicalPattern
  | SelectivePattern;

export interface RouteConfig {
  readonly source: string;
  readonly targets: readonly string[];
  /** Only these event types cross the route; all types when absent. */
  readonly events?: readonly EventType[];
  /** Conditions that must all hold for an event to cross. */
  readonly filters?: readonly string[];
  /** A transformer applied to the events of its input type that cross this route. */
  readonly transform?: RouteTransform;
}

export interface RouteTransform {
  readonly transformer: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface TransformationConfig {
  readonly from_event: EventType;
  readonly to_event: EventType;
  readonly transformer: string;
  /** Settings of the transformer (signal_to_order_transformer reads `quantity`). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export type QueueOverflowPolicy = 'fail' | 'dead_letter' | 'drop_oldest';

export interface EventBusSettings {
  /** Largest number of events waiting in a container's inbox. */
  readonly queue_size: number;
  /** Events a container handles in one turn before others get theirs. */
  readonly batch_size: number;
  /** Processing time budget of one batch, in milliseconds. */
  readonly timeout_ms: number;
  /** What a full inbox does with one more event; never a silent drop. */
  readonly overflow: QueueOverflowPolicy;
}

export interface MonitoringSettings {
  readonly trace_events: boolean;
  readonly correlation_tracking: boolean;
  readonly performance_metrics: boolean;
  readonly dead_letter_queue: boolean;
}

/** How long something waits: counted in deliveries anywhere in the run, or in bar steps. */
export type WaitUnit = 'events' | 'bars';

export interface CircuitBreakerSettings {
  /** Share of failed outcomes (0..1) in the window above which a container's breaker opens. */
  readonly error_rate: number;
  /** Outcomes the window must hold before the rate is judged. */
  readonly min_events: number;
  /** The latest outcomes judged (handler runs, failures and overflows). */
  readonly window: number;
  /** How long the breaker stays open before it lets trial events through; 0 keeps it open. */
  readonly reset_after: number;
  readonly reset_unit: WaitUnit;
  /** Trial deliveries in the half-open state: all succeed and it closes, one fails and it opens. */
  readonly half_open_events: number;
}

/** What a container does with an event its handler failed on. */
export interface RetryPolicy {
  /** Deliveries in all, the first included: 1 means no retry. */
  readonly max_attempts: number;
  /** Wait before the first retry. */
  readonly backoff: number;
  readonly backoff_unit: WaitUnit;
  /** Each further retry waits this many times longer than the one before (1: a fixed wait). */
  readonly backoff_multiplier: number;
}

/** Faults a user injects into a container to watch the error handling at work. */
export interface FaultSettings {
  /** Chance (0..1) that a delivery the handler would run fails instead. */
  readonly failure_rate: number;
  /** Seed of the failures; null takes the run's seed. Either way the same run fails the same way. */
  readonly seed: number | null;
  /** The Nth handled delivery (from 1) fails; 0 turns it off. */
  readonly fail_on: number;
  /** How many deliveries in a row fail from the Nth on. */
  readonly fail_times: number;
  /** Each handled delivery takes at least this long in wall time (a slow handler); results do not change. */
  readonly slow_ms: number;
  /** Only these event types are affected; all the handler consumes when absent. */
  readonly events?: readonly EventType[];
}

export interface EventSystemConfig {
  /** `default` applies to every container; an entry named after a container overrides it. */
  readonly buses: Readonly<Record<string, EventBusSettings>>;
  readonly monitoring: MonitoringSettings;
  readonly circuit_breaker: CircuitBreakerSettings;
  /** Retry policies: `default` and per container, like the buses. */
  readonly retry?: Readonly<Record<string, RetryPolicy>>;
  /** Fault injection by container name. */
  readonly faults?: Readonly<Record<string, FaultSettings>>;
}

export interface RunSettings {
  readonly seed: number;
  /** Deliveries allowed while processing one bar step before the run stops as runaway. */
  readonly max_events_per_bar: number;
}

export interface EngineConfig {
  readonly containers: readonly ContainerConfig[];
  readonly patterns: readonly PatternConfig[];
  readonly routes: readonly RouteConfig[];
  readonly transformations: readonly TransformationConfig[];
  readonly eventSystem: EventSystemConfig;
  readonly run: RunSettings;
}

export const DEFAULT_BUS: EventBusSettings = {
  queue_size: 10_000,
  batch_size: 100,
  timeout_ms: 10,
  overflow: 'fail',
};

export const DEFAULT_MONITORING: MonitoringSettings = {
  trace_events: true,
  correlation_tracking: true,
  performance_metrics: true,
  dead_letter_queue: true,
};

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = {
  error_rate: 0.5,
  min_events: 20,
  window: 100,
  reset_after: 10,
  reset_unit: 'bars',
  half_open_events: 3,
};

export const DEFAULT_RETRY: RetryPolicy = {
  max_attempts: 1,
  backoff: 1,
  backoff_unit: 'events',
  backoff_multiplier: 1,
};

export const DEFAULT_FAULTS: FaultSettings = {
  failure_rate: 0,
  seed: null,
  fail_on: 0,
  fail_times: 1,
  slow_ms: 0,
};

export const DEFAULT_RUN: RunSettings = { seed: 42, max_events_per_bar: 100_000 };
