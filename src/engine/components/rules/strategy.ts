/**
 * The rule strategy: the user's own entry and exit conditions. On every bar (once each indicator it
 * reads has a value for that bar) it evaluates all four conditions and the strength, then moves
 * between flat, long and short:
 *
 * - flat: long entry → long; else short entry → short (both at once: long);
 * - long: short entry → short (a reversal); else long exit → flat;
 * - short: long entry → long; else short exit → flat.
 *
 * Like every strategy it emits a TradingSignal only when its direction changes. `position`,
 * `bars_in_position` and `entry_price` are the strategy's own (its signals), not the portfolio's
 * fills; `regime` is the classifier's current regime for the symbol.
 */

import type { Component, ComponentFactory } from '../../component';
import { type SeriesFrame, type SeriesProgram, type SeriesState, truthy } from '../../condition';
import type { BarEvent, Direction } from '../../events';
import { BarFeatureJoin, signalPayload } from '../strategies/component';
import { compileRule, featuresOf, isNumber } from './program';

type Params = Readonly<Record<string, unknown>>;

const CONDITIONS = ['long_entry', 'long_exit', 'short_entry', 'short_exit'] as const;

interface SymbolState {
  direction: Direction;
  bars: number;
  entry: number | null;
  readonly windows: SeriesState[];
}

export const ruleStrategyFactory: ComponentFactory<Params> = (params, env) => {
  const text = (key: string) =>
    typeof params[key] === 'string' ? (params[key] as string).trim() : '';
  const conditions: (SeriesProgram | null)[] = CONDITIONS.map((key) =>
    text(key) ? compileRule(text(key), 'strategy') : null,
  );
  const strength = compileRule(text('strength') || '1', 'strategy');
  const programs = [...conditions.filter((p): p is SeriesProgram => p !== null), strength];
  const classifier = text('classifier');
  const symbols = new Map<string, SymbolState>();
  let signals = 0;
  let current: BarEvent | null = null;
  const frame: SeriesFrame = {
    bar: { open: 0, high: 0, low: 0, close: 0, volume: 0 },
    feature: (name, output) =>
      join.features.number(current!.symbol, { name, output }, current!.timestamp),
    position: 0,
    bars_in_position: 0,
    entry_price: null,
    regime: null,
  };
  const join = new BarFeatureJoin(featuresOf(programs), (bar, ctx) => {
    let state = symbols.get(bar.symbol);
    if (!state) {
      state = { direction: 0, bars: 0, entry: null, windows: programs.map((p) => p.createState()) };
      symbols.set(bar.symbol, state);
    }
    current = bar;
    frame.bar = bar;
    frame.position = state.direction;
    frame.bars_in_position = state.bars;
    frame.entry_price = state.entry;
    frame.regime = classifier ? (ctx.published(classifier, bar.symbol) ?? null) : null;
    // Every program on every bar, so each one's windows (close[1], crosses_above) see every bar.
    let w = 0;
    const holds = conditions.map((program) =>
      program ? truthy(program.evaluate(frame, state.windows[w++]!)) : false,
    );
    const raw = strength.evaluate(frame, state.windows[w]!);
    const [longEntry, longExit, shortEntry, shortExit] = holds as [
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    const held = state.direction;
    let next: Direction = held;
    if (held === 0) next = longEntry ? 1 : shortEntry ? -1 : 0;
    else if (held === 1) next = shortEntry ? -1 : longExit ? 0 : 1;
    else next = longEntry ? 1 : shortExit ? 0 : -1;
    if (next === held) {
      if (held !== 0) state.bars++;
      return;
    }
    state.direction = next;
    state.bars = 0;
    state.entry = next === 0 ? null : bar.close;
    signals++;
    const value = isNumber(raw) ? Math.min(1, Math.max(0, raw)) : 0;
    ctx.emit('TradingSignal', signalPayload(bar, next, next === 0 ? 1 : value, env.container), bar);
  });
  const component: Component = {
    consumes: ['BarEvent', 'IndicatorEvent'],
    onEvent(event, ctx) {
      ctx.forward(event);
      if (event.type === 'BarEvent') join.onBar(event, ctx);
      else if (event.type === 'IndicatorEvent') join.onIndicator(event, ctx);
    },
    snapshot: () => ({
      held: Object.fromEntries([...symbols].map(([symbol, s]) => [symbol, s.direction])),
      signals,
      features: join.features.snapshot(),
    }),
  };
  return component;
};
