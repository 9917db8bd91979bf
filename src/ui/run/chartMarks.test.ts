import { describe, expect, it } from 'vitest';
import type { TradeMark } from '../../worker/protocol';
import { ChartMarks, MARK_GAP_PX, markStep } from './chartMarks';
import { RunFeed } from './feed';

const palette = {
  text: '#000',
  muted: '#666',
  border: '#ccc',
  up: '#0a0',
  down: '#a00',
  accent: '#00a',
  warning: '#aa0',
};

/** A feed of `n` candles a second apart, with a buy and a sell fill on each. */
function feedOf(n: number): RunFeed {
  const feed = new RunFeed();
  const times = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1000);
  const ones = () => new Float64Array(n).fill(1);
  feed.candles.append({
    first: 0,
    bars: n,
    time: times,
    open: ones(),
    high: ones(),
    low: ones(),
    close: ones(),
    volume: ones(),
  });
  for (const time of times)
    for (const side of ['BUY', 'SELL'] as const)
      feed.marks.push({
        kind: 'fill',
        side,
        time: time + 500,
        price: 1,
        correlation: `${side}${time}`,
      } as TradeMark);
  return feed;
}

describe('the price chart marks', () => {
  it('keep marks apart by MARK_GAP_PX as the chart zooms out', () => {
    expect(markStep(MARK_GAP_PX)).toBe(1);
    expect(markStep(20)).toBe(1);
    expect(markStep(MARK_GAP_PX / 2)).toBe(2);
    expect(markStep(0.4)).toBe(16);
  });

  it('draw one per candle and side, from the window on, and the first per step when zoomed out', () => {
    const marks = new ChartMarks();
    const feed = feedOf(100);
    expect(marks.add(feed, palette)).toBe(true);
    expect(marks.add(feed, palette)).toBe(false);
    expect(marks.count).toBe(200);
    expect(marks.select(0, 1)).toHaveLength(200);
    expect(marks.select(90, 1).map((m) => m.time)).toEqual(
      Array.from({ length: 10 }, (_, i) => [91 + i, 91 + i]).flat(),
    );
    const zoomedOut = marks.select(0, 16);
    expect(zoomedOut).toHaveLength(2 * Math.ceil(100 / 16));
    expect(zoomedOut.filter((m) => m.text === 'B').map((m) => m.time)).toEqual([
      1, 17, 33, 49, 65, 81, 97,
    ]);
  });

  it('set the chart markers only when something changed', () => {
    const marks = new ChartMarks();
    const feed = feedOf(10);
    const set: number[] = [];
    const plugin = { setMarkers: (m: unknown[]) => set.push(m.length) } as never;
    marks.apply(plugin, 0, 1, marks.add(feed, palette));
    marks.apply(plugin, 0, 1, marks.add(feed, palette));
    marks.apply(plugin, 0, 4, false);
    marks.apply(plugin, 5, 4, false);
    expect(set).toEqual([20, 6, 4]);
  });
});
