import { describe, expect, it } from 'vitest';
import { RUN_WINDOW, windowStart } from './runWindow';
import { firstAtOrAfter } from './search';

describe('the running price chart draws a window of the candles', () => {
  it('draws everything while there is less than a window', () => {
    expect(windowStart(120, { start: 0, following: true, firstSeen: 0, inView: 0 })).toBe(0);
    expect(
      windowStart(RUN_WINDOW, { start: 0, following: true, firstSeen: 270, inView: 130 }),
    ).toBe(0);
  });

  it('follows the newest candles with the latest window', () => {
    const state = { start: 0, following: true, firstSeen: 1_470, inView: 130 };
    expect(windowStart(1_600, state)).toBe(1_600 - RUN_WINDOW);
  });

  it('draws twice what is in view when the user zooms out', () => {
    const state = { start: 0, following: true, firstSeen: 500, inView: 1_000 };
    expect(windowStart(1_500, state)).toBe(0);
    expect(windowStart(3_000, state)).toBe(1_000);
  });

  it('keeps its start while the user looks back, and reaches further back near it', () => {
    const start = 1_000;
    const back = (firstSeen: number) => ({ start, following: false, firstSeen, inView: 130 });
    // Far from the first candle drawn: nothing more, whatever arrives at the other end.
    expect(windowStart(1_700, back(1_500))).toBe(start);
    expect(windowStart(5_000, back(1_400))).toBe(start);
    // Within a window of it: a window further back.
    expect(windowStart(1_700, back(1_003))).toBe(1_003 - RUN_WINDOW);
    expect(windowStart(1_700, back(1_300))).toBe(1_300 - RUN_WINDOW);
    expect(windowStart(1_700, { start: 100, following: false, firstSeen: 100, inView: 130 })).toBe(
      0,
    );
  });

  it('finds the first item at or after a time', () => {
    const items = [10, 20, 20, 30].map((time) => ({ time }));
    const at = (time: number) => firstAtOrAfter(items, time, (item) => item.time);
    expect([at(5), at(10), at(15), at(20), at(25), at(30), at(31)]).toEqual([0, 0, 1, 1, 3, 3, 4]);
  });
});
