/**
 * The one schema of a flow's YAML form, in zod. It gives the TypeScript type of a raw document
 * (FlowDocument), validates documents at run time, and (json-schema.ts) becomes the JSON Schema
 * Monaco uses for validation, completion and hover. Component parameters come from the catalogue:
 * each component's params schema is built from its ParamSpecs here, nowhere else.
 */
import { z } from 'zod';
import {
  BREAKER_SETTINGS,
  BUS_SETTINGS,
  CATALOGUE,
  CONTAINER_KINDS,
  type ComponentSpec,
  FAULT_SETTINGS,
  MONITORING_SETTINGS,
  type ParamSpec,
  RETRY_SETTINGS,
  TRANSFORMER_SPECS,
} from '../engine/catalogue';
import { EVENT_TYPES } from '../engine/events';
import { OBJECTIVE_KEYS } from '../engine/metrics/objectives';
import { isSweepable } from './grid';

// zod compiles validators with `new Function` when it may; the app's Content-Security-Policy
// forbids that (and reports even the probe), so validation runs interpreted.
z.config({ jitless: true });

/** Container and indicator names: letters, digits and underscores, starting with a letter. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** An indicator name (decimal parameters included: BB_20_2.5), optionally with .output. */
export const FEATURE_PATTERN =
  /^[A-Za-z][A-Za-z0-9_]*(\.[0-9][A-Za-z0-9_]*)*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

const name = z
  .string()
  .regex(NAME_PATTERN, 'Names use letters, digits and underscores, starting with a letter');
const eventType = z.enum(EVENT_TYPES);

function paramSchema(param: ParamSpec): z.ZodType {
  const described = <T extends z.ZodType>(schema: T) =>
    schema.meta({
      title: param.label,
      description: param.description,
      default: param.default as never,
    });
  switch (param.type) {
    case 'integer': {
      let schema = z.number().int();
      if (param.min !== undefined) schema = schema.min(param.min);
      if (param.max !== undefined) schema = schema.max(param.max);
      return described(schema);
    }
    case 'number': {
      let schema = z.number();
      if (param.min !== undefined) schema = schema.min(param.min);
      if (param.max !== undefined) schema = schema.max(param.max);
      return described(schema);
    }
    case 'boolean':
      return described(z.boolean());
    case 'enum':
      return described(
        z.enum(param.options.map((option) => option.value) as [string, ...string[]]),
      );
    case 'string':
      return described(
        param.pattern
          ? z.string().regex(new RegExp(param.pattern), `Must match ${param.pattern}`)
          : z.string(),
      );
    case 'feature':
      return described(
        z
          .string()
          .regex(FEATURE_PATTERN, 'A feature is an indicator name, optionally with .output'),
      );
    case 'expression':
      // Parsed and checked against the flow's names by analyse(), with the column of an error.
      return described(z.string().max(2000, 'An expression is at most 2000 characters'));
    case 'tiers':
      return described(
        z
          .array(z.strictObject({ above: z.number().min(0), rate: z.number().min(0) }))
          .min(1, 'Give at least one tier'),
      );
  }
}

/** A parameter that may also hold a grid: a list of values, a range, or ADMF-PC's range(…). */
function sweepableSchema(param: ParamSpec): z.ZodType {
  const single = paramSchema(param);
  if (!isSweepable(param)) return single;
  const list = z.array(single).min(1).meta({ description: 'Sweep: one run per value.' });
  const described = (schema: z.ZodType) =>
    schema.meta({
      title: param.label,
      description: `${param.description} May hold a list (or a range) of values to sweep.`,
      default: param.default as never,
    });
  if (param.type !== 'integer' && param.type !== 'number')
    return described(z.union([single, list]));
  const range = z
    .strictObject({ from: z.number(), to: z.number(), step: z.number().positive().optional() })
    .meta({ description: 'Sweep: from, from + step, … up to to (included).' });
  const text = z
    .string()
    .regex(/^\s*range\(/)
    .meta({ description: "Sweep in ADMF-PC's form: range(start, stop, step), stop included." });
  return described(z.union([single, list, range, text]));
}

/**
 * The params schema of one component (or transformer): every parameter optional (defaults fill
 * in), no others. With `grids`, numeric, choice and true/false parameters may also hold a grid
 * (grid.ts checks grids; this form only serves the editor's completion and hover).
 */
export function paramsSchema(
  spec: Pick<ComponentSpec, 'params'>,
  options: { grids?: boolean } = {},
) {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(spec.params).map(([key, param]) => [
        key,
        (options.grids ? sweepableSchema(param) : paramSchema(param)).optional(),
      ]),
    ),
  );
}

export const PARAMS_SCHEMAS: ReadonlyMap<string, ReturnType<typeof paramsSchema>> = new Map(
  CATALOGUE.map((spec) => [spec.id, paramsSchema(spec)]),
);

/** The params schema of each transformer, by id. */
export const TRANSFORMER_PARAMS: ReadonlyMap<string, ReturnType<typeof paramsSchema>> = new Map(
  TRANSFORMER_SPECS.map((spec) => [spec.id, paramsSchema(spec)]),
);

export const containerSchema = z
  .strictObject({
    component: z
      .string()
      .meta({ description: 'Catalogue id of the component that runs in this container.' })
      .optional(),
    kind: z
      .enum(CONTAINER_KINDS)
      .meta({ description: 'Needed only while the container has no component.' })
      .optional(),
    description: z.string().optional(),
    disabled: z
      .boolean()
      .meta({
        description:
          'Switched off without deleting it: its component does not run and events pass through it unchanged (a disabled data container sends no bars).',
      })
      .optional(),
    params: z
      .record(z.string(), z.unknown())
      .meta({ description: "The component's parameters." })
      .optional(),
  })
  .meta({ description: 'A container: an isolated component with its own event bus.' });

/** A note on the canvas: text for people, no effect on the run. */
export const noteSchema = z
  .strictObject({
    text: z.string().meta({ description: 'What the note says (plain text, several lines).' }),
    at: z
      .tuple([z.number(), z.number()])
      .meta({ description: 'Its top left corner on the canvas, [x, y].' }),
    width: z
      .number()
      .min(80)
      .max(1200)
      .meta({ description: 'Its width (default 220).' })
      .optional(),
  })
  .meta({ description: 'A note on the canvas.' });

const pipeline = z.strictObject({
  type: z.literal('pipeline'),
  containers: z.array(name).min(2, 'A pipeline needs at least two containers'),
});

const broadcast = z.strictObject({
  type: z.literal('broadcast'),
  source: name,
  targets: z.array(name).min(1, 'A broadcast needs at least one target'),
});

const child = z.union([name, z.strictObject({ name, regime: z.string().min(1) })]);

const hierarchical = z.strictObject({
  type: z.literal('hierarchical'),
  parent: name,
  children: z.array(child).min(1, 'A hierarchy needs at least one child'),
  regimes: z
    .record(z.string(), z.string())
    .meta({ description: 'Regime of each child, for children listed by name only.' })
    .optional(),
  events: z
    .array(eventType)
    .meta({ description: 'Event types a child emits only in its regime.' })
    .optional(),
});

const selective = z.strictObject({
  type: z.literal('selective'),
  source: name,
  routes: z
    .array(z.strictObject({ condition: z.string().min(1), target: name }))
    .min(1, 'A selective block needs at least one route'),
  default: name.meta({ description: 'Receives what no condition matched.' }).optional(),
  events: z
    .array(eventType)
    .meta({ description: 'Event types the conditions decide on.' })
    .optional(),
});

export const patternSchema = z.discriminatedUnion('type', [
  pipeline,
  broadcast,
  hierarchical,
  selective,
]);

// The event system's settings, from their descriptions in the catalogue (ranges, help, defaults).
const busSchema = paramsSchema({ params: BUS_SETTINGS });
export const retrySchema = paramsSchema({ params: RETRY_SETTINGS });
export const faultSchema = paramsSchema({ params: FAULT_SETTINGS }).extend({
  seed: z
    .number()
    .int()
    .min(0)
    .nullable()
    .meta({ description: "Seed of the failures; the run's seed when absent or null." })
    .optional(),
  events: z
    .array(eventType)
    .meta({ description: 'Only these event types fail; all the handler takes when absent.' })
    .optional(),
});
export const breakerSchema = paramsSchema({ params: BREAKER_SETTINGS });
const monitoringSchema = paramsSchema({ params: MONITORING_SETTINGS });

const transformParams = z
  .record(z.string(), z.unknown())
  .meta({ description: "The transformer's parameters." });

export const eventSystemSchema = z.strictObject({
  event_buses: z
    .record(z.string(), busSchema)
    .meta({ description: '`default` applies to every container; a container name overrides it.' })
    .optional(),
  routing: z
    .array(
      z.strictObject({
        source: name,
        targets: z.array(name).min(1),
        events: z.array(eventType).optional(),
        filters: z.array(z.string()).optional(),
        transform: z
          .strictObject({ transformer: z.string(), params: transformParams.optional() })
          .meta({ description: 'A transformer applied to the events crossing this route.' })
          .optional(),
      }),
    )
    .optional(),
  transformations: z
    .array(
      z.strictObject({
        from_event: eventType,
        to_event: eventType,
        transformer: z.string(),
        params: transformParams.optional(),
      }),
    )
    .optional(),
  monitoring: monitoringSchema.optional(),
  circuit_breaker: breakerSchema
    .meta({ description: "Each container's circuit breaker." })
    .optional(),
  retry: z
    .record(z.string(), retrySchema)
    .meta({
      description: 'Retry policies: `default` for every container, a container name for its own.',
    })
    .optional(),
  fault_injection: z
    .record(z.string(), faultSchema)
    .meta({ description: 'Faults to inject, by container name.' })
    .optional(),
});

const position = z.union([
  z.tuple([z.number(), z.number()]),
  z.strictObject({ x: z.number(), y: z.number() }),
]);

export const flowSchema = z
  .strictObject({
    name: z.string().meta({ description: 'The name of the flow.' }).optional(),
    description: z.string().optional(),
    containers: z
      .record(name, containerSchema)
      .meta({ description: 'Containers by name: each runs one component.' })
      .optional(),
    event_flow: z
      .union([patternSchema, z.array(patternSchema)])
      .meta({
        description:
          'How events flow between containers: pipeline, broadcast, hierarchical, selective.',
      })
      .optional(),
    event_system: eventSystemSchema.optional(),
    sweep: z
      .strictObject({
        constraints: z
          .array(z.string())
          .meta({
            description:
              'Conditions every swept combination must meet, over container parameters: "sma_fast.period < sma_slow.period".',
          })
          .optional(),
        max_runs: z
          .number()
          .int()
          .min(1)
          .meta({ description: 'The most runs a grid may expand to (default 10000).' })
          .optional(),
        metric: z
          .enum(OBJECTIVE_KEYS)
          .meta({ description: 'The metric that picks the best run (default sharpe).' })
          .optional(),
        walk_forward: z
          .strictObject({
            mode: z.enum(['rolling', 'anchored']).optional(),
            in_sample: z.number().int().min(2).optional(),
            out_of_sample: z.number().int().min(2).optional(),
          })
          .meta({ description: 'Walk-forward windows, in bars.' })
          .optional(),
      })
      .meta({ description: 'Parameter sweeps: constraints, limit, metric, walk-forward.' })
      .optional(),
    run: z
      .strictObject({
        seed: z.number().int().min(0).optional(),
        max_events_per_bar: z.number().int().min(1).optional(),
      })
      .optional(),
    layout: z
      .record(z.string(), position)
      .meta({ description: 'Canvas positions by container name ([x, y]).' })
      .optional(),
    notes: z
      .record(name, noteSchema)
      .meta({ description: 'Notes on the canvas by id; the run ignores them.' })
      .optional(),
  })
  .meta({ title: 'ADMF-PC Flow Studio flow', description: 'An event-driven trading flow.' });

/** A flow document as written, before defaults and checks beyond its shape. */
export type FlowDocument = z.infer<typeof flowSchema>;
export type PatternDocument = z.infer<typeof patternSchema>;
