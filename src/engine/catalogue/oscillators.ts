/** Oscillators of the indicator catalogue beyond RSI and the stochastic (see indicators.ts). */
import { indicatorEvents, name, period, priceSource } from './indicators';
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const oscillator = { kind: 'indicator', group: 'Oscillators', ...indicatorEvents } as const;

export const cci = defineSpec({
  id: 'cci',
  ...oscillator,
  label: 'CCI',
  description:
    'Commodity channel index: (typical price − its SMA) / (0.015 × its mean absolute deviation) over N bars; ±100 marks unusual moves.',
  keywords: ['commodity channel index', 'oversold', 'overbought'],
  nameTemplate: 'CCI_{period}',
  outputs: ['value'],
  params: { period: period(20), name },
});

export const williamsR = defineSpec({
  id: 'williams_r',
  ...oscillator,
  label: 'Williams %R',
  description:
    '−100 × (highest high − close) / (highest high − lowest low) over N bars: from −100 (at the low) to 0 (at the high).',
  keywords: ['williams', 'percent r', '%r', 'oversold', 'overbought'],
  nameTemplate: 'WILLR_{period}',
  outputs: ['value'],
  params: { period: period(14), name },
});

export const mfi = defineSpec({
  id: 'mfi',
  ...oscillator,
  label: 'MFI',
  description:
    'Money flow index: the share of money flow (typical price × volume) on rising bars over N bars, 0 to 100; a volume-weighted RSI.',
  keywords: ['money flow index', 'volume', 'oversold', 'overbought'],
  nameTemplate: 'MFI_{period}',
  outputs: ['value'],
  params: { period: period(14), name },
});

export const ultimateOscillator = defineSpec({
  id: 'ultimate_oscillator',
  ...oscillator,
  label: 'Ultimate oscillator',
  description:
    'Buying pressure (close − the lower of low and previous close) over true range on three windows, weighted 4:2:1, 0 to 100.',
  keywords: ['uo', 'ultosc', 'larry williams'],
  nameTemplate: 'UO_{fast}_{medium}_{slow}',
  outputs: ['value'],
  params: {
    fast: period(7, 'Fast period'),
    medium: period(14, 'Medium period'),
    slow: period(28, 'Slow period'),
    name,
  },
});

export const stochRsi = defineSpec({
  id: 'stoch_rsi',
  ...oscillator,
  label: 'Stochastic RSI',
  description:
    'The stochastic of RSI within its own range over N bars: %K (smoothed by an SMA) and %D, its SMA; 0 to 100.',
  keywords: ['stochrsi', 'oscillator', 'rsi'],
  nameTemplate: 'STOCHRSI_{rsi_period}_{stoch_period}',
  outputs: ['k', 'd'],
  params: {
    rsi_period: period(14, 'RSI period'),
    stoch_period: period(14, 'Stochastic period'),
    smooth_k: period(3, '%K smoothing'),
    smooth_d: period(3, '%D period'),
    name,
  },
});

export const trix = defineSpec({
  id: 'trix',
  ...oscillator,
  label: 'TRIX',
  description: 'The one-bar rate of change, in percent, of a triple exponential moving average.',
  keywords: ['triple exponential', 'momentum'],
  nameTemplate: 'TRIX_{period}',
  outputs: ['value'],
  params: { period: period(15), source: priceSource, name },
});

export const cmo = defineSpec({
  id: 'cmo',
  ...oscillator,
  label: 'CMO',
  description:
    'Chande momentum oscillator: 100 × (gains − losses) / (gains + losses), smoothed as RSI; −100 to 100.',
  keywords: ['chande', 'momentum oscillator'],
  nameTemplate: 'CMO_{period}',
  outputs: ['value'],
  params: { period: period(14), source: priceSource, name },
});

export const awesomeOscillator = defineSpec({
  id: 'awesome_oscillator',
  ...oscillator,
  label: 'Awesome oscillator',
  description: 'SMA(5) − SMA(34) of the median price (high + low) / 2 (Bill Williams).',
  keywords: ['ao', 'bill williams', 'momentum'],
  nameTemplate: 'AO_{fast}_{slow}',
  outputs: ['value'],
  params: { fast: period(5, 'Fast period'), slow: period(34, 'Slow period'), name },
});

export const OSCILLATOR_COMPONENTS: readonly ComponentSpec[] = [
  cci,
  williamsR,
  mfi,
  ultimateOscillator,
  stochRsi,
  trix,
  cmo,
  awesomeOscillator,
];
