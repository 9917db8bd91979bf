/**
 * Turns the feed into what lightweight-charts draws. The worker has already thinned long series
 * (candles in buckets of several bars, one line point per bucket), so every series here holds at
 * most CHART_POINTS points and is handed to the chart whole.
 */
import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from 'lightweight-charts';
import type { TradeMark } from '../../worker/protocol';
import type { Candles, Line } from './feed';
import { partitionPoint } from './search';

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

/**
 * A line's points from `since` up to `until` (ms), as chart data. Given `candles`, each point is
 * drawn at the time of the candle it falls in (the last point of a candle wins): the worker thins a
 * line to one point per candle, at the candle's last bar, a time of its own. At those times each
 * line added a time point per candle to the chart (two lines tripled its points, and what each
 * redraw costs), and the legend found no line value under a candle.
 */
export function lineData(
  line: Line,
  until = Number.POSITIVE_INFINITY,
  since = Number.NEGATIVE_INFINITY,
  candles?: Candles,
): LineData[] {
  const points: LineData[] = [];
  let candle = -1;
  line.scan(line.indexAtOrAfter(since), (_, time, value) => {
    if (time > until) return false;
    if (!Number.isFinite(value)) return true;
    let at = time;
    if (candles) {
      if (candle < 0) candle = candleAt(candles, time);
      while (candle + 1 < candles.time.length && candles.time[candle + 1]! <= time) candle++;
      if (candle < 0) return true; // before the first candle
      at = candles.time[candle]!;
    }
    const last = points.at(-1);
    if (last && last.time === seconds(at)) last.value = value;
    else points.push({ time: seconds(at), value });
    return true;
  });
  return points;
}

/** Index of the last candle starting at or before `time` (ms), -1 if none. */
export function candleAt(candles: Candles, time: number): number {
  return partitionPoint(candles.time.length, (index) => candles.time[index]! <= time) - 1;
}

/** The time (ms) of the candle a mark falls in: the last candle starting at or before it. */
export function markTime(candles: Candles, mark: Pick<TradeMark, 'time'>): number | null {
  const index = candleAt(candles, mark.time);
  return index < 0 ? null : candles.time[index]!;
}

/** Series of the results, already thinned by the worker, as chart data. */
export function seriesData(time: Float64Array, values: Float64Array, scale = 1): LineData[] {
  return Array.from(time, (t, i) => ({ time: seconds(t), value: values[i]! * scale }));
}
