import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, maxDrawdown, nthSmallest, periodsPerYear } from './metrics';

const DAY = 86_400_000;
const days = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY);

describe('metrics on a curve worked by hand', () => {
  const time = days(5);
  const equity = [110, 99, 121, 108.9, 130.68];
  const trades = [
    { pnl: 30, return_pct: 0.3 },
    { pnl: -10, return_pct: -0.1 },
    { pnl: 10, return_pct: 0.05 },
  ];
  const m = computeMetrics(time, equity, [true, true, false, true, true], trades, 100);

  it('returns, drawdown and its duration', () => {
    expect(m.total_return).toBeCloseTo(0.3068, 12);
    // Peaks 110 then 121: the falls are 10% (110 → 99) and 10% (121 → 108.9).
    expect(m.max_drawdown).toBeCloseTo(0.1, 12);
    expect(m.max_drawdown_bars).toBe(1);
    expect(m.max_drawdown_days).toBe(1);
  });

  it('annualised volatility, Sharpe and Sortino from per-bar returns', () => {
    // Returns: +10%, −10%, +22.2…%, −10%, +20%.
    const r = [0.1, -0.1, 121 / 99 - 1, -0.1, 0.2];
    const mean = r.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    const downside = Math.sqrt((0.01 + 0.01) / 5);
    expect(m.periods_per_year).toBe(252);
    expect(m.annual_volatility).toBeCloseTo(sd * Math.sqrt(252), 12);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(252), 12);
    expect(m.sortino).toBeCloseTo((mean / downside) * Math.sqrt(252), 12);
  });

  it('CAGR over calendar time and Calmar', () => {
    const years = (4 * DAY) / DAY / 365.25;
    expect(m.cagr).toBeCloseTo(1.3068 ** (1 / years) - 1, 6);
    expect(m.calmar).toBeCloseTo(m.cagr / 0.1, 6);
  });

  it('trade statistics and exposure', () => {
    expect(m.trades).toBe(3);
    expect(m.win_rate).toBeCloseTo(2 / 3, 12);
    expect(m.profit_factor).toBe(4);
    expect(m.expectancy).toBeCloseTo(10, 12);
    expect(m.average_trade).toBeCloseTo(0.25 / 3, 12);
    expect(m.best_trade).toBe(0.3);
    expect(m.worst_trade).toBe(-0.1);
    expect(m.exposure).toBe(0.8);
  });
});

describe('a run of a great many trades', () => {
  it('finds the best and worst of 1,000,000 trades (spread as arguments, they overflowed the call stack)', () => {
    const trades = Array.from({ length: 1_000_000 }, (_, i) => ({
      pnl: i % 7 === 0 ? -1 : 1,
      return_pct: ((i * 7919) % 1000) / 1000 - 0.5,
    }));
    const m = computeMetrics(days(3), [100, 101, 102], [true, true, true], trades, 100);
    expect(m.best_trade).toBe(0.499);
    expect(m.worst_trade).toBe(-0.5);
  });

  it('reports 0 for the best and worst of no trade', () => {
    const m = computeMetrics(days(3), [100, 101, 102], [false, false, false], [], 100);
    expect([m.best_trade, m.worst_trade]).toEqual([0, 0]);
  });
});

describe('annualisation from bar spacing', () => {
  it('daily, weekly and intraday bars', () => {
    expect(periodsPerYear(days(30))).toBe(252);
    const weekly = Array.from({ length: 30 }, (_, i) => i * 7 * DAY);
    expect(periodsPerYear(weekly)).toBeCloseTo(365.25 / 7, 9);
    const hourly = days(10).flatMap((day) => [0, 1, 2, 3, 4, 5, 6].map((h) => day + h * 3_600_000));
    expect(periodsPerYear(hourly)).toBe(252 * 7);
  });

  it('a drawdown still open at the end lasts to the end', () => {
    expect(maxDrawdown(days(4), [100, 90, 95, 97], 100)).toEqual({ depth: 0.1, bars: 3, days: 3 });
  });
});

describe('the split by side, streaks, costs, what is open and the benchmark', () => {
  const trades = [
    { pnl: 5, return_pct: 0.05, side: 'LONG' as const },
    { pnl: -2, return_pct: -0.02, side: 'SHORT' as const },
    { pnl: -3, return_pct: -0.03, side: 'LONG' as const },
    { pnl: -1, return_pct: -0.01, side: 'LONG' as const },
    { pnl: 4, return_pct: 0.04, side: 'SHORT' as const },
    { pnl: 6, return_pct: 0.06, side: 'LONG' as const },
    { pnl: 7, return_pct: 0.07, side: 'SHORT' as const },
  ];
  const m = computeMetrics(days(3), [100, 101, 102], [1, 1, 1], trades, 100, 0, {
    commission: 12.5,
    slippage: 3.25,
    openTrades: 2,
    unrealized: -40,
    buyAndHold: [0.5, -0.1],
  });

  it('splits trades by side', () => {
    expect([m.long_trades, m.long_win_rate, m.long_pnl]).toEqual([4, 0.5, 7]);
    expect([m.short_trades, m.short_pnl]).toEqual([3, 9]);
    expect(m.short_win_rate).toBeCloseTo(2 / 3, 12);
  });

  it('counts the longest runs of losing and winning trades in the order they closed', () => {
    expect(m.longest_losing_streak).toBe(3);
    expect(m.longest_winning_streak).toBe(3);
  });

  it('carries the costs, the open trades and the equal-weighted buy and hold', () => {
    expect([m.total_commission, m.total_slippage, m.open_trades, m.unrealized_pnl]).toEqual([
      12.5, 3.25, 2, -40,
    ]);
    expect(m.buy_and_hold_return).toBeCloseTo(0.2, 12);
  });
});

describe('the median bar spacing without a sort', () => {
  const value = fc.oneof(
    fc.constantFrom(60_000, 0, -0, 86_400_000, Number.NaN, Number.POSITIVE_INFINITY),
    fc.double(),
    fc.integer({ min: -5, max: 5 }),
  );

  it('finds the value a sort puts at each place', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const sorted = Float64Array.from(values).sort();
        // -0 and 0 are one value to every comparison the metrics make.
        expect(nthSmallest(Float64Array.from(values), k) + 0).toBe(sorted[k]! + 0);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the periods per year the sorted median and a set of days gave', () => {
    const DAY = 86_400_000;
    const byDefinition = (time: number[]): number => {
      if (time.length < 2) return 252;
      const gaps = Float64Array.from(time.slice(1), (t, i) => t - time[i]!).sort();
      const median = gaps[Math.floor(gaps.length / 2)]!;
      if (median >= 5 * DAY) return 365.25 / (median / DAY);
      if (median >= 0.9 * DAY) return 252;
      return 252 * (time.length / new Set(time.map((t) => Math.floor(t / DAY))).size);
    };
    const step = fc.constantFrom(60_000, 3_600_000, DAY, 3 * DAY, 7 * DAY, 0, -60_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.array(step, { maxLength: 400 }),
        (start, steps) => {
          const time = [start];
          for (const s of steps) time.push(time[time.length - 1]! + s);
          expect(periodsPerYear(time)).toBe(byDefinition(time));
        },
      ),
      { numRuns: 300 },
    );
  });
});
