/**
 * The simulated broker. It sees each bar in the market phase, before any decision is made on it,
 * and fills what was ordered before that bar: market orders at the open (or the close, by its fill
 * timing), limit and stop entries when the bar reaches their price (good for that one bar), and the
 * exits attached to open positions (max holding at the open, then stop, trailing stop and target),
 * measured from the position's average entry price. Prices are worsened by slippage and fills
 * charged commission as configured. An order sized at the fill gets the whole shares the equity
 * available then can pay for, commission included. A buy it cannot pay for is cancelled with the
 * reason, as a real broker (and backtrader) would. At the end of the test it cancels what can no
 * longer fill and, when asked, closes what is open.
 */
import type { Component, ComponentContext, ComponentFactory } from '../../component';
import type { BarEvent, OrderEvent, Side } from '../../events';
import {
  type CommissionModel,
  type CostSettings,
  commission,
  type SlippageModel,
  slippedPrice,
} from './costs';
import { exitOnBar, triggeredPrice } from './fills';

type Params = Readonly<Record<string, unknown>>;
type FillTiming = 'next_open' | 'next_close' | 'same_close';
type EndOfTest = 'keep_open' | 'close_at_close' | 'close_at_open';

function costsOf(params: Params): CostSettings {
  const n = (key: string) => (typeof params[key] === 'number' ? (params[key] as number) : 0);
  const tiers = Array.isArray(params.commission_tiers)
    ? (params.commission_tiers as { above: number; rate: number }[])
    : [];
  return {
    slippageModel: (params.slippage_model as SlippageModel) ?? 'zero',
    slippagePerShare: n('slippage_per_share'),
    slippagePct: n('slippage_pct'),
    commissionModel: (params.commission_model as CommissionModel) ?? 'zero',
    commissionPerShare: n('commission_per_share'),
    commissionPct: n('commission_pct'),
    commissionMin: n('commission_min'),
    commissionMaxPct: n('commission_max_pct'),
    commissionFixed: n('commission_fixed'),
    commissionTiers: tiers,
  };
}

/** An open position's exits, kept by strategy and symbol. */
interface Position {
  quantity: number;
  /** Average entry price (fills after slippage): what percent and ATR exits are measured from. */
  average: number;
  /** The order that opened the position: its exits, and the cause of the exit fills. */
  entry: OrderEvent | null;
  entryIndex: number;
  entryTime: number;
  trailingPct: number | null;
  maxBars: number | null;
  /** Best price since entry (highest high when long, lowest low when short), up to the last bar. */
  best: number;
}

/** The stop loss and take profit of a position, from its opening order and average entry. */
function exitLevels(position: Position): { stopLoss: number | null; takeProfit: number | null } {
  const order = position.entry;
  if (!order) return { stopLoss: null, takeProfit: null };
  const side = Math.sign(position.quantity);
  const entry = position.average;
  const stopLoss =
    order.stop_loss ??
    (order.stop_loss_pct !== null
      ? entry * (1 - (side * order.stop_loss_pct) / 100)
      : order.stop_loss_distance !== null
        ? entry - side * order.stop_loss_distance
        : null);
  const takeProfit =
    order.take_profit ??
    (order.take_profit_pct !== null ? entry * (1 + (side * order.take_profit_pct) / 100) : null);
  return { stopLoss, takeProfit };
}

interface Pending {
  readonly order: OrderEvent;
  readonly placedAt: number;
}

export const brokerFactory: ComponentFactory<Params> = (params, env) => {
  const timing = (params.fill_timing as FillTiming) ?? 'next_open';
  const endOfTest = (params.end_of_test as EndOfTest) ?? 'keep_open';
  const costs = costsOf(params);
  const bars = new Map<string, BarEvent>();
  let pending: Pending[] = [];
  const positions = new Map<string, Position>();
  let cash: number | null = null;
  let fills = 0;
  let cancelled = 0;

  const positionOf = (strategy: string, symbol: string): Position => {
    const key = `${strategy}\u0000${symbol}`;
    let position = positions.get(key);
    if (!position) {
      position = {
        quantity: 0,
        average: 0,
        entry: null,
        entryIndex: 0,
        entryTime: 0,
        trailingPct: null,
        maxBars: null,
        best: 0,
      };
      positions.set(key, position);
    }
    return position;
  };

  const cancel = (order: OrderEvent, code: string, reason: string, ctx: ComponentContext) => {
    cancelled++;
    ctx.emit(
      'OrderCancelled',
      { order_id: order.order_id, symbol: order.symbol, code, reason },
      order,
    );
  };

  /** Fills an order (or an exit caused by `order`) at a raw price; false if it could not be paid. */
  const fill = (
    order: OrderEvent,
    side: Side,
    quantity: number,
    rawPrice: number,
    bar: BarEvent,
    reason: string,
    orderId: string,
    ctx: ComponentContext,
  ): boolean => {
    const price = slippedPrice(rawPrice, side, costs);
    const fee = commission(quantity, price, costs);
    const position = positionOf(order.strategy_id, order.symbol);
    const signed = side === 'BUY' ? quantity : -quantity;
    const buyingLong = side === 'BUY' && position.quantity >= 0;
    if (buyingLong && cash !== null && quantity * price + fee > cash + 1e-9) {
      cancel(
        order,
        'insufficient_cash',
        `insufficient cash: ${quantity} × ${price.toFixed(2)} + ${fee.toFixed(2)} commission needs ${(quantity * price + fee).toFixed(2)}, cash is ${cash.toFixed(2)}`,
        ctx,
      );
      return false;
    }
    fills++;
    if (cash !== null) cash -= signed * price + fee;
    ctx.emit(
      'FillEvent',
      {
        order_id: orderId,
        symbol: order.symbol,
        side,
        quantity,
        price,
        commission: fee,
        slippage: Math.abs(price - rawPrice) * quantity,
        strategy_id: order.strategy_id,
        reason,
      },
      order,
    );
    const before = position.quantity;
    position.quantity += signed;
    if (position.quantity === 0) {
      position.entry = null;
      position.trailingPct = position.maxBars = null;
    } else if (Math.sign(before) !== Math.sign(position.quantity)) {
      // A new position (from flat, or past zero) takes the exits its order carries.
      position.entry = order;
      position.average = price;
      position.entryIndex = bar.bar_index;
      position.entryTime = bar.timestamp;
      position.trailingPct = order.trailing_stop_pct;
      position.maxBars = order.max_holding_bars;
      position.best = price;
    } else if (Math.abs(position.quantity) > Math.abs(before)) {
      // Added to: the exits move with the average entry price.
      position.average =
        (position.average * Math.abs(before) + price * quantity) / Math.abs(position.quantity);
    }
    return true;
  };

  /** Equity not already in positions: cash, less twice the value of short positions (their
   * proceeds sit in the cash and they must be bought back), as backtesting.py's margin_available. */
  const available = (): number => {
    let value = cash ?? 0;
    for (const [key, position] of positions) {
      if (position.quantity >= 0) continue;
      const symbol = key.slice(key.indexOf('\u0000') + 1);
      value -= 2 * -position.quantity * (bars.get(symbol)?.close ?? position.average);
    }
    return value;
  };

  /** The most whole shares a budget pays for at this price, commission included. */
  const affordable = (budget: number, price: number): number => {
    if (!(budget > 0) || !(price > 0)) return 0;
    const cost = (q: number) => q * price + commission(q, price, costs);
    let quantity = Math.floor(budget / price);
    while (quantity > 0 && cost(quantity) > budget) {
      const next = Math.floor((budget - commission(quantity, price, costs)) / price);
      quantity = next < quantity ? Math.max(0, next) : quantity - 1;
    }
    while (cost(quantity + 1) <= budget) quantity++;
    return quantity;
  };

  const fillOrder = (order: OrderEvent, rawPrice: number, bar: BarEvent, ctx: ComponentContext) => {
    let quantity = order.quantity;
    if (order.size_at_fill_pct !== null) {
      if (cash === null) {
        cancel(
          order,
          'no_portfolio',
          'no portfolio has reported its cash: sizing at the fill needs a portfolio downstream',
          ctx,
        );
        return;
      }
      const budget = (available() * order.size_at_fill_pct) / 100;
      const price = slippedPrice(rawPrice, order.side, costs);
      quantity = affordable(budget, price);
      if (order.max_quantity !== null) quantity = Math.min(quantity, order.max_quantity);
      if (quantity <= 0) {
        cancel(
          order,
          'insufficient_equity',
          `insufficient equity: ${order.size_at_fill_pct}% of the ${available().toFixed(2)} available does not pay for one share at ${price.toFixed(2)} with its commission`,
          ctx,
        );
        return;
      }
    }
    fill(order, order.side, quantity, rawPrice, bar, order.reason, order.order_id, ctx);
  };

  /** Orders placed before this bar: fill, or (limit and stop entries not reached) expire. */
  const fillPending = (bar: BarEvent, ctx: ComponentContext) => {
    if (pending.length === 0) return;
    const keep: Pending[] = [];
    for (const item of pending) {
      const { order } = item;
      if (order.symbol !== bar.symbol || item.placedAt >= bar.timestamp) {
        keep.push(item);
        continue;
      }
      if (order.order_type === 'MARKET') {
        fillOrder(order, timing === 'next_close' ? bar.close : bar.open, bar, ctx);
        continue;
      }
      const price = triggeredPrice(order.order_type, order.side, order.price ?? Number.NaN, bar);
      if (price === null) {
        cancel(
          order,
          'expired',
          `expired: the ${order.order_type.toLowerCase()} price ${order.price} was not reached on the next bar`,
          ctx,
        );
      } else {
        fillOrder(order, price, bar, ctx);
      }
    }
    pending = keep;
  };

  /** The exits of positions opened before this bar. */
  const checkExits = (bar: BarEvent, ctx: ComponentContext) => {
    for (const position of positions.values()) {
      const entry = position.entry;
      if (
        !entry ||
        entry.symbol !== bar.symbol ||
        position.quantity === 0 ||
        position.entryTime >= bar.timestamp
      )
        continue;
      const long = position.quantity > 0;
      const side: Side = long ? 'SELL' : 'BUY';
      const quantity = Math.abs(position.quantity);
      const exit = (price: number, reason: string) =>
        fill(entry, side, quantity, price, bar, reason, `${entry.order_id}:${reason}`, ctx);
      if (position.maxBars !== null && bar.bar_index - position.entryIndex >= position.maxBars) {
        exit(bar.open, 'max_holding');
        continue;
      }
      const { stopLoss, takeProfit } = exitLevels(position);
      const trailing =
        position.trailingPct === null
          ? null
          : long
            ? position.best * (1 - position.trailingPct / 100)
            : position.best * (1 + position.trailingPct / 100);
      const stop =
        trailing === null
          ? stopLoss
          : stopLoss === null
            ? trailing
            : long
              ? Math.max(trailing, stopLoss)
              : Math.min(trailing, stopLoss);
      const hit = exitOnBar(long, { stop, target: takeProfit }, bar);
      if (hit) {
        const reason =
          hit.kind === 'target'
            ? 'take_profit'
            : stop === trailing && trailing !== null
              ? 'trailing_stop'
              : 'stop_loss';
        exit(hit.price, reason);
        continue;
      }
      position.best = long ? Math.max(position.best, bar.high) : Math.min(position.best, bar.low);
    }
  };

  /**
   * The last bar step is decided: orders still waiting have no bar left to fill on, and open
   * positions are closed when the flow asks for it (at the last close, or at the last bar's open
   * as backtesting.py's finalize_trades does).
   */
  const onTestEnd = (ctx: ComponentContext) => {
    for (const { order } of pending)
      cancel(
        order,
        'end_of_data',
        'end of data: the test ended before a bar this order could fill on',
        ctx,
      );
    pending = [];
    if (endOfTest === 'keep_open') return;
    for (const position of positions.values()) {
      const entry = position.entry;
      if (!entry || position.quantity === 0) continue;
      const bar = bars.get(entry.symbol);
      if (!bar) continue;
      const price = endOfTest === 'close_at_open' ? bar.open : bar.close;
      fill(
        entry,
        position.quantity > 0 ? 'SELL' : 'BUY',
        Math.abs(position.quantity),
        price,
        bar,
        'end_of_test',
        `${entry.order_id}:end_of_test`,
        ctx,
      );
    }
  };

  const component: Component = {
    consumes: ['BarEvent', 'OrderEvent', 'PortfolioUpdateEvent'],
    marketFeed: true,
    onTestEnd,
    onEvent(event, ctx) {
      switch (event.type) {
        case 'BarEvent':
          bars.set(event.symbol, event);
          fillPending(event, ctx);
          checkExits(event, ctx);
          ctx.forward(event);
          return;
        case 'OrderEvent': {
          const bar = bars.get(event.symbol);
          if (event.order_type === 'MARKET' && timing === 'same_close' && bar)
            fillOrder(event, bar.close, bar, ctx);
          else pending.push({ order: event, placedAt: ctx.now });
          return;
        }
        case 'PortfolioUpdateEvent':
          cash = event.cash;
          return;
        default:
          return;
      }
    },
    snapshot: () => ({
      container: env.container,
      pending: pending.map(({ order }) => order.order_id),
      positions: Object.fromEntries(
        [...positions]
          .filter(([, p]) => p.quantity !== 0)
          .map(([k, p]) => [k.replace('\u0000', ':'), p.quantity]),
      ),
      fills,
      cancelled,
    }),
  };
  return component;
};
