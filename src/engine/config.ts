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

export interface CircuitBreakerSettings {
  /** Fraction of failed deliveries (0..1) that stops a container. */
  readonly error_rate: number;
  /** Deliveries a container must have handled before the rate is judged. */
  readonly min_events: number;
}

export interface EventSystemConfig {
  /** `default` applies to every container; an entry named after a container overrides it. */
  readonly buses: Readonly<Record<string, EventBusSettings>>;
  readonly monitoring: MonitoringSettings;
  readonly circuit_breaker: CircuitBreakerSettings;
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

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = { error_rate: 0.5, min_events: 20 };

export const DEFAULT_RUN: RunSettings = { seed: 42, max_events_per_bar: 100_000 };
