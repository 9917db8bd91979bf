/**
 * Whole flows through the engine with the real components, on bars small enough to work out by
 * hand: when orders fill, at what price, what they cost and what the portfolio ends with.
 */
import { describe, expect, it } from 'vitest';
import { type Bar, backtest, crossoverFlow, DAY, CROSSING as ROWS, T0 } from './hand-flows';

describe('a crossover backtest worked by hand', () => {
  it('fills each order at the open of the bar after its signal, and books the trade', () => {
    const { report, of } = backtest(crossoverFlow({}), ROWS);
    const signals = of('TradingSignal');
    expect(signals.map((s) => [s.action, s.price, (s.timestamp - T0) / DAY])).toEqual([
      ['BUY', 12, 3],
      ['SELL', 9, 5],
    ]);
    const fills = of('FillEvent');
    // Decided on the close of bar 3, filled at the open of bar 4; decided on bar 5, filled on bar 6.
    expect(
      fills.map((f) => [f.side, f.quantity, f.price, f.commission, (f.timestamp - T0) / DAY]),
    ).toEqual([
      ['BUY', 10, 12.5, 1, 4],
      ['SELL', 10, 8.5, 1, 6],
    ]);
    // 10 × (8.5 − 12.5) − 2 × $1 commission = −$42.
    expect(report.trades).toHaveLength(1);
    expect(report.trades[0]).toMatchObject({
      side: 'LONG',
      quantity: 10,
      entry_price: 12.5,
      exit_price: 8.5,
      pnl: -42,
      bars_held: 2,
      exit_reason: 'exit',
    });
    expect(report.cash).toBe(958);
    expect(report.final_equity).toBe(958);
    // Bar 4 closes at 13 holding 10 shares bought for $125 + $1: 1000 − 126 + 130 = 1004.
    expect([...report.equity]).toEqual([1000, 1000, 1000, 1000, 1004, 964, 958]);
  });

  it('traces every fill back to its order, signal and bar', () => {
    const { run, of } = backtest(crossoverFlow({}), ROWS);
    const fill = of('FillEvent')[0]!;
    const trace = run.trace(fill.correlation_id)!;
    const chain = trace.chain.map((link) => link.event.type);
    expect(chain[0]).toBe('BarEvent');
    expect(chain).toEqual(
      expect.arrayContaining(['IndicatorEvent', 'TradingSignal', 'OrderEvent', 'FillEvent']),
    );
    const stage = trace.stages.find((s) => s.from === 'OrderEvent' && s.to === 'FillEvent')!;
    // The fill came one bar (a day) after the order.
    expect(stage.simulated_ms).toBe(DAY);
  });

  it('fills at the same close only when told to', () => {
    const { of } = backtest(crossoverFlow({}, { fill_timing: 'same_close' }), ROWS);
    expect(of('FillEvent').map((f) => [f.price, (f.timestamp - T0) / DAY])).toEqual([
      [12, 3],
      [9, 5],
    ]);
  });

  it('applies slippage and percentage commission as configured', () => {
    const { of, report } = backtest(
      crossoverFlow(
        {},
        {
          slippage_model: 'fixed',
          slippage_per_share: 0.1,
          commission_model: 'percentage',
          commission_pct: 0.5,
        },
      ),
      ROWS,
    );
    const [buy, sell] = of('FillEvent');
    expect(buy!.price).toBeCloseTo(12.6, 12);
    expect(buy!.commission).toBeCloseTo(0.63, 12); // 0.5% of 10 × 12.60
    expect(buy!.slippage).toBeCloseTo(1, 12);
    expect(sell!.price).toBeCloseTo(8.4, 12);
    expect(sell!.commission).toBeCloseTo(0.42, 12);
    expect(report.trades[0]!.pnl).toBeCloseTo(10 * (8.4 - 12.6) - 0.63 - 0.42, 10);
  });

  it('cancels a buy the cash cannot pay for, with the reason', () => {
    // 100% of $1,000 at the $12 signal close is 83 shares; the next open is $12.50: $1,037.50 + $1.
    const { of, report } = backtest(
      crossoverFlow({ sizing: 'percent_equity', equity_pct: 100 }),
      ROWS,
    );
    const cancelled = of('OrderCancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.reason).toMatch(
      /insufficient cash: 83 × 12.50 \+ 1.00 commission needs 1038.50, cash is 1000.00/,
    );
    expect(report.trades).toHaveLength(0);
  });

  it('sizes by percent of equity marked at the signal close', () => {
    const { of } = backtest(crossoverFlow({ sizing: 'percent_equity', equity_pct: 50 }), ROWS);
    // floor(50% × 1000 / 12) = 41 shares.
    expect(of('OrderEvent')[0]!.quantity).toBe(41);
  });

  it('exits at the stop loss the order carried, measured from the entry fill', () => {
    // Entry at 12.5 on bar 4 with a 5% stop: 11.875. Bar 5 opens at 12 and trades down to 8.8.
    const { of, report } = backtest(crossoverFlow({ stop_loss_pct: 5 }), ROWS);
    const fills = of('FillEvent');
    expect(fills.map((f) => [f.side, f.price, f.reason, (f.timestamp - T0) / DAY])).toEqual([
      ['BUY', 12.5, 'entry', 4],
      ['SELL', 11.875, 'stop_loss', 5],
    ]);
    expect(report.trades[0]!.exit_reason).toBe('stop_loss');
    // The SELL signal of bar 5 finds the position already flat: no second exit.
    expect(of('OrderEvent').filter((o) => o.reason === 'exit')).toHaveLength(0);
  });

  it('exits after the maximum holding period at the open', () => {
    const rows: Bar[] = [
      ...ROWS.slice(0, 5),
      [13, 14, 12.8, 13.5],
      [13.6, 14, 13, 13.8],
      [14, 14.5, 13.5, 14],
    ];
    const { of } = backtest(crossoverFlow({ max_holding_bars: 2 }), rows);
    const exit = of('FillEvent')[1]!;
    expect([exit.price, exit.reason, (exit.timestamp - T0) / DAY]).toEqual([
      13.6,
      'max_holding',
      6,
    ]);
  });

  it('goes short and reverses when shorts are allowed', () => {
    const rows: Bar[] = [...ROWS, [9, 12.5, 9, 12], [12.2, 12.5, 12, 12.4]];
    const { of, report } = backtest(crossoverFlow({ allow_short: true }), rows);
    const fills = of('FillEvent').map((f) => [f.side, f.quantity, f.price, f.reason]);
    expect(fills).toEqual([
      ['BUY', 10, 12.5, 'entry'],
      ['SELL', 10, 8.5, 'reverse'],
      ['SELL', 10, 8.5, 'entry'],
      ['BUY', 10, 12.2, 'reverse'],
      ['BUY', 10, 12.2, 'entry'],
    ]);
    expect(report.trades.map((t) => [t.side, t.pnl])).toEqual([
      ['LONG', -42],
      ['SHORT', 10 * (8.5 - 12.2) - 2],
    ]);
    expect(report.positions).toEqual({ XYZ: 10 });
  });

  it('rejects a signal it cannot size, saying why', () => {
    const { of } = backtest(crossoverFlow({ sizing: 'fixed_fractional', risk_pct: 1 }), ROWS);
    const rejected = of('SignalRejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBe('fixed-fractional sizing needs a stop loss above 0%');
    expect(of('OrderEvent')).toHaveLength(0);
  });

  it('enters on a cross by default, and from the first bar with entry: state', () => {
    // A steady rise: the close is above its 3-bar mean from the first bar both exist (bar 2) and
    // never crosses it.
    const rising: Bar[] = [10, 10.5, 11, 11.5, 12, 12.5].map((c) => [c, c + 0.2, c - 0.2, c]);
    expect(backtest(crossoverFlow({}), rising).of('TradingSignal')).toEqual([]);
    const state = backtest(crossoverFlow({}, {}, 1000, { entry: 'state' }), rising);
    expect(state.of('TradingSignal').map((s) => [s.action, (s.timestamp - T0) / DAY])).toEqual([
      ['BUY', 2],
    ]);
    expect(state.of('FillEvent').map((f) => [f.side, f.price])).toEqual([['BUY', 11.5]]);
  });
});
