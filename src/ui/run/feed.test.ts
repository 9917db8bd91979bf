import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../worker/protocol';
import { LOG_CAP, RunFeed } from './feed';

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
