import { describe, expect, it } from 'vitest';
import { seriesFromRows } from '../data/bars';
import { EventStamper } from './stamp';

describe('EventStamper', () => {
  it('gives every event the id e<seq>, across thousands and after a reset', () => {
    const stamper = new EventStamper();
    const series = seriesFromRows('X', [
      { timestamp: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    for (const round of [0, 1]) {
      for (let n = 1; n <= 2_503; n++) {
        const event =
          n % 3 === 0
            ? stamper.bar(series, 0, 'data')
            : stamper.make(
                'PortfolioUpdateEvent',
                {
                  cash: n,
                  total_value: n,
                  positions: {},
                  unrealized_pnl: 0,
                  realized_pnl: 0,
                },
                'book',
                null,
              );
        expect(event.event_id).toBe(`e${n}`);
        expect(event.seq).toBe(n);
      }
      expect(stamper.seq).toBe(2_503 * (round + 1) - 2_503 * round);
      stamper.reset();
    }
  });
});
