/**
 * Turns the feed's columns into what lightweight-charts draws. Series longer than MAX_POINTS are
 * shown in buckets of several bars (open of the first, high/low over all, close of the last,
 * summed volume), so a million-bar run draws as fast as a five-year daily one.
 */
import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from 'lightweight-charts';
import type { CandleColumns, TradeMark } from '../../worker/protocol';
import type { Line } from './feed';

export const MAX_POINTS = 10_000;

export const seconds = (ms: number) => (ms / 1000) as UTCTimestamp;

export function bucketSize(total: number): number {
  return Math.max(1, Math.ceil(total / MAX_POINTS));
}

/** How many candles have a time at or before `time` (ms). */
export function candlesUpTo(candles: CandleColumns, time: number): number {
  if (!Number.isFinite(time)) return 0;
  let lo = 0;
  let hi = candles.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles.time[mid]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function candleData(
  candles: CandleColumns,
  count: number,
  bucket: number,
  upColour: string,
  downColour: string,
): { bars: CandlestickData[]; volume: HistogramData[] } {
  const bars: CandlestickData[] = [];
  const volume: HistogramData[] = [];
  for (let start = 0; start < count; start += bucket) {
    const end = Math.min(count, start + bucket);
    let high = candles.high[start]!;
    let low = candles.low[start]!;
    let sum = 0;
    for (let i = start; i < end; i++) {
      if (candles.high[i]! > high) high = candles.high[i]!;
      if (candles.low[i]! < low) low = candles.low[i]!;
      sum += candles.volume[i]!;
    }
    const open = candles.open[start]!;
    const close = candles.close[end - 1]!;
    const time = seconds(candles.time[start]!);
    bars.push({ time, open, high, low, close });
    volume.push({ time, value: sum, color: close >= open ? upColour : downColour });
  }
  return { bars, volume };
}

/** A line thinned to one point per bucket (its last), up to `until` (ms). */
export function lineData(line: Line, bucket: number, until: number): LineData[] {
  const out: LineData[] = [];
  const n = line.time.length;
  for (let i = 0; i < n; i++) {
    if (line.time[i]! > until) break;
    if (bucket > 1 && i % bucket !== bucket - 1 && i !== n - 1) continue;
    const value = line.value[i]!;
    if (Number.isFinite(value)) out.push({ time: seconds(line.time[i]!), value });
  }
  return out;
}

/** The time (ms) of the candle a mark belongs to: its bar, or the first bar of its bucket. */
export function markTime(candles: CandleColumns, mark: TradeMark, bucket: number): number {
  if (bucket === 1) return mark.time;
  const index = Math.max(0, candlesUpTo(candles, mark.time) - 1);
  return candles.time[index - (index % bucket)]!;
}
