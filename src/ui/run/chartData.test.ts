import { describe, expect, it } from 'vitest';
import { lineData, markTime } from './chartData';
import { Candles, Line } from './feed';

function candlesAt(...times: number[]): Candles {
  const candles = new Candles();
  const column = () => Float64Array.from(times, () => 1);
  candles.append({
    first: 0,
    bars: times.length,
    time: Float64Array.from(times),
    open: column(),
    high: column(),
    low: column(),
    close: column(),
    volume: column(),
  });
  return candles;
}

describe('chart data', () => {
  it('draws a thinned line at the times of its candles, the last point of a candle winning', () => {
    const candles = candlesAt(1_000, 2_000, 3_000);
    const line = new Line();
    line.append({
      time: Float64Array.of(500, 1_900, 2_400, 2_900, 3_500),
      value: Float64Array.of(0, 1, 2, 3, 4),
    });
    expect(lineData(line, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, candles)).toEqual([
      { time: 1, value: 1 },
      { time: 2, value: 3 },
      { time: 3, value: 4 },
    ]);
    // From a candle on (a running chart's window), and without candles at the points' own times.
    expect(lineData(line, Number.POSITIVE_INFINITY, 2_000, candles)).toEqual([
      { time: 2, value: 3 },
      { time: 3, value: 4 },
    ]);
    expect(lineData(line, 2_400).map((point) => point.time)).toEqual([0.5, 1.9, 2.4]);
  });

  it('puts a mark on the candle it falls in', () => {
    const candles = candlesAt(1_000, 2_000);
    expect([500, 1_000, 1_999, 2_500].map((time) => markTime(candles, { time }))).toEqual([
      null,
      1_000,
      1_000,
      2_000,
    ]);
  });
});
