/**
 * A strategy container: it keeps the latest features per symbol and evaluates its rule on a bar
 * once the bar and every feature it reads belong to the same timestamp (in a diamond the features
 * may arrive after the bar), at most once per bar. It emits a TradingSignal only when the
 * direction changes, and passes bars and indicators on. Entries follow the `entry` parameter
 * (on the cross, or while the condition holds: entry.ts).
 */
import type { ComponentSpec } from '../../catalogue/types';
import type { Component, ComponentContext, ComponentFactory } from '../../component';
import type { BarEvent, Direction, IndicatorEvent, SignalAction } from '../../events';
import { type FeatureRef, FeatureStore, type FeatureValue, parseFeatureRef } from '../features';
import { decideEntry, type EntryMode } from './entry';
import { FAMILY_RULES } from './families';
import { RULES } from './rules';

type Params = Readonly<Record<string, unknown>>;

const ACTIONS: Readonly<Record<Direction, SignalAction>> = { 1: 'BUY', [-1]: 'SELL', 0: 'HOLD' };

/** The feature parameters of a component and what each refers to. */
export function featureRefs(spec: ComponentSpec, params: Params): Map<string, FeatureRef> {
  const refs = new Map<string, FeatureRef>();
  for (const [key, param] of Object.entries(spec.params)) {
    if (param.type !== 'feature') continue;
    const reference = typeof params[key] === 'string' ? (params[key] as string) : param.default;
    const parsed = parseFeatureRef(reference);
    refs.set(
      key,
      parsed.output === null && param.output ? { ...parsed, output: param.output } : parsed,
    );
  }
  return refs;
}

/**
 * Joins bars with the features of the same timestamp. Calls `evaluate` once per symbol and bar,
 * when the last of them arrives.
 */
export class BarFeatureJoin {
  readonly features = new FeatureStore();
  /**
   * Per symbol, its latest bar, the timestamp last evaluated (NaN before the first) and the
   * feature record of each reference once it exists (the store updates records in place, so one
   * found stays the one): one lookup per event, no number boxed for a Map per evaluation, and no
   * feature lookups by name to tell whether a bar is complete.
   */
  private readonly symbols = new Map<string, JoinState>();

  constructor(
    private readonly refs: readonly FeatureRef[],
    private readonly evaluate: (bar: BarEvent, ctx: ComponentContext) => void,
  ) {}

  onBar(bar: BarEvent, ctx: ComponentContext): void {
    const state = this.symbols.get(bar.symbol);
    if (state) state.bar = bar;
    else
      this.symbols.set(bar.symbol, {
        bar,
        evaluated: Number.NaN,
        found: new Array<FeatureValue | undefined>(this.refs.length).fill(undefined),
      });
    this.attempt(bar.symbol, ctx);
  }

  onIndicator(indicator: IndicatorEvent, ctx: ComponentContext): void {
    this.features.record(indicator);
    this.attempt(indicator.symbol, ctx);
  }

  private attempt(symbol: string, ctx: ComponentContext): void {
    const state = this.symbols.get(symbol);
    if (!state || state.evaluated === state.bar.timestamp) return;
    const bar = state.bar;
    if (!this.complete(symbol, state, bar.timestamp)) return;
    state.evaluated = bar.timestamp;
    this.evaluate(bar, ctx);
  }

  /** Whether every reference has a value for this timestamp (as FeatureStore.complete says). */
  private complete(symbol: string, state: JoinState, timestamp: number): boolean {
    const refs = this.refs;
    const found = state.found;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      let feature = found[i];
      if (feature === undefined) {
        feature = this.features.get(symbol, ref.name);
        if (feature === undefined) return false;
        found[i] = feature;
      }
      if (feature.timestamp !== timestamp) return false;
      if (ref.output !== null && feature.outputs[ref.output] === undefined) return false;
    }
    return true;
  }
}

interface JoinState {
  bar: BarEvent;
  evaluated: number;
  readonly found: (FeatureValue | undefined)[];
}

/** The TradingSignal a strategy emits when it moves to `direction` on a bar. */
export function signalPayload(
  bar: BarEvent,
  direction: Direction,
  strength: number,
  container: string,
) {
  return {
    symbol: bar.symbol,
    action: ACTIONS[direction],
    direction,
    strength,
    price: bar.close,
    price_target: null,
    stop_loss: null,
    strategy_id: container,
    regime_context: null,
  };
}

export function strategyFactory(spec: ComponentSpec): ComponentFactory<Params> {
  const rule = RULES[spec.id] ?? FAMILY_RULES[spec.id];
  if (!rule) throw new Error(`No rule for strategy ${spec.id}`);
  return (params, env) => {
    const refs = featureRefs(spec, params);
    const mode: EntryMode = params.entry === 'state' ? 'state' : 'cross';
    const held = new Map<string, Direction>();
    const zones = new Map<string, Direction | undefined>();
    let signals = 0;
    // One input object per container, pointed at the bar being evaluated: no closures per bar.
    let current: BarEvent | null = null;
    const input = {
      value: (param: string) =>
        join.features.number(current!.symbol, refs.get(param)!, current!.timestamp) ?? Number.NaN,
      outputs: (param: string) =>
        join.features.get(current!.symbol, refs.get(param)!.name)?.outputs ?? {},
      close: 0,
      params,
      previous: 0 as Direction,
    };
    const join = new BarFeatureJoin([...refs.values()], (bar, ctx) => {
      const previous = held.get(bar.symbol) ?? 0;
      current = bar;
      input.close = bar.close;
      input.previous = previous;
      const out = rule(input);
      const { direction, zone } = decideEntry(
        mode,
        previous,
        out.direction,
        out.zone,
        zones.get(bar.symbol),
      );
      zones.set(bar.symbol, zone);
      const strength = out.strength;
      if (direction === previous) return;
      held.set(bar.symbol, direction);
      signals++;
      ctx.emit('TradingSignal', signalPayload(bar, direction, strength, env.container), bar);
    });
    const component: Component = {
      consumes: ['BarEvent', 'IndicatorEvent'],
      onEvent(event, ctx) {
        ctx.forward(event);
        if (event.type === 'BarEvent') join.onBar(event, ctx);
        else if (event.type === 'IndicatorEvent') join.onIndicator(event, ctx);
      },
      snapshot: () => ({
        held: Object.fromEntries(held),
        zones: Object.fromEntries(zones),
        signals,
        features: join.features.snapshot(),
      }),
    };
    return component;
  };
}
