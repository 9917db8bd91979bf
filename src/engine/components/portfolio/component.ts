/**
 * The portfolio: cash and positions at average cost, long and short; realised P&L when a position
 * shrinks, unrealised P&L marked at each close; a sub-ledger per strategy so each strategy's P&L
 * can be drawn on its own; round-trip trades; and the equity curve, one point per bar step. It
 * tells the containers upstream what it holds after every fill (a PortfolioUpdateEvent); between
 * fills only prices change, which they see in the bars themselves.
 */
import type { Component, ComponentContext, ComponentFactory } from '../../component';
import type { BarEvent, FillEvent, Side } from '../../events';
import { computeMetrics, type Metrics } from '../../metrics/metrics';
import { Ledger } from './ledger';
import { Series } from './series';

type Params = Readonly<Record<string, unknown>>;

export interface Trade {
  readonly strategy_id: string;
  readonly symbol: string;
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: number;
  readonly entry_time: number;
  readonly entry_price: number;
  readonly exit_time: number;
  readonly exit_price: number;
  /** Net of commissions. */
  readonly pnl: number;
  readonly return_pct: number;
  readonly commission: number;
  readonly bars_held: number;
  readonly exit_reason: string;
  /** Correlation of the fill that opened the trade: its trace leads to the signal and the bar. */
  readonly entry_correlation_id: string;
  /** The trade id every event of this round trip carries: its whole trace, entry to exit. */
  readonly trade_id: string | null;
}

export interface FillRecord {
  readonly time: number;
  readonly event_id: string;
  readonly correlation_id: string;
  readonly order_id: string;
  readonly strategy_id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly slippage: number;
  readonly reason: string;
}

/**
 * A trade still open at the end, marked at the last close: `quantity` is what is still open,
 * `entry_price` its average, `commission` what it has paid so far, `bars_held` up to the last bar.
 */
export interface OpenTradeReport
  extends Pick<
    Trade,
    | 'strategy_id'
    | 'symbol'
    | 'side'
    | 'quantity'
    | 'entry_time'
    | 'entry_price'
    | 'commission'
    | 'bars_held'
    | 'entry_correlation_id'
    | 'trade_id'
  > {
  readonly last_price: number;
  /** Quantity × (last − entry), short reversed: the price move, commissions not included. */
  readonly unrealized_pnl: number;
}

/** The data itself over the test: what buying at the first close and holding would have made. */
export interface BuyAndHold {
  readonly first_close: number;
  readonly last_close: number;
  readonly return: number;
}

export interface PortfolioReport {
  readonly initial_cash: number;
  readonly cash: number;
  readonly final_equity: number;
  readonly positions: Readonly<Record<string, number>>;
  /** One point per bar step, at the close. */
  readonly time: Float64Array;
  readonly equity: Float64Array;
  /** Fall from the running peak, as a negative fraction (0 at a peak). */
  readonly drawdown: Float64Array;
  /** Each strategy's P&L (realised + unrealised − commissions), aligned with `time`. */
  readonly strategies: Readonly<Record<string, Float64Array>>;
  readonly trades: readonly Trade[];
  /** Trades open when the data ended (kept open: see the broker's end_of_test). */
  readonly open_trades: readonly OpenTradeReport[];
  readonly buy_and_hold: Readonly<Record<string, BuyAndHold>>;
  readonly fills: readonly FillRecord[];
  readonly metrics: Metrics;
}

interface OpenTrade {
  side: 'LONG' | 'SHORT';
  quantity: number;
  entryTime: number;
  entryPrice: number;
  entryIndex: number;
  pnl: number;
  commission: number;
  exitValue: number;
  exitQuantity: number;
  correlation: string;
  tradeId: string | null;
}

export const portfolioFactory: ComponentFactory<Params> = (params) => {
  const initialCash = typeof params.initial_cash === 'number' ? params.initial_cash : 100_000;
  const riskFreeRate = typeof params.risk_free_rate === 'number' ? params.risk_free_rate : 0;
  let cash = initialCash;
  const book = new Ledger();
  const strategies = new Map<string, Ledger>();
  const strategySeries = new Map<string, Series>();
  // The same ledgers and series in the Maps' order, walked by index at every bar's end.
  const strategyLedgers: Ledger[] = [];
  const strategyPoints: Series[] = [];
  const open = new Map<string, OpenTrade>();
  const closes = new Map<string, number>();
  const firstCloses = new Map<string, number>();
  const barIndex = new Map<string, number>();
  const time = new Series();
  const equity = new Series();
  const drawdown = new Series();
  const invested = new Series();
  const trades: Trade[] = [];
  const fills: FillRecord[] = [];
  let peak = initialCash;

  const marked = () => book.marked(cash, closes);

  const positions = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const { symbol, quantity } of book.holdings.values())
      if (quantity !== 0) out[symbol] = quantity;
    return out;
  };

  const update = (cause: BarEvent | FillEvent, ctx: ComponentContext) =>
    ctx.emit(
      'PortfolioUpdateEvent',
      {
        cash,
        total_value: marked(),
        positions: positions(),
        unrealized_pnl: book.unrealized(closes),
        realized_pnl: book.realized - book.commission,
      },
      cause,
    );

  /** Books a fill into the trade of its strategy and symbol, opening or closing round trips. */
  const recordTrade = (fill: FillEvent, before: number, realized: number) => {
    const key = `${fill.strategy_id}\u0000${fill.symbol}`;
    const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
    const after = before + signed;
    const index = barIndex.get(fill.symbol) ?? 0;
    let trade = open.get(key);
    const start = (quantity: number, commissionShare: number) => {
      trade = {
        side: after > 0 ? 'LONG' : 'SHORT',
        quantity,
        entryTime: fill.timestamp,
        entryPrice: fill.price,
        entryIndex: index,
        pnl: -commissionShare,
        commission: commissionShare,
        exitValue: 0,
        exitQuantity: 0,
        correlation: fill.correlation_id,
        tradeId: fill.trade_id,
      };
      open.set(key, trade);
    };
    if (!trade || before === 0) {
      start(Math.abs(after), fill.commission);
      return;
    }
    if (Math.sign(before) === Math.sign(signed)) {
      trade.entryPrice =
        (trade.entryPrice * trade.quantity + fill.price * fill.quantity) /
        (trade.quantity + fill.quantity);
      trade.quantity += fill.quantity;
      trade.pnl -= fill.commission;
      trade.commission += fill.commission;
      return;
    }
    const closing = Math.min(fill.quantity, Math.abs(before));
    const closingFee = (fill.commission * closing) / fill.quantity;
    trade.pnl += realized - closingFee;
    trade.commission += closingFee;
    trade.exitValue += closing * fill.price;
    trade.exitQuantity += closing;
    if (after !== 0 && Math.sign(after) === Math.sign(before)) return;
    trades.push({
      strategy_id: fill.strategy_id,
      symbol: fill.symbol,
      side: trade.side,
      quantity: trade.quantity,
      entry_time: trade.entryTime,
      entry_price: trade.entryPrice,
      exit_time: fill.timestamp,
      exit_price: trade.exitValue / trade.exitQuantity,
      pnl: trade.pnl,
      return_pct: trade.pnl / (trade.entryPrice * trade.quantity),
      commission: trade.commission,
      bars_held: index - trade.entryIndex,
      exit_reason: fill.reason,
      entry_correlation_id: trade.correlation,
      trade_id: trade.tradeId,
    });
    open.delete(key);
    if (after !== 0) start(Math.abs(after), fill.commission - closingFee);
  };

  const openTradeReports = (): OpenTradeReport[] =>
    [...open].flatMap(([key, trade]) => {
      const quantity = trade.quantity - trade.exitQuantity;
      if (quantity <= 0) return [];
      const symbol = key.slice(key.indexOf('\u0000') + 1);
      const last = closes.get(symbol) ?? trade.entryPrice;
      const sign = trade.side === 'LONG' ? 1 : -1;
      return [
        {
          strategy_id: key.slice(0, key.indexOf('\u0000')),
          symbol,
          side: trade.side,
          quantity,
          entry_time: trade.entryTime,
          entry_price: trade.entryPrice,
          last_price: last,
          unrealized_pnl: sign * quantity * (last - trade.entryPrice),
          commission: trade.commission,
          bars_held: (barIndex.get(symbol) ?? trade.entryIndex) - trade.entryIndex,
          entry_correlation_id: trade.correlation,
          trade_id: trade.tradeId,
        },
      ];
    });

  const buyAndHoldReports = (): Record<string, BuyAndHold> =>
    Object.fromEntries(
      [...firstCloses].map(([symbol, first]) => {
        const last = closes.get(symbol) ?? first;
        return [symbol, { first_close: first, last_close: last, return: last / first - 1 }];
      }),
    );

  const onFill = (fill: FillEvent, ctx: ComponentContext) => {
    const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
    cash -= signed * fill.price + fill.commission;
    book.apply(fill.symbol, signed, fill.price, fill.commission);
    let ledger = strategies.get(fill.strategy_id);
    if (!ledger) {
      ledger = new Ledger();
      strategies.set(fill.strategy_id, ledger);
      const series = new Series();
      for (let i = 0; i < time.length; i++) series.push(0);
      strategySeries.set(fill.strategy_id, series);
      strategyLedgers.push(ledger);
      strategyPoints.push(series);
    }
    const strategyBefore = ledger.holdings.get(fill.symbol)?.quantity ?? 0;
    const realized = ledger.apply(fill.symbol, signed, fill.price, fill.commission);
    recordTrade(fill, strategyBefore, realized);
    fills.push({
      time: fill.timestamp,
      event_id: fill.event_id,
      correlation_id: fill.correlation_id,
      order_id: fill.order_id,
      strategy_id: fill.strategy_id,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      commission: fill.commission,
      slippage: fill.slippage,
      reason: fill.reason,
    });
    ctx.forward(fill);
    update(fill, ctx);
  };

  const component: Component = {
    consumes: ['BarEvent', 'FillEvent'],
    marketFeed: true,
    onEvent(event, ctx) {
      if (event.type === 'FillEvent') return onFill(event, ctx);
      if (event.type === 'BarEvent') {
        closes.set(event.symbol, event.close);
        if (!firstCloses.has(event.symbol)) firstCloses.set(event.symbol, event.close);
        barIndex.set(event.symbol, event.bar_index);
        ctx.forward(event);
      }
    },
    onBarEnd(bars, ctx) {
      for (const bar of bars) closes.set(bar.symbol, bar.close);
      const value = marked();
      peak = Math.max(peak, value);
      time.push(ctx.now);
      equity.push(value);
      drawdown.push(peak === 0 ? 0 : value / peak - 1);
      invested.push(book.open > 0 ? 1 : 0);
      // The first close announces the starting cash; after that only fills change the holdings.
      if (time.length === 1 && bars[0]) update(bars[0], ctx);
      for (let i = 0; i < strategyLedgers.length; i++) {
        const ledger = strategyLedgers[i]!;
        strategyPoints[i]!.push(ledger.realized - ledger.commission + ledger.unrealized(closes));
      }
    },
    snapshot: () => ({
      cash,
      equity: marked(),
      positions: positions(),
      trades: trades.length,
      fills: fills.length,
    }),
    tradesSince: (from) => trades.slice(from),
    report: (): PortfolioReport => {
      const openTrades = openTradeReports();
      const buyAndHold = buyAndHoldReports();
      return {
        initial_cash: initialCash,
        cash,
        final_equity: marked(),
        positions: positions(),
        time: time.toArray(),
        equity: equity.toArray(),
        drawdown: drawdown.toArray(),
        strategies: Object.fromEntries(
          [...strategySeries].map(([name, series]) => [name, series.toArray()]),
        ),
        trades,
        open_trades: openTrades,
        buy_and_hold: buyAndHold,
        fills,
        metrics: computeMetrics(
          time.toArray(),
          equity.toArray(),
          invested.toArray(),
          trades,
          initialCash,
          riskFreeRate,
          {
            commission: book.commission,
            slippage: fills.reduce((sum, fill) => sum + fill.slippage, 0),
            openTrades: openTrades.length,
            unrealized: openTrades.reduce((sum, trade) => sum + trade.unrealized_pnl, 0),
            buyAndHold: Object.values(buyAndHold).map((b) => b.return),
          },
        ),
      };
    },
  };
  return component;
};
