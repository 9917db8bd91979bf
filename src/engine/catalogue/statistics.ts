/** Statistics, volume and market-structure indicators of the catalogue. */
import { indicatorEvents, name, period, priceSource } from './indicators';
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

export const stddev = defineSpec({
  id: 'stddev',
  kind: 'indicator',
  group: 'Statistics',
  ...indicatorEvents,
  label: 'Standard deviation',
  description: 'Population standard deviation of the last N prices.',
  keywords: ['volatility', 'std', 'sigma', 'deviation'],
  nameTemplate: 'STDDEV_{period}',
  outputs: ['value'],
  params: { period: period(20), source: priceSource, name },
});

export const zscore = defineSpec({
  id: 'zscore',
  kind: 'indicator',
  group: 'Statistics',
  ...indicatorEvents,
  label: 'Z-score',
  description:
    'How many standard deviations the price is from its N-bar mean: (price − mean) / standard deviation.',
  keywords: ['z score', 'standard score', 'mean reversion', 'normalised'],
  nameTemplate: 'ZSCORE_{period}',
  outputs: ['value', 'mean', 'sd'],
  params: { period: period(20), source: priceSource, name },
});

export const linreg = defineSpec({
  id: 'linreg',
  kind: 'indicator',
  group: 'Statistics',
  ...indicatorEvents,
  label: 'Linear regression',
  description:
    'The least-squares line through the last N prices: its slope per bar, its value at this bar, and the slope in percent of that value.',
  keywords: ['linear regression slope', 'least squares', 'trend', 'slope'],
  nameTemplate: 'LINREG_{period}',
  outputs: ['slope', 'value', 'slope_pct'],
  params: { period: period(20), source: priceSource, name },
});

export const accumulationDistribution = defineSpec({
  id: 'accumulation_distribution',
  kind: 'indicator',
  group: 'Volume',
  ...indicatorEvents,
  label: 'Accumulation/Distribution',
  description:
    'The running sum of volume weighted by where the close sits in the bar’s range (+1 at the high, −1 at the low).',
  keywords: ['ad', 'adl', 'chaikin', 'volume'],
  nameTemplate: 'AD',
  outputs: ['value'],
  params: { name },
});

export const chaikinMoneyFlow = defineSpec({
  id: 'chaikin_money_flow',
  kind: 'indicator',
  group: 'Volume',
  ...indicatorEvents,
  label: 'Chaikin money flow',
  description:
    'Money flow volume (volume weighted by the close’s place in the range) over total volume of N bars, −1 to 1.',
  keywords: ['cmf', 'chaikin', 'volume', 'accumulation'],
  nameTemplate: 'CMF_{period}',
  outputs: ['value'],
  params: { period: period(20), name },
});

export const pivotPoints = defineSpec({
  id: 'pivot_points',
  kind: 'indicator',
  group: 'Structure',
  ...indicatorEvents,
  overlay: true,
  label: 'Pivot points',
  description:
    'Classic floor pivots from the previous period’s high, low and close: the pivot P, resistances R1–R3 and supports S1–S3.',
  keywords: ['pivot', 'support', 'resistance', 'floor'],
  nameTemplate: 'PIVOTS',
  outputs: ['pivot', 'r1', 's1', 'r2', 's2', 'r3', 's3'],
  params: {
    period: {
      type: 'enum',
      label: 'From the previous',
      description:
        'Bar (ADMF-PC’s definition: the previous day on daily bars) or UTC day (for intraday bars).',
      options: [
        { value: 'bar', label: 'Bar' },
        { value: 'day', label: 'Day (UTC)' },
      ],
      default: 'bar',
      key: true,
    },
    name,
  },
});

export const STATISTICS_INDICATORS: readonly ComponentSpec[] = [
  stddev,
  zscore,
  linreg,
  accumulationDistribution,
  chaikinMoneyFlow,
  pivotPoints,
];
