/**
 * The component catalogue's vocabulary. Each component is described once, as data: its kind, what
 * it consumes and emits, and its parameters with types, ranges and defaults. The palette, the
 * inspector's forms, the YAML schema (and so Monaco's completion and hover) and the engine's
 * factories all read these descriptions; nothing else defines a parameter.
 */
import type { EventType } from '../events';

export const CONTAINER_KINDS = [
  'data',
  'indicator',
  'strategy',
  'classifier',
  'risk',
  'execution',
  'portfolio',
] as const;

export type ContainerKind = (typeof CONTAINER_KINDS)[number];

interface ParamCommon {
  readonly label: string;
  readonly description: string;
  /** Show (and validate) the parameter only while another parameter has one of these values. */
  readonly visibleWhen?: { readonly param: string; readonly in: readonly (string | boolean)[] };
  /** Shown on the node itself, not only in the inspector. */
  readonly key?: boolean;
}

export interface IntegerParam extends ParamCommon {
  readonly type: 'integer';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  /** May be left empty (absent): `default` then says what stands in, in `emptyMeans`. */
  readonly optional?: boolean;
  readonly emptyMeans?: string;
}

export interface NumberParam extends ParamCommon {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
}

export interface BooleanParam extends ParamCommon {
  readonly type: 'boolean';
  readonly default: boolean;
}

export interface EnumParam extends ParamCommon {
  readonly type: 'enum';
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly default: string;
}

export interface StringParam extends ParamCommon {
  readonly type: 'string';
  readonly default: string;
  readonly placeholder?: string;
  /** A regular expression the whole value must match (checked by the schema, never executed). */
  readonly pattern?: string;
  /**
   * The value is an expression of the event condition language (filters, enrichments, over
   * `event`, `signal`, `order`...): checked as it is typed, never run.
   */
  readonly syntax?: 'condition';
}

/**
 * A reference to an indicator output produced upstream, by its indicator_name, optionally with an
 * output: "SMA_20", "MACD_12_26_9.signal". `accepts` lists the indicator component ids allowed.
 */
export interface FeatureParam extends ParamCommon {
  readonly type: 'feature';
  readonly accepts: readonly string[];
  readonly default: string;
  /** The output used when the reference names none. */
  readonly output?: string;
}

/**
 * A rule expression (src/engine/condition): read on every bar, over the bar's fields, the
 * indicators upstream and, for a strategy, its position and the regime. Parsed, never run as code.
 */
export interface ExpressionParam extends ParamCommon {
  readonly type: 'expression';
  readonly default: string;
  /** A strategy's expressions may also read its position and the regime; an indicator's may not. */
  readonly scope: 'strategy' | 'indicator';
  /** May be left empty (an entry that is never taken). */
  readonly optional?: boolean;
  readonly placeholder?: string;
}

/** A commission schedule: the rate applies to the part of the value above `above`. */
export interface TiersParam extends ParamCommon {
  readonly type: 'tiers';
  readonly default: readonly { readonly above: number; readonly rate: number }[];
  readonly unit?: string;
}

export type ParamSpec =
  | IntegerParam
  | NumberParam
  | BooleanParam
  | EnumParam
  | StringParam
  | FeatureParam
  | ExpressionParam
  | TiersParam;

export type ParamType = ParamSpec['type'];

export interface ComponentSpec {
  /** Stable id used in YAML (`component: sma`). */
  readonly id: string;
  readonly kind: ContainerKind;
  readonly label: string;
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Event types the component handles; anything else passes through unchanged. */
  readonly consumes: readonly EventType[];
  /** Event types the component creates. */
  readonly emits: readonly EventType[];
  /** Indicators only: how the indicator_name is built from parameters, e.g. "SMA_{period}". */
  readonly nameTemplate?: string;
  /** Indicators only: the names of its outputs; the first is the primary value. */
  readonly outputs?: readonly string[];
  /** Indicators only: its outputs are prices, so charts draw them over the candles. */
  readonly overlay?: boolean;
  /**
   * Indicators with `overlay` only: the outputs that are prices, when not all are (Bollinger's
   * bandwidth and %B are ratios: they get a pane of their own under the price).
   */
  readonly priceOutputs?: readonly string[];
  /** Indicators only: reference levels charts draw in the indicator's pane (RSI 30 and 70). */
  readonly levels?: readonly number[];
  /** Classifiers only: the regimes it can report. */
  readonly regimes?: readonly string[];
  /** Search words for the palette beyond label and id. */
  readonly keywords?: readonly string[];
  /**
   * The family it belongs to within its kind ("Oscillators", "Breakout"): the palette groups by it
   * and search matches it.
   */
  readonly group?: string;
}

type ValueOf<P extends ParamSpec> = P extends IntegerParam | NumberParam
  ? number
  : P extends BooleanParam
    ? boolean
    : P extends EnumParam
      ? P['options'][number]['value']
      : P extends StringParam | FeatureParam | ExpressionParam
        ? string
        : P extends TiersParam
          ? readonly { readonly above: number; readonly rate: number }[]
          : never;

/** The typed parameters a component's factory receives, derived from its description. */
export type ParamsOf<S extends { readonly params: Readonly<Record<string, ParamSpec>> }> = {
  readonly [K in keyof S['params']]: ValueOf<S['params'][K]>;
};

/** Keeps literal types (enum options, param names) so ParamsOf can see them. */
export function defineSpec<const S extends ComponentSpec>(spec: S): S {
  return spec;
}
