import type { ComponentSpec } from './types';
import { defineSpec } from './types';

export const feature = (
  label: string,
  accepts: readonly string[],
  fallback: string,
  description: string,
) => ({ type: 'feature', label, description, accepts, default: fallback, key: true }) as const;

/**
 * When a strategy takes a position (strategies/entry.ts): on the bar its entry condition becomes
 * true, as the peers' crossover functions do, or on any bar it holds. Exits never wait.
 */
export const entry = (cross: string, state: string) =>
  ({
    type: 'enum',
    label: 'Entry',
    description: `When a position is taken. On the cross: ${cross} (as backtrader, backtesting.py and TradingView). While it holds: ${state}, so a position can open on the first bar after warm-up. Exits never wait for a cross.`,
    options: [
      { value: 'cross', label: 'On the cross' },
      { value: 'state', label: 'While it holds (from the first bar)' },
    ],
    default: 'cross',
  }) as const;

const crossEntry = (line: string, other: string) =>
  entry(
    `only on the bar where the ${line} crosses the ${other}`,
    `whenever the ${line} is above or below the ${other}`,
  );

export const strategyEvents = {
  consumes: ['BarEvent', 'IndicatorEvent'],
  emits: ['TradingSignal'],
} as const;

export const smaCrossover = defineSpec({
  id: 'sma_crossover',
  kind: 'strategy',
  label: 'SMA crossover',
  description:
    'Long from the bar the fast SMA crosses above the slow SMA, short (or flat) from the bar it crosses below.',
  keywords: ['trend following', 'moving average', 'golden cross'],
  ...strategyEvents,
  params: {
    fast: feature('Fast SMA', ['sma'], 'SMA_10', 'The faster moving average.'),
    slow: feature('Slow SMA', ['sma'], 'SMA_20', 'The slower moving average.'),
    entry: crossEntry('fast average', 'slow one'),
  },
});

export const emaCrossover = defineSpec({
  id: 'ema_crossover',
  kind: 'strategy',
  label: 'EMA crossover',
  description:
    'Long from the bar the fast EMA crosses above the slow EMA, short (or flat) from the bar it crosses below.',
  keywords: ['trend following', 'moving average'],
  ...strategyEvents,
  params: {
    fast: feature('Fast EMA', ['ema'], 'EMA_12', 'The faster moving average.'),
    slow: feature('Slow EMA', ['ema'], 'EMA_26', 'The slower moving average.'),
    entry: crossEntry('fast average', 'slow one'),
  },
});

export const macdCrossover = defineSpec({
  id: 'macd_crossover',
  kind: 'strategy',
  label: 'MACD crossover',
  description:
    'Long from the bar the MACD line crosses above its signal line, short (or flat) from the bar it crosses below.',
  keywords: ['momentum', 'trend'],
  ...strategyEvents,
  params: {
    macd: feature('MACD', ['macd'], 'MACD_12_26_9', 'The MACD indicator to read.'),
    entry: crossEntry('MACD line', 'signal line'),
  },
});

export const rsiThreshold = defineSpec({
  id: 'rsi_threshold',
  kind: 'strategy',
  label: 'RSI threshold',
  description:
    'Mean reversion on RSI: long when RSI falls below the oversold level, short when it rises above the overbought level, flat once RSI is back past the exit level.',
  keywords: ['mean reversion', 'oscillator', 'oversold', 'overbought'],
  ...strategyEvents,
  params: {
    rsi: feature('RSI', ['rsi'], 'RSI_14', 'The RSI indicator to read.'),
    oversold: {
      type: 'number',
      label: 'Oversold',
      description: 'Go long when RSI falls below this level.',
      default: 30,
      min: 0,
      max: 100,
      key: true,
    },
    overbought: {
      type: 'number',
      label: 'Overbought',
      description: 'Go short when RSI rises above this level.',
      default: 70,
      min: 0,
      max: 100,
      key: true,
    },
    exit_level: {
      type: 'number',
      label: 'Exit level',
      description: 'Close the position when RSI crosses back over this level.',
      default: 50,
      min: 0,
      max: 100,
    },
    entry: entry(
      'only on the bar where RSI crosses below the oversold level (or above the overbought one)',
      'on any bar RSI is below the oversold level (or above the overbought one)',
    ),
  },
});

export const bollingerMeanReversion = defineSpec({
  id: 'bollinger_mean_reversion',
  kind: 'strategy',
  label: 'Bollinger mean reversion',
  description:
    'Long when the close falls below the lower band, short when it rises above the upper band, flat once it returns to the middle band.',
  keywords: ['mean reversion', 'bands'],
  ...strategyEvents,
  params: {
    bands: feature('Bands', ['bollinger'], 'BB_20_2', 'The Bollinger Bands to read.'),
    entry: entry(
      'only on the bar where the close moves outside a band',
      'on any bar the close is outside a band',
    ),
  },
});

export const donchianBreakout = defineSpec({
  id: 'donchian_breakout',
  kind: 'strategy',
  label: 'Donchian breakout',
  description:
    'Long when the close breaks above the channel, short when it breaks below; holds until the opposite breakout.',
  keywords: ['breakout', 'channel', 'turtle', 'trend following'],
  ...strategyEvents,
  params: {
    channel: feature('Channel', ['donchian'], 'DC_20', 'The Donchian channel to read.'),
    entry: entry(
      'only on a breakout bar whose previous close was inside the channel',
      'on any bar that closes beyond the channel',
    ),
  },
});

export const momentum = defineSpec({
  id: 'momentum',
  kind: 'strategy',
  label: 'Momentum',
  description:
    'Long when the rate of change rises above the threshold, short when it falls below minus the threshold, flat once it is back in between.',
  keywords: ['momentum', 'roc', 'trend'],
  ...strategyEvents,
  params: {
    roc: feature('ROC', ['roc'], 'ROC_10', 'The rate of change to read.'),
    threshold: {
      type: 'number',
      label: 'Threshold',
      description: 'Rate of change (percent) needed to take a position.',
      default: 0,
      min: 0,
      max: 100,
      step: 0.1,
      unit: '%',
      key: true,
    },
    entry: entry(
      'only on the bar where the rate of change crosses the threshold',
      'on any bar the rate of change is beyond the threshold',
    ),
  },
});

export const STRATEGY_COMPONENTS: readonly ComponentSpec[] = [
  smaCrossover,
  emaCrossover,
  macdCrossover,
  rsiThreshold,
  bollingerMeanReversion,
  donchianBreakout,
  momentum,
];
