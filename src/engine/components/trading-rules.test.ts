/**
 * The trading conventions a trader checks a backtest against, worked by hand: exits measured from
 * the entry fill, sizing at the fill price net of commission (backtesting.py), always-in reversals,
 * and what happens at the end of the data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bar, backtest, CROSSING, crossoverFlow, DAY, T0 } from './hand-flows';

const ROWS = CROSSING;
// Then back up: a BUY at 12 on bar 7, filled on bar 8, the last.
const ROUND_TRIP: readonly Bar[] = [...ROWS, [9, 12.5, 9, 12], [12.2, 12.5, 12, 12.4]];

const day = (time: number) => (time - T0) / DAY;

describe('exits are measured from the entry fill', () => {
  // A BUY decided at the close of 12 fills after a gap, at 13; exits are checked from the next bar.
  const gap: Bar[] = [...ROWS.slice(0, 4), [13, 13.2, 12.8, 12.9]];

  it('a stop loss after a gap books a loss, not a gain', () => {
    const rows: Bar[] = [...gap, [12.9, 13, 12.5, 12.6]];
    const { report, of } = backtest(crossoverFlow({ stop_loss_pct: 3 }), rows);
    // 3% below the 13 paid is 12.61 (3% below the signal's 12 was 11.64: a "stop" above it, hit
    // at the next open of 12.90, booked a gain).
    const exit = of('FillEvent')[1]!;
    expect([exit.price, exit.reason, day(exit.timestamp)]).toEqual([12.61, 'stop_loss', 5]);
    expect(report.trades[0]!.pnl).toBeCloseTo(10 * (12.61 - 13) - 2, 9);
  });

  it('a take profit is that far above the entry fill', () => {
    const rows: Bar[] = [...gap, [12.9, 14, 12.85, 13.9]];
    const { of } = backtest(crossoverFlow({ take_profit_pct: 5 }), rows);
    // 5% above 13 is 13.65 (from the signal's 12 it was 12.60, below the price paid).
    const exit = of('FillEvent')[1]!;
    expect([exit.price, exit.reason, day(exit.timestamp)]).toEqual([13.65, 'take_profit', 5]);
  });

  it('a trailing stop follows the best price since the entry fill', () => {
    // It starts at the fill (13): the entry bar's own range cannot say what came before the fill.
    // Bar 5 makes a high of 13.6; 2% below it, 13.328, is hit on bar 6.
    const rows: Bar[] = [...gap, [13.1, 13.6, 13, 13.5], [13.5, 13.5, 13.2, 13.3]];
    const { of } = backtest(crossoverFlow({ trailing_stop_pct: 2 }), rows);
    const exit = of('FillEvent')[1]!;
    expect([exit.reason, day(exit.timestamp)]).toEqual(['trailing_stop', 6]);
    expect(exit.price).toBeCloseTo(13.6 * 0.98, 12);
  });

  it('a stop loss exit never books a gain, whatever the bars', () => {
    const bar = fc
      .tuple(
        fc.double({ min: -0.08, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([move, up, down, at]) => ({ move, up, down, at }));
    fc.assert(
      fc.property(
        fc.array(bar, { minLength: 5, maxLength: 60 }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        fc.boolean(),
        (moves, stop, short) => {
          let close = 100;
          const rows: Bar[] = moves.map(({ move, up, down, at }) => {
            const open = close * (1 + move);
            const high = Math.max(open, close) * (1 + up);
            const low = Math.min(open, close) * (1 - down);
            close = low + (high - low) * at;
            return [open, high, low, close];
          });
          const { report } = backtest(
            crossoverFlow({ stop_loss_pct: stop, allow_short: short }, {}, 1e6),
            rows,
          );
          for (const trade of report.trades.filter((t) => t.exit_reason === 'stop_loss')) {
            const gain = (trade.exit_price - trade.entry_price) * (trade.side === 'LONG' ? 1 : -1);
            expect(gain).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sizing at the fill price, net of commission (backtesting.py)', () => {
  it('buys the whole shares the cash pays for at the fill, where percent of equity at the close is cancelled', () => {
    // Percent of equity: 100% of $1,000 at the 12 close is 83 shares; at the 12.50 open they cost
    // $1,038.50 with the $1 commission, so the order is cancelled.
    const atClose = backtest(crossoverFlow({ sizing: 'percent_equity', equity_pct: 100 }), ROWS);
    expect(atClose.of('OrderCancelled')[0]!.reason).toMatch(/^insufficient cash/);
    // At the fill: floor((1000 − 1) / 12.5) = 79 shares, $988.50.
    const atFill = backtest(crossoverFlow({ sizing: 'all_in', equity_pct: 100 }), ROWS);
    expect(atFill.of('OrderCancelled')).toEqual([]);
    expect(atFill.of('FillEvent')[0]).toMatchObject({ side: 'BUY', quantity: 79, price: 12.5 });
  });

  it('counts a percentage commission into the price, as backtesting.py does', () => {
    const { of } = backtest(
      crossoverFlow(
        { sizing: 'all_in', equity_pct: 100 },
        { commission_model: 'percentage', commission_pct: 0.1 },
      ),
      ROWS,
    );
    // floor(1000 / (12.5 × 1.001)) = 79.
    expect(of('FillEvent')[0]!.quantity).toBe(Math.floor(1000 / (12.5 * 1.001)));
  });

  it('keeps to max_position at the fill', () => {
    const { of } = backtest(
      crossoverFlow({ sizing: 'all_in', equity_pct: 100, max_position: 50 }),
      ROWS,
    );
    expect(of('FillEvent')[0]!.quantity).toBe(50);
  });

  it('always in, long and short: each entry sized on the cash the reversal left', () => {
    const { of, report } = backtest(
      crossoverFlow({ sizing: 'all_in', equity_pct: 100, allow_short: true }),
      ROUND_TRIP,
    );
    // Long 79 at 12.50; sold at 8.50: cash 1000 − 988.50 + 671.50 − 1 = 682, so short
    // floor(681 / 8.5) = 80; bought back at 12.20: cash 682 + 679 − 977 = 384, long floor(383 / 12.2) = 31.
    expect(of('FillEvent').map((f) => [f.side, f.quantity, f.price, f.reason])).toEqual([
      ['BUY', 79, 12.5, 'entry'],
      ['SELL', 79, 8.5, 'reverse'],
      ['SELL', 80, 8.5, 'entry'],
      ['BUY', 80, 12.2, 'reverse'],
      ['BUY', 31, 12.2, 'entry'],
    ]);
    expect(of('OrderCancelled')).toEqual([]);
    expect(report.positions).toEqual({ XYZ: 31 });
    expect(report.cash).toBeCloseTo(384 - 31 * 12.2 - 1, 9);
  });
});

describe('the end of the test', () => {
  it('keeps an open position open by default, marked at the last close, and reports it', () => {
    const { report, of } = backtest(crossoverFlow({}), ROUND_TRIP);
    expect(report.positions).toEqual({ XYZ: 10 });
    expect(of('FillEvent').at(-1)!.reason).toBe('entry');
    expect(report.final_equity).toBeCloseTo(report.cash + 10 * 12.4, 9);
    // Bought 10 at 12.20 on the last bar, which closed at 12.40.
    expect(report.open_trades).toEqual([
      expect.objectContaining({
        strategy_id: 'cross',
        symbol: 'XYZ',
        side: 'LONG',
        quantity: 10,
        entry_price: 12.2,
        last_price: 12.4,
        commission: 1,
        bars_held: 0,
      }),
    ]);
    expect(report.open_trades[0]!.unrealized_pnl).toBeCloseTo(2, 9);
    expect(report.metrics).toMatchObject({ open_trades: 1, trades: 1, total_commission: 3 });
    expect(report.metrics.unrealized_pnl).toBeCloseTo(2, 9);
    // The data alone: bought at the first close (10), held to the last (12.40).
    expect(report.buy_and_hold).toEqual({
      XYZ: { first_close: 10, last_close: 12.4, return: 12.4 / 10 - 1 },
    });
    expect(report.metrics.buy_and_hold_return).toBeCloseTo(0.24, 12);
  });

  it('closes it at the last close, or at the last open as backtesting.py finalize_trades', () => {
    for (const [option, price] of [
      ['close_at_close', 12.4],
      ['close_at_open', 12.2],
    ] as const) {
      const { report, of } = backtest(crossoverFlow({}, { end_of_test: option }), ROUND_TRIP);
      const last = of('FillEvent').at(-1)!;
      expect([last.side, last.quantity, last.price, last.reason, day(last.timestamp)]).toEqual([
        'SELL',
        10,
        price,
        'end_of_test',
        8,
      ]);
      expect(report.positions).toEqual({});
      expect(report.trades.at(-1)).toMatchObject({ exit_reason: 'end_of_test', exit_price: price });
      // The last equity point is after the closing fill and its commission.
      expect(report.final_equity).toBeCloseTo(report.cash, 9);
      expect(report.equity.at(-1)).toBeCloseTo(report.cash, 9);
    }
  });

  it('cancels an order decided on the last bar, which no bar is left to fill', () => {
    // The SELL decided on the close of bar 5, now the last bar.
    const { of, report } = backtest(crossoverFlow({}), ROWS.slice(0, 6));
    expect(of('OrderCancelled').map((c) => [c.reason, day(c.timestamp)])).toEqual([
      ['end of data: the test ended before a bar this order could fill on', 5],
    ]);
    expect(report.positions).toEqual({ XYZ: 10 });
  });
});
