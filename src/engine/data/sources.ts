/**
 * What bars a data container needs, from its component and parameters, so that every host (the
 * worker, the headless runner, tests) resolves them the same way. Hosts only differ in how they
 * read a file: the page fetches it, Node reads it from disk.
 */
import { SAMPLE_SETS } from '../catalogue/samples';
import type { BarSeries } from './bars';
import { type CsvIssue, parseBarsCsv } from './csv';
import {
  generateSynthetic,
  type SyntheticInterval,
  type SyntheticOptions,
  type SyntheticRegime,
} from './synthetic';

export type DataSource =
  | {
      readonly kind: 'sample';
      readonly sample: string;
      readonly file: string;
      readonly symbol: string;
      readonly range: DateRange;
    }
  | ({ readonly kind: 'synthetic' } & SyntheticOptions)
  | {
      readonly kind: 'csv';
      readonly file: string;
      readonly symbol: string;
      readonly range: DateRange;
    };

export interface DateRange {
  /** YYYY-MM-DD or empty. */
  readonly start: string;
  readonly end: string;
}

const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
const number = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

export function describeDataSource(
  component: string,
  params: Readonly<Record<string, unknown>>,
): DataSource | null {
  const range = { start: text(params.start_date), end: text(params.end_date) };
  switch (component) {
    case 'sample_bars': {
      const sample = SAMPLE_SETS.find((set) => set.value === params.sample) ?? SAMPLE_SETS[0];
      return {
        kind: 'sample',
        sample: sample.value,
        file: sample.file,
        symbol: sample.symbol,
        range,
      };
    }
    case 'synthetic_bars':
      return {
        kind: 'synthetic',
        symbols: text(params.symbols, 'SYN')
          .split(',')
          .map((symbol) => symbol.trim())
          .filter(Boolean),
        regime: text(params.regime, 'mixed') as SyntheticRegime,
        interval: text(params.interval, '1d') as SyntheticInterval,
        bars: number(params.bars, 1260),
        seed: number(params.seed, 42),
        startPrice: number(params.start_price, 100),
        startDate: text(params.start_date, '2020-01-02'),
      };
    case 'csv_bars':
      return { kind: 'csv', file: text(params.file), symbol: text(params.symbol, 'CSV'), range };
    default:
      return null;
  }
}

export type LoadResult =
  | { readonly ok: true; readonly series: BarSeries[]; readonly warnings: CsvIssue[] }
  | { readonly ok: false; readonly errors: CsvIssue[] };

/**
 * Bars for a source. `csvText` is the file's text for sample and CSV sources (the host reads it);
 * synthetic sources need none.
 */
export function loadSource(
  source: DataSource,
  csvText?: string,
  onProgress?: (fraction: number) => void,
): LoadResult {
  if (source.kind === 'synthetic') {
    const symbols = source.symbols.length > 0 ? source.symbols : ['SYN'];
    return { ok: true, series: generateSynthetic({ ...source, symbols }), warnings: [] };
  }
  if (csvText === undefined) {
    return {
      ok: false,
      errors: [
        { line: 0, column: null, message: `No file given for ${source.file || 'this CSV source'}` },
      ],
    };
  }
  const parsed = parseBarsCsv(csvText, {
    symbol: source.symbol,
    ...(onProgress ? { onProgress } : {}),
  });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const series = parsed.series
    .map((one) => sliceByDate(one, source.range))
    .filter((one) => one.timestamp.length > 0);
  if (series.length === 0) {
    return {
      ok: false,
      errors: [
        {
          line: 0,
          column: null,
          message: `No bars between ${source.range.start || 'the start'} and ${source.range.end || 'the end'}`,
        },
      ],
    };
  }
  return { ok: true, series, warnings: parsed.warnings };
}

/** The bars from start (inclusive, UTC midnight) to end (inclusive, the whole day). */
export function sliceByDate(series: BarSeries, range: DateRange): BarSeries {
  const from = range.start ? Date.parse(`${range.start}T00:00:00Z`) : Number.NEGATIVE_INFINITY;
  const to = range.end
    ? Date.parse(`${range.end}T00:00:00Z`) + 86_400_000 - 1
    : Number.POSITIVE_INFINITY;
  let first = 0;
  while (first < series.timestamp.length && series.timestamp[first]! < from) first++;
  let last = series.timestamp.length;
  while (last > first && series.timestamp[last - 1]! > to) last--;
  if (first === 0 && last === series.timestamp.length) return series;
  return {
    symbol: series.symbol,
    timestamp: series.timestamp.subarray(first, last),
    open: series.open.subarray(first, last),
    high: series.high.subarray(first, last),
    low: series.low.subarray(first, last),
    close: series.close.subarray(first, last),
    volume: series.volume.subarray(first, last),
  };
}
