import { SAMPLE_SETS } from './samples';
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const dateRange = {
  start_date: {
    type: 'string',
    label: 'From',
    description: 'First date to run (YYYY-MM-DD); empty runs from the first bar.',
    default: '',
    placeholder: 'YYYY-MM-DD',
    pattern: '^(\\d{4}-\\d{2}-\\d{2})?$',
  },
  end_date: {
    type: 'string',
    label: 'To',
    description: 'Last date to run (YYYY-MM-DD); empty runs to the last bar.',
    default: '',
    placeholder: 'YYYY-MM-DD',
    pattern: '^(\\d{4}-\\d{2}-\\d{2})?$',
  },
} as const;

export const sampleBars = defineSpec({
  id: 'sample_bars',
  kind: 'data',
  label: 'Sample data',
  description: 'Bars from one of the sample sets shipped with Flow Studio.',
  consumes: [],
  emits: ['BarEvent'],
  keywords: ['bars', 'ohlcv', 'market data'],
  params: {
    sample: {
      type: 'enum',
      label: 'Sample set',
      description: 'Which shipped bar series to replay.',
      options: SAMPLE_SETS.map(({ value, label }) => ({ value, label })),
      default: SAMPLE_SETS[0].value,
      key: true,
    },
    ...dateRange,
  },
});

export const syntheticBars = defineSpec({
  id: 'synthetic_bars',
  kind: 'data',
  label: 'Synthetic data',
  description:
    'Seeded random bars with trending, ranging and volatile regimes: the same seed gives the same bars.',
  consumes: [],
  emits: ['BarEvent'],
  keywords: ['generator', 'random', 'simulated'],
  params: {
    symbols: {
      type: 'string',
      label: 'Symbols',
      description: 'Comma-separated symbols; each gets its own series.',
      default: 'SYN',
      pattern: '^[A-Za-z0-9_.-]+(\\s*,\\s*[A-Za-z0-9_.-]+)*$',
      key: true,
    },
    regime: {
      type: 'enum',
      label: 'Regime',
      description: 'The market the generator draws.',
      options: [
        { value: 'mixed', label: 'Mixed (switches regimes)' },
        { value: 'trending', label: 'Trending' },
        { value: 'ranging', label: 'Ranging' },
        { value: 'volatile', label: 'Volatile' },
      ],
      default: 'mixed',
      key: true,
    },
    interval: {
      type: 'enum',
      label: 'Interval',
      description: 'Time between bars.',
      options: [
        { value: '1d', label: 'Daily' },
        { value: '1h', label: 'Hourly' },
        { value: '5m', label: '5 minutes' },
        { value: '1m', label: '1 minute' },
      ],
      default: '1d',
    },
    bars: {
      type: 'integer',
      label: 'Bars',
      description: 'Number of bars per symbol.',
      default: 1260,
      min: 10,
      max: 5_000_000,
    },
    seed: {
      type: 'integer',
      label: 'Seed',
      description: 'Random seed; the same seed gives the same bars.',
      default: 42,
      min: 0,
      max: 2_147_483_647,
    },
    start_price: {
      type: 'number',
      label: 'Start price',
      description: 'Price of the first bar.',
      default: 100,
      min: 0.01,
    },
    start_date: {
      type: 'string',
      label: 'Start date',
      description: 'Date of the first bar (YYYY-MM-DD).',
      default: '2020-01-02',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    },
  },
});

export const csvBars = defineSpec({
  id: 'csv_bars',
  kind: 'data',
  label: 'CSV file',
  description:
    'Bars from your own CSV (date or datetime, open, high, low, close, volume; optional symbol).',
  consumes: [],
  emits: ['BarEvent'],
  keywords: ['upload', 'file', 'import'],
  params: {
    file: {
      type: 'string',
      label: 'File',
      description:
        'Name of the CSV file: uploaded in the app, or a path relative to the flow file for the headless runner.',
      default: '',
      placeholder: 'bars.csv',
      key: true,
    },
    symbol: {
      type: 'string',
      label: 'Symbol',
      description: 'Symbol for files without a symbol column.',
      default: 'CSV',
    },
    ...dateRange,
  },
});

export const DATA_COMPONENTS: readonly ComponentSpec[] = [sampleBars, syntheticBars, csvBars];
