import { describe, expect, it } from 'vitest';
import { generateSynthetic, type SyntheticOptions } from './synthetic';

const base: SyntheticOptions = {
  symbols: ['AAA', 'BBB'],
  regime: 'mixed',
  interval: '1d',
  bars: 500,
  seed: 7,
  startPrice: 100,
  startDate: '2024-01-01',
};

describe('synthetic bars', () => {
  it('gives the same bars for the same seed and different bars for another', () => {
    const a = generateSynthetic(base);
    const b = generateSynthetic(base);
    const c = generateSynthetic({ ...base, seed: 8 });
    expect([...a[0]!.close]).toEqual([...b[0]!.close]);
    expect([...a[0]!.close]).not.toEqual([...c[0]!.close]);
    expect([...a[0]!.close]).not.toEqual([...a[1]!.close]);
  });

  it('makes valid bars on weekdays, in order', () => {
    for (const interval of ['1d', '1h', '5m'] as const) {
      const [series] = generateSynthetic({ ...base, symbols: ['X'], interval, regime: 'volatile' });
      for (let i = 0; i < series!.close.length; i++) {
        expect(series!.high[i]).toBeGreaterThanOrEqual(
          Math.max(series!.open[i]!, series!.close[i]!),
        );
        expect(series!.low[i]).toBeLessThanOrEqual(Math.min(series!.open[i]!, series!.close[i]!));
        expect([0, 6]).not.toContain(new Date(series!.timestamp[i]!).getUTCDay());
        if (i > 0) expect(series!.timestamp[i]).toBeGreaterThan(series!.timestamp[i - 1]!);
      }
    }
  });

  it('draws regimes a trend follower can tell apart', () => {
    const drift = (regime: SyntheticOptions['regime']) => {
      const moves = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
        const [s] = generateSynthetic({ ...base, symbols: ['X'], regime, seed, bars: 250 });
        return Math.abs(Math.log(s!.close[249]! / s!.close[0]!));
      });
      return moves.reduce((a, b) => a + b, 0) / moves.length;
    };
    expect(drift('trending')).toBeGreaterThan(2 * drift('ranging'));
  });
});
