/**
 * The settings of the event system, described once like the components' parameters: a bus, a
 * retry policy, a container's injected faults, the circuit breaker and monitoring. The YAML schema
 * (and Monaco's hover), the inspector's forms and the docs read these; the engine's defaults are
 * the `default` of each.
 */
import {
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FAULTS,
  DEFAULT_MONITORING,
  DEFAULT_RETRY,
} from '../config';
import type { ParamSpec } from './types';

type Settings = Readonly<Record<string, ParamSpec>>;

const unit = (label: string, description: string, fallback: string) =>
  ({
    type: 'enum',
    label,
    description,
    options: [
      { value: 'events', label: 'events (deliveries)' },
      { value: 'bars', label: 'bars' },
    ],
    default: fallback,
  }) as const;

export const BUS_SETTINGS: Settings = {
  queue_size: {
    type: 'integer',
    label: 'Queue size',
    description: 'Largest number of events waiting in the inbox.',
    default: DEFAULT_BUS.queue_size,
    min: 1,
  },
  overflow: {
    type: 'enum',
    label: 'When full',
    description:
      'What a full inbox does with one more event; the dead-letter policies count toward the breaker.',
    options: [
      { value: 'fail', label: 'Stop the run' },
      { value: 'dead_letter', label: 'Dead-letter the newcomer' },
      { value: 'drop_oldest', label: 'Dead-letter the oldest' },
    ],
    default: DEFAULT_BUS.overflow,
  },
  batch_size: {
    type: 'integer',
    label: 'Batch size',
    description: 'Events handled in a row once the container has the turn.',
    default: DEFAULT_BUS.batch_size,
    min: 1,
  },
  timeout_ms: {
    type: 'number',
    label: 'Time slice',
    description: "The host's time slice between updates to the page; never changes results.",
    default: DEFAULT_BUS.timeout_ms,
    min: 0,
    unit: 'ms',
  },
};

export const RETRY_SETTINGS: Settings = {
  max_attempts: {
    type: 'integer',
    label: 'Attempts',
    description:
      'Deliveries in all, the first included: 1 means no retry. After the last, the event is dead-lettered.',
    default: DEFAULT_RETRY.max_attempts,
    min: 1,
    max: 100,
  },
  backoff: {
    type: 'integer',
    label: 'Wait before a retry',
    description: 'Wait before the first retry, in the unit below.',
    default: DEFAULT_RETRY.backoff,
    min: 0,
  },
  backoff_unit: unit(
    'Wait counted in',
    'Events: that many more deliveries (or as soon as nothing else waits). Bars: a later bar step.',
    DEFAULT_RETRY.backoff_unit,
  ),
  backoff_multiplier: {
    type: 'number',
    label: 'Wait multiplier',
    description: 'Each further retry waits this many times longer (1: a fixed wait; 2 doubles it).',
    default: DEFAULT_RETRY.backoff_multiplier,
    min: 1,
    max: 10,
    step: 0.5,
  },
};

export const FAULT_SETTINGS: Settings = {
  failure_rate: {
    type: 'number',
    label: 'Failure rate',
    description: 'Chance (0 to 1) that a delivery the handler would run fails instead.',
    default: DEFAULT_FAULTS.failure_rate,
    min: 0,
    max: 1,
    step: 0.05,
  },
  seed: {
    type: 'integer',
    label: 'Seed',
    description: 'Seed of the failures: the same seed fails the same deliveries.',
    default: 0,
    min: 0,
    optional: true,
    emptyMeans: "the run's seed",
  },
  fail_on: {
    type: 'integer',
    label: 'Fail the Nth delivery',
    description: 'The Nth handled delivery (from 1) fails; 0 turns it off.',
    default: DEFAULT_FAULTS.fail_on,
    min: 0,
  },
  fail_times: {
    type: 'integer',
    label: 'In a row',
    description: 'How many deliveries in a row fail from the Nth on.',
    default: DEFAULT_FAULTS.fail_times,
    min: 1,
  },
  slow_ms: {
    type: 'number',
    label: 'Slow handler',
    description:
      'Each handled delivery takes at least this long (wall time); results do not change.',
    default: DEFAULT_FAULTS.slow_ms,
    min: 0,
    max: 1000,
    unit: 'ms',
  },
};

export const BREAKER_SETTINGS: Settings = {
  error_rate: {
    type: 'number',
    label: 'Error rate',
    description:
      'Share (0 to 1) of failed outcomes in the window above which it opens; 1 never opens.',
    default: DEFAULT_CIRCUIT_BREAKER.error_rate,
    min: 0,
    max: 1,
    step: 0.05,
  },
  min_events: {
    type: 'integer',
    label: 'Judged after',
    description: 'Outcomes the window must hold before the rate is judged.',
    default: DEFAULT_CIRCUIT_BREAKER.min_events,
    min: 1,
  },
  window: {
    type: 'integer',
    label: 'Window',
    description: 'The latest outcomes judged (handler runs and overflows).',
    default: DEFAULT_CIRCUIT_BREAKER.window,
    min: 1,
    max: 100_000,
  },
  reset_after: {
    type: 'integer',
    label: 'Open for',
    description:
      'How long it refuses events before trial events go through; 0 keeps it open for the rest of the run.',
    default: DEFAULT_CIRCUIT_BREAKER.reset_after,
    min: 0,
  },
  reset_unit: unit(
    'Counted in',
    'Bars (bar steps) or events (deliveries).',
    DEFAULT_CIRCUIT_BREAKER.reset_unit,
  ),
  half_open_events: {
    type: 'integer',
    label: 'Trial events',
    description: 'Handler runs that must succeed in a row, half-open, for it to close.',
    default: DEFAULT_CIRCUIT_BREAKER.half_open_events,
    min: 1,
  },
};

export const MONITORING_SETTINGS: Settings = {
  trace_events: {
    type: 'boolean',
    label: 'Log events',
    description: 'Every event reaches the event log as it is emitted.',
    default: DEFAULT_MONITORING.trace_events,
  },
  correlation_tracking: {
    type: 'boolean',
    label: 'Keep traces',
    description: 'Keep each correlation chain (and trade) so it can be traced.',
    default: DEFAULT_MONITORING.correlation_tracking,
  },
  performance_metrics: {
    type: 'boolean',
    label: 'Measure latency',
    description: 'Time each stage of a trace in processing time.',
    default: DEFAULT_MONITORING.performance_metrics,
  },
  dead_letter_queue: {
    type: 'boolean',
    label: 'Keep dead letters',
    description:
      'Keep every dead letter (the first 10,000) for the dead-letter view and exports; off counts them only.',
    default: DEFAULT_MONITORING.dead_letter_queue,
  },
};
