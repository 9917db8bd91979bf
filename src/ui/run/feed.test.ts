import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../worker/protocol';
import { Line, LOG_CAP, RunFeed } from './feed';

const entry = (seq: number): LogEntry => ({
  seq,
  id: `e${seq}`,
  type: 'BarEvent',
  time: seq * 1000,
  container: 'data',
  symbol: 'X',
  correlation: `e${seq}`,
  summary: '',
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));

describe('the run feed', () => {
  it('keeps the latest LOG_CAP log entries and counts the dropped ones', () => {
    const feed = new RunFeed();
    for (let batch = 0; batch < 12; batch++)
      feed.appendLog(range(batch * 5_000 + 1, (batch + 1) * 5_000), 0);
    expect(feed.log.length).toBeLessThanOrEqual(LOG_CAP + 5_000);
    expect(feed.log.length + feed.logDropped).toBe(60_000);
    expect(feed.log.at(-1)?.seq).toBe(60_000);
  });

  it('a complete tail replaces the sampled end of the log, and what it recovers is no longer counted as skipped', () => {
    const feed = new RunFeed();
    // Batches sent 1..10 and 21..30 and skipped 11..20 and 31..40.
    feed.appendLog(range(1, 10), 10);
    feed.appendLog(range(21, 30), 10);
    feed.replaceTail(range(16, 40));
    expect(feed.log.map((e) => e.seq)).toEqual(
      [...range(1, 10), ...range(16, 40)].map((e) => e.seq),
    );
    expect(feed.logSkipped).toBe(5);
  });
});

describe('a line of points', () => {
  it('finds the first point at or after a time across its chunks', () => {
    const line = new Line();
    line.append({ time: Float64Array.of(10, 20, 30), value: Float64Array.of(1, 2, 3) });
    line.append({ time: Float64Array.of(40, 50), value: Float64Array.of(4, 5) });
    const at = (time: number) => line.indexAtOrAfter(time);
    expect([at(-Infinity), at(0), at(10), at(11), at(30), at(35), at(40), at(50), at(51)]).toEqual([
      0, 0, 0, 1, 2, 3, 3, 4, 5,
    ]);
  });
});
