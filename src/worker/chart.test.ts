import { describe, expect, it } from 'vitest';
import { seriesFromRows } from '../engine';
import { bucketCandles, bucketFor, countUpTo, ThinnedLine, thinSeries } from './chart';
import { CHART_POINTS } from './protocol';

const series = seriesFromRows(
  'X',
  Array.from({ length: 10 }, (_, i) => ({
    timestamp: (i + 1) * 1000,
    open: 10 + i,
    high: 20 + (i === 3 ? 50 : i),
    low: 5 - i,
    close: 11 + i,
    volume: 100,
  })),
);

describe('chart thinning in the worker', () => {
  it('keeps every bar up to CHART_POINTS, then buckets', () => {
    expect(bucketFor(CHART_POINTS)).toBe(1);
    expect(bucketFor(CHART_POINTS + 1)).toBe(2);
    expect(bucketFor(1_000_000)).toBe(500);
  });

  it('a bucket candle opens with its first bar, closes with its last, spans its extremes', () => {
    const candles = bucketCandles(series, 0, 10, 4);
    expect(candles.first).toBe(0);
    expect(Array.from(candles.time)).toEqual([1000, 5000, 9000]);
    expect(Array.from(candles.open)).toEqual([10, 14, 18]);
    expect(Array.from(candles.close)).toEqual([14, 18, 20]);
    expect(Array.from(candles.high)).toEqual([70, 27, 29]);
    expect(Array.from(candles.low)).toEqual([2, -2, -4]);
    expect(Array.from(candles.volume)).toEqual([400, 400, 200]);
  });

  it('resending from the last partial bucket gives the same candles as all at once', () => {
    const later = bucketCandles(series, 8, 10, 4);
    expect(later.first).toBe(2);
    expect(Array.from(later.close)).toEqual([20]);
  });

  it('counts the bars played by time', () => {
    expect(countUpTo(series.timestamp, Number.NaN)).toBe(0);
    expect(countUpTo(series.timestamp, 3000)).toBe(3);
    expect(countUpTo(series.timestamp, 3500)).toBe(3);
  });

  it('lines keep the last point of each bucket', () => {
    const line = new ThinnedLine(3);
    for (let i = 1; i <= 7; i++) line.push(i, i * 10);
    expect(Array.from(line.take().value)).toEqual([30, 60]);
    for (let i = 8; i <= 9; i++) line.push(i, i * 10);
    expect(Array.from(line.take().value)).toEqual([90]);
    // Charted anew (another symbol was shown meanwhile): every point kept, once more.
    line.rewind();
    expect(Array.from(line.take().value)).toEqual([30, 60, 90]);
    expect(line.pending).toBe(0);
    const all = thinSeries(
      Float64Array.from({ length: 5000 }, (_, i) => i),
      Float64Array.from({ length: 5000 }, (_, i) => i),
    );
    expect(all.time.length).toBeLessThanOrEqual(CHART_POINTS + 1);
    expect(all.value.at(-1)).toBe(4999);
  });
});

describe('where indicator lines are drawn', () => {
  it('prices over the candles, ratios and oscillators in a pane of their own', async () => {
    const { lineInfo } = await import('./symbolCharts');
    const { findComponent } = await import('../engine');
    const bollinger = findComponent('bollinger')!;
    expect(lineInfo(bollinger, 'BB_20_2.upper', 'upper').pane).toBe('price');
    expect(lineInfo(bollinger, 'BB_20_2.percent_b', 'percent_b').pane).toBe('BB_20_2');
    const rsi = findComponent('rsi')!;
    expect(lineInfo(rsi, 'RSI_14', null)).toEqual({
      pane: 'RSI_14',
      style: 'line',
      levels: [30, 70],
    });
    const macd = findComponent('macd')!;
    expect(lineInfo(macd, 'MACD_12_26_9.histogram', 'histogram')).toMatchObject({
      pane: 'MACD_12_26_9',
      style: 'histogram',
    });
    expect(lineInfo(findComponent('sma')!, 'SMA_10', null).pane).toBe('price');
  });
});
