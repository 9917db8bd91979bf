/**
 * Strategies as pure functions: given the features a strategy reads, the bar and the direction it
 * held before, say which direction to hold now (1 long, -1 short, 0 flat) and how strongly (0..1).
 * The previous direction is an input, not state: rules with an exit level or a breakout that
 * holds need it, and a function of its inputs is easy to test and to trust.
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
}

export type Rule = (input: RuleInput) => RuleOutput;

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const num = (params: Readonly<Record<string, unknown>>, key: string) => Number(params[key]);

/** Fast above slow: long; below: short; equal: keep. A 2% gap is full strength. */
const crossover: Rule = ({ value, previous }) => {
  const fast = value('fast');
  const slow = value('slow');
  const direction: Direction = fast > slow ? 1 : fast < slow ? -1 : previous;
  return { direction, strength: clamp01((50 * Math.abs(fast - slow)) / Math.abs(slow)) };
};

export const RULES: Readonly<Record<string, Rule>> = {
  sma_crossover: crossover,
  ema_crossover: crossover,

  /** MACD above its signal: long; below: short. A histogram of 0.5% of price is full strength. */
  macd_crossover: ({ outputs, close, previous }) => {
    const { macd = 0, signal = 0 } = outputs('macd');
    const direction: Direction = macd > signal ? 1 : macd < signal ? -1 : previous;
    return { direction, strength: clamp01(Math.abs(macd - signal) / (0.005 * close)) };
  },

  /** Long below oversold, short above overbought, flat once RSI crosses back over the exit level. */
  rsi_threshold: ({ value, params, previous }) => {
    const rsi = value('rsi');
    const oversold = num(params, 'oversold');
    const overbought = num(params, 'overbought');
    const exit = num(params, 'exit_level');
    if (rsi < oversold)
      return { direction: 1, strength: clamp01((oversold - rsi) / Math.max(1, oversold) + 0.5) };
    if (rsi > overbought) {
      return {
        direction: -1,
        strength: clamp01((rsi - overbought) / Math.max(1, 100 - overbought) + 0.5),
      };
    }
    if ((previous === 1 && rsi >= exit) || (previous === -1 && rsi <= exit))
      return { direction: 0, strength: 1 };
    return { direction: previous, strength: 0.5 };
  },

  /** Long below the lower band, short above the upper, flat back at the middle band. */
  bollinger_mean_reversion: ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN, middle = Number.NaN } = outputs('bands');
    const width = upper - lower;
    if (close < lower) return { direction: 1, strength: clamp01(0.5 + (lower - close) / width) };
    if (close > upper) return { direction: -1, strength: clamp01(0.5 + (close - upper) / width) };
    if ((previous === 1 && close >= middle) || (previous === -1 && close <= middle))
      return { direction: 0, strength: 1 };
    return { direction: previous, strength: 0.5 };
  },

  /** Long on a close above the channel, short on a close below; hold until the opposite breakout. */
  donchian_breakout: ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN } = outputs('channel');
    const width = upper - lower;
    if (close > upper)
      return { direction: 1, strength: clamp01(0.5 + (4 * (close - upper)) / width) };
    if (close < lower)
      return { direction: -1, strength: clamp01(0.5 + (4 * (lower - close)) / width) };
    return { direction: previous, strength: 0.5 };
  },

  /** Long while ROC is above the threshold, short below minus it, flat in between. */
  momentum: ({ value, params }) => {
    const roc = value('roc');
    const threshold = num(params, 'threshold');
    const strength = clamp01(Math.abs(roc) / (2 * threshold + 2));
    if (roc > threshold) return { direction: 1, strength };
    if (roc < -threshold) return { direction: -1, strength };
    return { direction: 0, strength: 1 - strength };
  },
};
