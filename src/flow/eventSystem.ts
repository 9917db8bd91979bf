/**
 * The event_system block, read and checked: buses, retry policies and fault injection by
 * container, the circuit breaker, monitoring, transformations (global and on a route). Part of
 * analyse.ts's pass, kept apart so that the analysis of the wiring stays readable.
 */
import { parseCondition } from '../engine/condition';
import {
  type CircuitBreakerSettings,
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FAULTS,
  DEFAULT_MONITORING,
  DEFAULT_RETRY,
  type EventBusSettings,
  type FaultSettings,
  type RetryPolicy,
  type RouteTransform,
  type TransformationConfig,
} from '../engine/config';
import { EVENT_TYPES, type EventType } from '../engine/events';
import {
  EVENT_META_FIELDS,
  findTransformer,
  TRANSFORMER_SPECS,
  type TransformerSpec,
  transformerMakes,
  transformerTakes,
} from './catalogue';
import type { Path } from './locate';
import type { FlowContainer, FlowEventSystem } from './model';
import { didYouMean } from './names';
import { asArray, asRecord, isRecord, type Raw } from './raw';
import { TRANSFORMER_PARAMS } from './schema';

/** A flow's event_system when it says nothing about it. */
export const DEFAULT_EVENT_SYSTEM: FlowEventSystem = {
  event_buses: { default: DEFAULT_BUS },
  routing: [],
  transformations: [],
  monitoring: DEFAULT_MONITORING,
  circuit_breaker: DEFAULT_CIRCUIT_BREAKER,
  retry: { default: DEFAULT_RETRY },
  fault_injection: {},
};

const isEventType = (value: unknown): value is EventType =>
  (EVENT_TYPES as readonly unknown[]).includes(value);

export interface EventSystemProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly path: Path;
  readonly key?: boolean;
  readonly inside?: { readonly from: number; readonly to: number };
  readonly container?: string;
}
type Report = (problem: EventSystemProblem) => void;

/** Everything of event_system but the routing entries (analyse.ts reads those with the wiring). */
export function readEventSystem(
  raw: unknown,
  containers: ReadonlyMap<string, FlowContainer>,
  report: Report,
): Omit<FlowEventSystem, 'routing'> {
  const system = asRecord(raw);
  const buses = keyedByContainer<EventBusSettings>(
    system.event_buses,
    'event_buses',
    containers,
    DEFAULT_BUS,
    report,
  );
  const retry = keyedByContainer<RetryPolicy>(
    system.retry,
    'retry',
    containers,
    DEFAULT_RETRY,
    report,
  );
  const faults: Record<string, FaultSettings> = {};
  for (const [name, value] of Object.entries(asRecord(system.fault_injection))) {
    const path: Path = ['event_system', 'fault_injection', name];
    const container = containers.get(name);
    if (!container) {
      report({
        severity: 'error',
        message: `Faults for "${name}", which is not a container.${didYouMean(name, containers.keys())}`,
        path,
        key: true,
      });
      continue;
    }
    if (container.kind === 'data') {
      report({
        severity: 'warning',
        message: `"${name}" is a data container: it handles no events, so its faults never fire`,
        path,
        key: true,
        container: name,
      });
    }
    faults[name] = { ...DEFAULT_FAULTS, ...(asRecord(value) as Partial<FaultSettings>) };
  }
  return {
    event_buses: buses,
    transformations: readTransformations(system, report),
    monitoring: {
      ...DEFAULT_MONITORING,
      ...(asRecord(system.monitoring) as Partial<typeof DEFAULT_MONITORING>),
    },
    circuit_breaker: {
      ...DEFAULT_CIRCUIT_BREAKER,
      ...(asRecord(system.circuit_breaker) as Partial<CircuitBreakerSettings>),
    },
    retry,
    fault_injection: faults,
  };
}

/** `default` (filled in) and per container overrides on top of it. */
function keyedByContainer<T extends object>(
  raw: unknown,
  key: string,
  containers: ReadonlyMap<string, FlowContainer>,
  defaults: T,
  report: Report,
): Record<string, T> {
  const given = asRecord(raw);
  const base = { ...defaults, ...(asRecord(given.default) as Partial<T>) };
  const out: Record<string, T> = { default: base };
  for (const [name, value] of Object.entries(given)) {
    if (name === 'default') continue;
    if (!containers.has(name)) {
      report({
        severity: 'warning',
        message: `${key} names "${name}", which is neither \`default\` nor a container: it applies to nothing.${didYouMean(name, containers.keys())}`,
        path: ['event_system', key, name],
        key: true,
      });
    }
    out[name] = { ...base, ...(asRecord(value) as Partial<T>) };
  }
  return out;
}

function readTransformations(system: Raw, report: Report): TransformationConfig[] {
  const out: TransformationConfig[] = [];
  asArray(system.transformations).forEach((value, index) => {
    const entry = asRecord(value);
    const at: Path = ['event_system', 'transformations', index];
    const spec = knownTransformer(entry.transformer, [...at, 'transformer'], report);
    if (!spec) return;
    const from = entry.from_event;
    if (
      !isEventType(from) ||
      !transformerTakes(spec, from) ||
      entry.to_event !== transformerMakes(spec, from)
    ) {
      report({
        severity: 'error',
        message: `"${spec.id}" turns ${takes(spec)} into ${makes(spec)}`,
        path: at,
      });
      return;
    }
    checkParams(spec, entry.params, [...at, 'params'], report);
    out.push({
      from_event: from,
      to_event: transformerMakes(spec, from),
      transformer: spec.id,
      ...(isRecord(entry.params) ? { params: entry.params } : {}),
    });
  });
  return out;
}

/** A routing entry's `transform`, checked against the event types the route carries. */
export function readRouteTransform(
  raw: unknown,
  events: readonly EventType[] | undefined,
  at: Path,
  report: Report,
): RouteTransform | undefined {
  if (raw === undefined) return undefined;
  const entry = asRecord(raw);
  const spec = knownTransformer(entry.transformer, [...at, 'transformer'], report);
  if (!spec) return undefined;
  if (events && !events.some((type) => transformerTakes(spec, type))) {
    report({
      severity: 'error',
      message: `"${spec.id}" turns ${takes(spec)} into ${makes(spec)}, but this route carries only ${events.join(', ')}`,
      path: [...at, 'transformer'],
    });
    return undefined;
  }
  if (!checkParams(spec, entry.params, [...at, 'params'], report)) return undefined;
  return { transformer: spec.id, ...(isRecord(entry.params) ? { params: entry.params } : {}) };
}

function knownTransformer(name: unknown, path: Path, report: Report): TransformerSpec | undefined {
  const id = typeof name === 'string' ? name : '';
  const spec = findTransformer(id);
  if (!spec) {
    report({
      severity: 'error',
      message: `Unknown transformer "${id}".${didYouMean(
        id,
        TRANSFORMER_SPECS.map((known) => known.id),
      )} Known: ${TRANSFORMER_SPECS.map((known) => known.id).join(', ')}`,
      path,
    });
  }
  return spec;
}

/** A transformer's parameters: types and ranges, and an enrichment's field and expression. */
function checkParams(spec: TransformerSpec, raw: unknown, at: Path, report: Report): boolean {
  const params = asRecord(raw);
  let ok = true;
  const result = TRANSFORMER_PARAMS.get(spec.id)!.safeParse(params);
  if (!result.success) {
    ok = false;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          report({
            severity: 'error',
            message: `"${spec.label}" has no parameter "${key}".${didYouMean(key, Object.keys(spec.params))}`,
            path: [...at, key],
            key: true,
          });
        }
      } else {
        report({
          severity: 'error',
          message: `${issue.path.join('.') || 'params'}: ${issue.message}`,
          path: [...at, ...(issue.path as (string | number)[])],
        });
      }
    }
  }
  for (const [key, param] of Object.entries(spec.params)) {
    if (param.type !== 'string' || param.syntax !== 'condition') continue;
    const text = typeof params[key] === 'string' ? (params[key] as string) : param.default;
    const parsed = parseCondition(text);
    if (!parsed.ok) {
      ok = false;
      report({
        severity: 'error',
        message: `Expression does not parse: ${parsed.error.message} (column ${parsed.error.start + 1} of the expression)`,
        path: [...at, key],
        inside: { from: parsed.error.start, to: parsed.error.end },
      });
    }
  }
  if (spec.id === 'enrich_transformer' && typeof params.field === 'string') {
    if (EVENT_META_FIELDS.includes(params.field)) {
      ok = false;
      report({
        severity: 'error',
        message: `Every event already has "${params.field}": choose another field name`,
        path: [...at, 'field'],
      });
    }
  }
  return ok;
}

const takes = (spec: TransformerSpec) => (spec.from === 'any' ? 'any event' : spec.from);
const makes = (spec: TransformerSpec) => (spec.to === 'same' ? 'the same type' : spec.to);
