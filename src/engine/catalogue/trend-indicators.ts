/** Trend indicators of the catalogue beyond MACD and ADX (see indicators.ts). */
import { indicatorEvents, name, period, priceSource } from './indicators';
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const trend = { kind: 'indicator', group: 'Trend', ...indicatorEvents } as const;

const multiplier = (fallback: number, description: string) =>
  ({
    type: 'number',
    label: 'Multiplier',
    description,
    default: fallback,
    min: 0.1,
    max: 20,
    step: 0.1,
    key: true,
  }) as const;

export const aroon = defineSpec({
  id: 'aroon',
  ...trend,
  label: 'Aroon',
  description:
    'How recent the highest high and the lowest low of the last N bars are: up and down from 0 to 100, and the oscillator up − down.',
  keywords: ['aroon oscillator', 'trend'],
  nameTemplate: 'AROON_{period}',
  outputs: ['oscillator', 'up', 'down'],
  params: { period: period(25), name },
});

export const psar = defineSpec({
  id: 'psar',
  ...trend,
  overlay: true,
  label: 'Parabolic SAR',
  description:
    "Wilder's stop and reverse: a stop that trails the price, accelerating at each new extreme; direction 1 while it is below the price.",
  keywords: ['parabolic', 'sar', 'stop and reverse', 'wilder', 'trailing'],
  nameTemplate: 'PSAR',
  outputs: ['value', 'direction'],
  params: {
    step: {
      type: 'number',
      label: 'Acceleration step',
      description: 'How much the acceleration factor grows at each new extreme.',
      default: 0.02,
      min: 0.001,
      max: 1,
      step: 0.01,
      key: true,
    },
    max: {
      type: 'number',
      label: 'Maximum acceleration',
      description: 'The largest acceleration factor.',
      default: 0.2,
      min: 0.01,
      max: 1,
      step: 0.01,
      key: true,
    },
    name,
  },
});

export const supertrend = defineSpec({
  id: 'supertrend',
  ...trend,
  overlay: true,
  label: 'Supertrend',
  description:
    'Bands a multiple of the ATR around (high + low) / 2 that only move with the trend; the trend turns when the close crosses the band. value is the band in force, direction 1 up or −1 down.',
  keywords: ['atr', 'trailing stop', 'trend following'],
  nameTemplate: 'SUPERTREND_{period}_{multiplier}',
  outputs: ['value', 'direction', 'upper', 'lower'],
  params: {
    period: period(10, 'ATR period'),
    multiplier: multiplier(3, 'Band distance in ATRs.'),
    name,
  },
});

export const ichimoku = defineSpec({
  id: 'ichimoku',
  ...trend,
  overlay: true,
  label: 'Ichimoku',
  description:
    'Conversion and base lines (midpoints of the high–low range over 9 and 26 bars), the cloud spans A and B as of this bar (not displaced), and the lagging close.',
  keywords: ['cloud', 'kumo', 'tenkan', 'kijun', 'senkou'],
  nameTemplate: 'ICHIMOKU_{conversion}_{base}_{span}',
  outputs: ['conversion', 'base', 'span_a', 'span_b', 'lagging'],
  params: {
    conversion: period(9, 'Conversion period'),
    base: period(26, 'Base period'),
    span: period(52, 'Span B period'),
    name,
  },
});

export const vortex = defineSpec({
  id: 'vortex',
  ...trend,
  label: 'Vortex',
  description:
    'VI+ and VI−: upward and downward movement (|high − previous low|, |low − previous high|) over the true range of N bars.',
  keywords: ['vi', 'vortex indicator', 'trend'],
  nameTemplate: 'VORTEX_{period}',
  outputs: ['plus', 'minus', 'difference'],
  params: { period: period(14), name },
});

export const dema = defineSpec({
  id: 'dema',
  kind: 'indicator',
  group: 'Moving averages',
  ...indicatorEvents,
  overlay: true,
  label: 'DEMA',
  description: 'Double exponential moving average: 2 × EMA − EMA of the EMA, with less lag.',
  keywords: ['moving average', 'double exponential'],
  nameTemplate: 'DEMA_{period}',
  outputs: ['value'],
  params: { period: period(20), source: priceSource, name },
});

export const tema = defineSpec({
  id: 'tema',
  kind: 'indicator',
  group: 'Moving averages',
  ...indicatorEvents,
  overlay: true,
  label: 'TEMA',
  description: 'Triple exponential moving average: 3 × EMA − 3 × EMA² + EMA³, with less lag still.',
  keywords: ['moving average', 'triple exponential'],
  nameTemplate: 'TEMA_{period}',
  outputs: ['value'],
  params: { period: period(20), source: priceSource, name },
});

export const TREND_INDICATORS: readonly ComponentSpec[] = [
  dema,
  tema,
  aroon,
  psar,
  supertrend,
  ichimoku,
  vortex,
];
