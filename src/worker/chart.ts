/**
 * What the worker sends the charts: a symbol's candles in buckets of several bars, and lines
 * thinned to one point per bucket, so the page never holds more than CHART_POINTS per series.
 */
import type { BarSeries } from '../engine';
import { type CandleColumns, CHART_POINTS, type LinePoints } from './protocol';

export function bucketFor(total: number): number {
  return Math.max(1, Math.ceil(total / CHART_POINTS));
}

/** How many of the ascending times are at or before `time`. */
export function countUpTo(times: Float64Array, time: number): number {
  if (!Number.isFinite(time)) return 0;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Candles of bars [from, to), `from` on a bucket boundary: open of the first bar, close of the last. */
export function bucketCandles(
  series: BarSeries,
  from: number,
  to: number,
  bucket: number,
): CandleColumns {
  const n = Math.ceil((to - from) / bucket);
  const columns = {
    first: from / bucket,
    bars: to,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const start = from + k * bucket;
    const end = Math.min(to, start + bucket);
    let high = series.high[start]!;
    let low = series.low[start]!;
    let volume = 0;
    for (let i = start; i < end; i++) {
      if (series.high[i]! > high) high = series.high[i]!;
      if (series.low[i]! < low) low = series.low[i]!;
      volume += series.volume[i]!;
    }
    columns.time[k] = series.timestamp[start]!;
    columns.open[k] = series.open[start]!;
    columns.high[k] = high;
    columns.low[k] = low;
    columns.close[k] = series.close[end - 1]!;
    columns.volume[k] = volume;
  }
  return columns;
}

/**
 * A line thinned to one point per bucket (each bucket's last), kept whole so that it can be sent
 * again when its symbol is charted anew; `take` gives the points not sent yet.
 */
export class ThinnedLine {
  private seen = 0;
  private readonly time: number[] = [];
  private readonly value: number[] = [];
  private sent = 0;
  constructor(private readonly bucket: number) {}
  push(time: number, value: number): void {
    if (++this.seen % this.bucket !== 0 && this.bucket > 1) return;
    this.time.push(time);
    this.value.push(value);
  }
  get pending(): number {
    return this.time.length - this.sent;
  }
  /** Points kept in all (at most one per bucket). */
  get length(): number {
    return this.time.length;
  }
  take(): LinePoints {
    const points = {
      time: Float64Array.from(this.time.slice(this.sent)),
      value: Float64Array.from(this.value.slice(this.sent)),
    };
    this.sent = this.time.length;
    return points;
  }
  /** The next take starts from the first point again. */
  rewind(): void {
    this.sent = 0;
  }
}

/** Every `bucket`-th point of a series (each bucket's last), and always the final one. */
export function thinSeries(time: Float64Array, values: Float64Array): LinePoints {
  const bucket = bucketFor(time.length);
  if (bucket === 1) return { time: time.slice(), value: values.slice() };
  const keep: number[] = [];
  for (let i = bucket - 1; i < time.length; i += bucket) keep.push(i);
  if (keep.at(-1) !== time.length - 1) keep.push(time.length - 1);
  return {
    time: Float64Array.from(keep, (i) => time[i]!),
    value: Float64Array.from(keep, (i) => values[i]!),
  };
}
