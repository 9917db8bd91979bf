/**
 * Turns the feed into what lightweight-charts draws. The worker has already thinned long series
 * (candles in buckets of several bars, one line point per bucket), so every series here holds at
 * most CHART_POINTS points and is handed to the chart whole.
 */
import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from 'lightweight-charts';
import type { TradeMark } from '../../worker/protocol';
import type { Candles, Line } from './feed';

export const seconds = (ms: number) => (ms / 1000) as UTCTimestamp;

/** Candles [from, …) and their volume, coloured by direction. */
export function candleData(
  candles: Candles,
  upColour: string,
  downColour: string,
  from = 0,
): { bars: CandlestickData[]; volume: HistogramData[] } {
  const bars: CandlestickData[] = [];
  const volume: HistogramData[] = [];
  for (let i = from; i < candles.time.length; i++) {
    const time = seconds(candles.time[i]!);
    const open = candles.open[i]!;
    const close = candles.close[i]!;
    bars.push({ time, open, high: candles.high[i]!, low: candles.low[i]!, close });
    volume.push({ time, value: candles.volume[i]!, color: close >= open ? upColour : downColour });
  }
  return { bars, volume };
}

/** A line's points from `since` up to `until` (ms), as chart data. */
export function lineData(
  line: Line,
  until = Number.POSITIVE_INFINITY,
  since = Number.NEGATIVE_INFINITY,
): LineData[] {
  const points: LineData[] = [];
  line.scan(line.indexAtOrAfter(since), (_, time, value) => {
    if (time > until) return false;
    if (Number.isFinite(value)) points.push({ time: seconds(time), value });
    return true;
  });
  return points;
}

/** The time (ms) of the candle a mark falls in: the last candle starting at or before it. */
export function markTime(candles: Candles, mark: Pick<TradeMark, 'time'>): number | null {
  let lo = 0;
  let hi = candles.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles.time[mid]! <= mark.time) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : candles.time[lo - 1]!;
}

/** Series of the results, already thinned by the worker, as chart data. */
export function seriesData(time: Float64Array, values: Float64Array, scale = 1): LineData[] {
  return Array.from(time, (t, i) => ({ time: seconds(t), value: values[i]! * scale }));
}
