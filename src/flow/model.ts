/**
 * The flow model: what a YAML flow means once parsed and validated. The YAML text is the source
 * of truth (it keeps the user's comments); this model is derived from it and never edited in
 * place: edits go through ./edits and produce new text.
 */
import type {
  CircuitBreakerSettings,
  EventBusSettings,
  FaultSettings,
  MonitoringSettings,
  PatternConfig,
  RetryPolicy,
  RouteConfig,
  TransformationConfig,
} from '../engine/config';
import type { ContainerKind } from './catalogue';
import type { FlowGrid, SweepSettings } from './grid';

export interface FlowContainer {
  /** Unique within the flow; the key under `containers:`. */
  readonly name: string;
  readonly kind: ContainerKind;
  /** Catalogue id, or null for a container known only by name that still needs one. */
  readonly component: string | null;
  /** Every parameter of the component, defaults filled in. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Switched off (YAML `disabled: true`): events pass through it unchanged. */
  readonly disabled?: true;
}

export const DEFAULT_NOTE_WIDTH = 220;

/** A note on the canvas (YAML `notes:`), for people; the run ignores it. */
export interface FlowNote {
  readonly id: string;
  readonly text: string;
  readonly position: Position;
  readonly width: number;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface FlowEventSystem {
  readonly event_buses: Readonly<Record<string, EventBusSettings>>;
  readonly routing: readonly RouteConfig[];
  readonly transformations: readonly TransformationConfig[];
  readonly monitoring: MonitoringSettings;
  readonly circuit_breaker: CircuitBreakerSettings;
  /** `default` (always present) and each container's own policy. */
  readonly retry: Readonly<Record<string, RetryPolicy>>;
  /** By container name. */
  readonly fault_injection: Readonly<Record<string, FaultSettings>>;
}

export interface FlowRunSettings {
  readonly seed: number;
  readonly max_events_per_bar: number;
}

export interface FlowModel {
  readonly name: string;
  readonly description: string;
  /** In the order the YAML lists them. */
  readonly containers: readonly FlowContainer[];
  readonly event_flow: readonly PatternConfig[];
  readonly event_system: FlowEventSystem;
  readonly run: FlowRunSettings;
  /** Canvas positions by container name; containers without one are laid out automatically. */
  readonly layout: Readonly<Record<string, Position>>;
  /** Notes on the canvas; absent when the flow has none. */
  readonly notes?: readonly FlowNote[];
  /**
   * The parameters that hold a list or a range, or null. Each container's `params` then hold the
   * first value of each, so the flow reads everywhere as its first run.
   */
  readonly grid: FlowGrid | null;
  readonly sweep: SweepSettings;
}
