import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const feature = (
  label: string,
  accepts: readonly string[],
  fallback: string,
  description: string,
) => ({ type: 'feature', label, description, accepts, default: fallback, key: true }) as const;

const strategyEvents = {
  consumes: ['BarEvent', 'IndicatorEvent'],
  emits: ['TradingSignal'],
} as const;

export const smaCrossover = defineSpec({
  id: 'sma_crossover',
  kind: 'strategy',
  label: 'SMA crossover',
  description: 'Long while the fast SMA is above the slow SMA, short (or flat) while below.',
  keywords: ['trend following', 'moving average', 'golden cross'],
  ...strategyEvents,
  params: {
    fast: feature('Fast SMA', ['sma'], 'SMA_10', 'The faster moving average.'),
    slow: feature('Slow SMA', ['sma'], 'SMA_20', 'The slower moving average.'),
  },
});

export const emaCrossover = defineSpec({
  id: 'ema_crossover',
  kind: 'strategy',
  label: 'EMA crossover',
  description: 'Long while the fast EMA is above the slow EMA, short (or flat) while below.',
  keywords: ['trend following', 'moving average'],
  ...strategyEvents,
  params: {
    fast: feature('Fast EMA', ['ema'], 'EMA_12', 'The faster moving average.'),
    slow: feature('Slow EMA', ['ema'], 'EMA_26', 'The slower moving average.'),
  },
});

export const macdCrossover = defineSpec({
  id: 'macd_crossover',
  kind: 'strategy',
  label: 'MACD crossover',
  description: 'Long while the MACD line is above its signal line, short (or flat) while below.',
  keywords: ['momentum', 'trend'],
  ...strategyEvents,
  params: {
    macd: feature('MACD', ['macd'], 'MACD_12_26_9', 'The MACD indicator to read.'),
  },
});

export const rsiThreshold = defineSpec({
  id: 'rsi_threshold',
  kind: 'strategy',
  label: 'RSI threshold',
  description:
    'Mean reversion on RSI: long below the oversold level, short above the overbought level, flat once RSI is back past the exit level.',
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
  },
});

export const bollingerMeanReversion = defineSpec({
  id: 'bollinger_mean_reversion',
  kind: 'strategy',
  label: 'Bollinger mean reversion',
  description:
    'Long when the close is below the lower band, short above the upper band, flat once it returns to the middle band.',
  keywords: ['mean reversion', 'bands'],
  ...strategyEvents,
  params: {
    bands: feature('Bands', ['bollinger'], 'BB_20_2', 'The Bollinger Bands to read.'),
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
  },
});

export const momentum = defineSpec({
  id: 'momentum',
  kind: 'strategy',
  label: 'Momentum',
  description:
    'Long while the rate of change is above the threshold, short while it is below minus the threshold, flat in between.',
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
