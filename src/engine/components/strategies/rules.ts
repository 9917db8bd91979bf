/**
 * Strategies as pure functions: given the features a strategy reads, the bar and the direction it
 * held before, say which direction to hold now (1 long, -1 short, 0 flat) and how strongly (0..1).
 * The previous direction is an input, not state: rules with an exit level or a breakout that
 * holds need it, and a function of its inputs is easy to test and to trust.
 *
 * The entry convention (docs/engine-semantics.md, "Entries: on the cross or while it holds"): each
 * rule also says which side its entry condition points to on this bar, its `zone` (1 when the long
 * entry condition holds, -1 the short one, 0 neither, null when this bar cannot tell, as a tie
 * between two crossing lines). The strategy container enters only on the bar where the zone turns
 * to a side (`entry: cross`, the default, as backtrader's CrossOver, backtesting.py's crossover()
 * and TradingView's ta.crossover do), or whenever the rule points there (`entry: state`, holding
 * the state from the first bar). Exits never wait for a cross. A new rule returns its zone and gets
 * both modes for free.
 */
import type { Direction } from '../../events';

export interface RuleInput {
  /** The number each feature parameter refers to (its output, or the primary value). */
  readonly value: (param: string) => number;
  /** All outputs of the indicator a feature parameter refers to. */
  readonly outputs: (param: string) => Readonly<Record<string, number>>;
  readonly close: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly previous: Direction;
}

export interface RuleOutput {
  readonly direction: Direction;
  readonly strength: number;
  /**
   * The side the entry condition points to on this bar (1 long, -1 short, 0 neither), or null when
   * the bar cannot tell (two lines exactly equal): the zone before it then still holds.
   */
  readonly zone: Direction | null;
}

export type Rule = (input: RuleInput) => RuleOutput;

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const num = (params: Readonly<Record<string, unknown>>, key: string) => Number(params[key]);

/** The side of `a` against `b`, null when equal (a tie says nothing about a cross). */
const sideOf = (a: number, b: number): Direction | null => (a > b ? 1 : a < b ? -1 : null);

/** Fast above slow: long; below: short; equal: keep. A 2% gap is full strength. */
const crossover: Rule = ({ value, previous }) => {
  const fast = value('fast');
  const slow = value('slow');
  const zone = sideOf(fast, slow);
  return {
    direction: zone ?? previous,
    strength: clamp01((50 * Math.abs(fast - slow)) / Math.abs(slow)),
    zone,
  };
};

/** 1 above the upper level, -1 below the lower one, 0 between. */
const band = (value: number, low: number, high: number): Direction =>
  value < low ? 1 : value > high ? -1 : 0;

export const RULES: Readonly<Record<string, Rule>> = {
  sma_crossover: crossover,
  ema_crossover: crossover,

  /** MACD above its signal: long; below: short. A histogram of 0.5% of price is full strength. */
  macd_crossover: ({ outputs, close, previous }) => {
    const { macd = 0, signal = 0 } = outputs('macd');
    const zone = sideOf(macd, signal);
    return {
      direction: zone ?? previous,
      strength: clamp01(Math.abs(macd - signal) / (0.005 * close)),
      zone,
    };
  },

  /** Long below oversold, short above overbought, flat once RSI crosses back over the exit level. */
  rsi_threshold: ({ value, params, previous }) => {
    const rsi = value('rsi');
    const oversold = num(params, 'oversold');
    const overbought = num(params, 'overbought');
    const exit = num(params, 'exit_level');
    const zone = band(rsi, oversold, overbought);
    if (zone === 1)
      return {
        direction: 1,
        strength: clamp01((oversold - rsi) / Math.max(1, oversold) + 0.5),
        zone,
      };
    if (zone === -1) {
      return {
        direction: -1,
        strength: clamp01((rsi - overbought) / Math.max(1, 100 - overbought) + 0.5),
        zone,
      };
    }
    if ((previous === 1 && rsi >= exit) || (previous === -1 && rsi <= exit))
      return { direction: 0, strength: 1, zone };
    return { direction: previous, strength: 0.5, zone };
  },

  /** Long below the lower band, short above the upper, flat back at the middle band. */
  bollinger_mean_reversion: ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN, middle = Number.NaN } = outputs('bands');
    const width = upper - lower;
    const zone = band(close, lower, upper);
    if (zone === 1) return { direction: 1, strength: clamp01(0.5 + (lower - close) / width), zone };
    if (zone === -1)
      return { direction: -1, strength: clamp01(0.5 + (close - upper) / width), zone };
    if ((previous === 1 && close >= middle) || (previous === -1 && close <= middle))
      return { direction: 0, strength: 1, zone };
    return { direction: previous, strength: 0.5, zone };
  },

  /** Long on a close above the channel, short on a close below; hold until the opposite breakout. */
  donchian_breakout: ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN } = outputs('channel');
    const width = upper - lower;
    if (close > upper)
      return { direction: 1, strength: clamp01(0.5 + (4 * (close - upper)) / width), zone: 1 };
    if (close < lower)
      return { direction: -1, strength: clamp01(0.5 + (4 * (lower - close)) / width), zone: -1 };
    return { direction: previous, strength: 0.5, zone: 0 };
  },

  /** Long while ROC is above the threshold, short below minus it, flat in between. */
  momentum: ({ value, params }) => {
    const roc = value('roc');
    const threshold = num(params, 'threshold');
    const strength = clamp01(Math.abs(roc) / (2 * threshold + 2));
    const zone: Direction = roc > threshold ? 1 : roc < -threshold ? -1 : 0;
    if (zone !== 0) return { direction: zone, strength, zone };
    return { direction: 0, strength: 1 - strength, zone };
  },
};
