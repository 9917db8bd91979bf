/**
 * Features: the indicator values strategies, classifiers and risk read. A feature reference names
 * an indicator by its indicator_name, optionally with an output ("MACD_12_26_9.signal"). Values
 * are kept per symbol with the timestamp of the bar they belong to, so a reader can tell a value
 * of this bar from one left over from the last.
 */
import type { ComponentSpec } from '../catalogue/types';
import type { IndicatorEvent } from '../events';

export interface FeatureRef {
  readonly name: string;
  readonly output: string | null;
}

/**
 * An output is a word after the last dot. A dot followed by a digit belongs to the name: a decimal
 * parameter (BB_20_2.5, SUPERTREND_10_2.5) is part of the indicator's name, not an output.
 */
const OUTPUT_SUFFIX = /\.([A-Za-z_][A-Za-z0-9_]*)$/;

export function parseFeatureRef(reference: string): FeatureRef {
  const match = OUTPUT_SUFFIX.exec(reference);
  return match
    ? { name: reference.slice(0, match.index), output: match[1]! }
    : { name: reference, output: null };
}

/** The indicator_name an indicator container's events carry, from its `name` or its template. */
export function indicatorName(
  spec: ComponentSpec,
  params: Readonly<Record<string, unknown>>,
): string {
  if (typeof params.name === 'string' && params.name !== '') return params.name;
  const template = spec.nameTemplate ?? spec.id.toUpperCase();
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key] ?? spec.params[key]?.default;
    return String(value);
  });
}

export interface FeatureValue {
  timestamp: number;
  value: number;
  outputs: Readonly<Record<string, number>>;
}

/** Latest indicator values per symbol. */
export class FeatureStore {
  private readonly bySymbol = new Map<string, Map<string, FeatureValue>>();

  /**
   * The features of the symbol asked for last: a strategy asks several times per event, mostly
   * about one symbol, so the outer lookup is skipped (the same string object compares by pointer).
   */
  private lastSymbol: string | null = null;
  private lastFeatures: Map<string, FeatureValue> | undefined = undefined;

  private featuresOf(symbol: string): Map<string, FeatureValue> | undefined {
    if (symbol === this.lastSymbol) return this.lastFeatures;
    const features = this.bySymbol.get(symbol);
    if (features) {
      this.lastSymbol = symbol;
      this.lastFeatures = features;
    }
    return features;
  }

  record(event: IndicatorEvent): void {
    let features = this.featuresOf(event.symbol);
    if (!features) {
      features = new Map();
      this.bySymbol.set(event.symbol, features);
    }
    // One record per indicator, updated in place: a million bars make no garbage here.
    const feature = features.get(event.indicator_name);
    if (feature) {
      feature.timestamp = event.timestamp;
      feature.value = event.value;
      feature.outputs = event.outputs;
    } else {
      features.set(event.indicator_name, {
        timestamp: event.timestamp,
        value: event.value,
        outputs: event.outputs,
      });
    }
  }

  get(symbol: string, name: string): FeatureValue | undefined {
    return this.featuresOf(symbol)?.get(name);
  }

  /** The referenced number, or undefined when missing or not of this timestamp. */
  number(symbol: string, ref: FeatureRef, timestamp: number): number | undefined {
    const feature = this.get(symbol, ref.name);
    if (!feature || feature.timestamp !== timestamp) return undefined;
    return ref.output === null ? feature.value : feature.outputs[ref.output];
  }

  snapshot(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      [...this.bySymbol].map(([symbol, features]) => [
        symbol,
        Object.fromEntries([...features].map(([name, feature]) => [name, feature.value])),
      ]),
    );
  }
}
