import type { ComponentSpec } from './types';
import { defineSpec } from './types';

export const period = (fallback: number, label = 'Period') =>
  ({
    type: 'integer',
    label,
    description: 'Number of bars in the window.',
    default: fallback,
    min: 1,
    max: 1000,
    unit: 'bars',
    key: true,
  }) as const;

export const priceSource = {
  type: 'enum',
  label: 'Price',
  description: 'Which price of the bar the indicator reads.',
  options: [
    { value: 'close', label: 'Close' },
    { value: 'open', label: 'Open' },
    { value: 'high', label: 'High' },
    { value: 'low', label: 'Low' },
    { value: 'hl2', label: '(High + Low) / 2' },
    { value: 'hlc3', label: '(High + Low + Close) / 3' },
    { value: 'ohlc4', label: '(Open + High + Low + Close) / 4' },
  ],
  default: 'close',
} as const;

/** Every indicator may be renamed; empty keeps the name built from its template. */
export const name = {
  type: 'string',
  label: 'Name',
  description:
    'The indicator_name its events carry, which strategies refer to. Empty uses the default (for example SMA_20).',
  default: '',
  pattern: '^([A-Za-z][A-Za-z0-9_]*)?$',
} as const;

export const indicatorEvents = { consumes: ['BarEvent'], emits: ['IndicatorEvent'] } as const;

export const sma = defineSpec({
  id: 'sma',
  kind: 'indicator',
  group: 'Moving averages',
  overlay: true,
  label: 'SMA',
  description: 'Simple moving average: the mean of the last N prices.',
  keywords: ['moving average', 'trend'],
  nameTemplate: 'SMA_{period}',
  outputs: ['value'],
  ...indicatorEvents,
  params: { period: period(20), source: priceSource, name },
});

export const ema = defineSpec({
  id: 'ema',
  kind: 'indicator',
  group: 'Moving averages',
  overlay: true,
  label: 'EMA',
  description:
    'Exponential moving average with alpha = 2 / (N + 1), seeded with the SMA of the first N prices.',
  keywords: ['moving average', 'trend', 'exponential'],
  nameTemplate: 'EMA_{period}',
  outputs: ['value'],
  ...indicatorEvents,
  params: { period: period(20), source: priceSource, name },
});

export const wma = defineSpec({
  id: 'wma',
  kind: 'indicator',
  group: 'Moving averages',
  overlay: true,
  label: 'WMA',
  description: 'Linearly weighted moving average: the newest price weighs N, the oldest 1.',
  keywords: ['moving average', 'weighted'],
  nameTemplate: 'WMA_{period}',
  outputs: ['value'],
  ...indicatorEvents,
  params: { period: period(20), source: priceSource, name },
});

export const rsi = defineSpec({
  id: 'rsi',
  kind: 'indicator',
  group: 'Oscillators',
  label: 'RSI',
  description: 'Relative strength index with Wilder smoothing, from 0 to 100.',
  keywords: ['oscillator', 'momentum', 'wilder'],
  nameTemplate: 'RSI_{period}',
  outputs: ['value'],
  levels: [30, 70],
  ...indicatorEvents,
  params: { period: period(14), source: priceSource, name },
});

export const macd = defineSpec({
  id: 'macd',
  kind: 'indicator',
  group: 'Trend',
  label: 'MACD',
  description: 'Fast EMA minus slow EMA, its signal line (an EMA of it) and the histogram.',
  keywords: ['moving average convergence divergence', 'momentum'],
  nameTemplate: 'MACD_{fast}_{slow}_{signal}',
  outputs: ['macd', 'signal', 'histogram'],
  ...indicatorEvents,
  params: {
    fast: period(12, 'Fast period'),
    slow: period(26, 'Slow period'),
    signal: period(9, 'Signal period'),
    source: priceSource,
    name,
  },
});

export const bollinger = defineSpec({
  id: 'bollinger',
  kind: 'indicator',
  group: 'Volatility',
  overlay: true,
  label: 'Bollinger Bands',
  description: 'SMA middle band with bands K population standard deviations above and below.',
  keywords: ['bands', 'volatility', 'bb'],
  nameTemplate: 'BB_{period}_{std_dev}',
  outputs: ['middle', 'upper', 'lower', 'bandwidth', 'percent_b'],
  priceOutputs: ['middle', 'upper', 'lower'],
  ...indicatorEvents,
  params: {
    period: period(20),
    std_dev: {
      type: 'number',
      label: 'Std devs',
      description: 'Band width in standard deviations.',
      default: 2,
      min: 0.1,
      max: 10,
      step: 0.1,
      key: true,
    },
    source: priceSource,
    name,
  },
});

export const atr = defineSpec({
  id: 'atr',
  kind: 'indicator',
  group: 'Volatility',
  label: 'ATR',
  description: 'Average true range with Wilder smoothing.',
  keywords: ['volatility', 'true range', 'wilder'],
  nameTemplate: 'ATR_{period}',
  outputs: ['value'],
  ...indicatorEvents,
  params: { period: period(14), name },
});

export const stochastic = defineSpec({
  id: 'stochastic',
  kind: 'indicator',
  group: 'Oscillators',
  label: 'Stochastic',
  description: 'Slow stochastic oscillator: %K smoothed over S bars and %D, its SMA over D bars.',
  keywords: ['oscillator', '%k', '%d'],
  nameTemplate: 'STOCH_{k_period}_{d_period}',
  outputs: ['k', 'd'],
  levels: [20, 80],
  ...indicatorEvents,
  params: {
    k_period: period(14, '%K period'),
    d_period: period(3, '%D period'),
    smooth: period(3, '%K smoothing'),
    name,
  },
});

export const donchian = defineSpec({
  id: 'donchian',
  kind: 'indicator',
  group: 'Volatility',
  overlay: true,
  label: 'Donchian Channel',
  description:
    'Highest high and lowest low of the N bars before this one (the current bar is excluded, so a breakout can be seen on its own bar).',
  keywords: ['channel', 'breakout', 'turtle'],
  nameTemplate: 'DC_{period}',
  outputs: ['middle', 'upper', 'lower'],
  ...indicatorEvents,
  params: { period: period(20), name },
});

export const keltner = defineSpec({
  id: 'keltner',
  kind: 'indicator',
  group: 'Volatility',
  overlay: true,
  label: 'Keltner Channel',
  description: 'EMA of the close with bands a multiple of the ATR above and below.',
  keywords: ['channel', 'volatility'],
  nameTemplate: 'KC_{period}_{multiplier}',
  outputs: ['middle', 'upper', 'lower'],
  ...indicatorEvents,
  params: {
    period: period(20),
    atr_period: period(10, 'ATR period'),
    multiplier: {
      type: 'number',
      label: 'Multiplier',
      description: 'Band width in ATRs.',
      default: 2,
      min: 0.1,
      max: 10,
      step: 0.1,
      key: true,
    },
    name,
  },
});

export const adx = defineSpec({
  id: 'adx',
  kind: 'indicator',
  group: 'Trend',
  label: 'ADX',
  description: 'Average directional index with +DI and -DI (Wilder).',
  keywords: ['trend strength', 'directional movement', 'dmi'],
  nameTemplate: 'ADX_{period}',
  outputs: ['adx', 'plus_di', 'minus_di'],
  levels: [25],
  ...indicatorEvents,
  params: { period: period(14), name },
});

export const obv = defineSpec({
  id: 'obv',
  kind: 'indicator',
  group: 'Volume',
  label: 'OBV',
  description: 'On-balance volume: volume added on up closes and subtracted on down closes.',
  keywords: ['volume'],
  nameTemplate: 'OBV',
  outputs: ['value'],
  ...indicatorEvents,
  params: { name },
});

export const vwap = defineSpec({
  id: 'vwap',
  kind: 'indicator',
  group: 'Volume',
  overlay: true,
  label: 'VWAP',
  description:
    'Volume-weighted average of the typical price, cumulative or reset each session (UTC day).',
  keywords: ['volume weighted average price', 'intraday'],
  nameTemplate: 'VWAP',
  outputs: ['value'],
  ...indicatorEvents,
  params: {
    reset: {
      type: 'enum',
      label: 'Reset',
      description: 'When the running sums start again.',
      options: [
        { value: 'session', label: 'Each session (UTC day)' },
        { value: 'never', label: 'Never (cumulative)' },
      ],
      default: 'session',
      key: true,
    },
    name,
  },
});

export const roc = defineSpec({
  id: 'roc',
  kind: 'indicator',
  group: 'Oscillators',
  label: 'ROC',
  description: 'Rate of change in percent over N bars: 100 × (price / price N bars ago − 1).',
  keywords: ['momentum', 'rate of change'],
  nameTemplate: 'ROC_{period}',
  outputs: ['value'],
  ...indicatorEvents,
  params: { period: period(10), source: priceSource, name },
});

/** The indicators defined in this file; the catalogue's full list is ALL_INDICATORS (index.ts). */
export const INDICATOR_COMPONENTS: readonly ComponentSpec[] = [
  sma,
  ema,
  wma,
  rsi,
  macd,
  bollinger,
  atr,
  stochastic,
  donchian,
  keltner,
  adx,
  obv,
  vwap,
  roc,
];
