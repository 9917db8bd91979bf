/**
 * The risk manager turns signals into orders. A signal sets a target position for its strategy
 * and symbol (BUY long, SELL short or flat, HOLD flat); the order is the difference from the
 * position the portfolio reports. Entries are sized (fixed, percent of equity at the decision
 * close, a fraction of equity at the fill, fixed-fractional, ATR), checked against position,
 * exposure and drawdown limits, and carry their exits (stop loss, take profit, trailing stop, max
 * holding) measured from the entry fill, which the broker then manages. A refused signal becomes a
 * SignalRejected event with its reason.
 */
import type { Component, ComponentContext, ComponentFactory } from '../../component';
import type { BarEvent, Direction, OrderType, Side, TradingSignal } from '../../events';
import { FeatureStore, parseFeatureRef } from '../features';

type Params = Readonly<Record<string, unknown>>;

interface RiskSettings {
  readonly sizing: 'percent_equity' | 'all_in' | 'fixed' | 'fixed_fractional' | 'atr';
  readonly quantity: number;
  readonly equityPct: number;
  readonly riskPct: number;
  readonly atr: string;
  readonly atrMultiplier: number;
  readonly allowShort: boolean;
  readonly minStrength: number;
  readonly entryOrder: 'market' | 'limit' | 'stop';
  readonly entryOffsetPct: number;
  readonly stopLossPct: number;
  readonly takeProfitPct: number;
  readonly trailingStopPct: number;
  readonly maxHoldingBars: number;
  readonly maxPosition: number;
  readonly maxExposurePct: number;
  readonly maxDrawdownPct: number;
}

function settingsOf(params: Params): RiskSettings {
  const n = (key: string, fallback = 0) =>
    typeof params[key] === 'number' ? (params[key] as number) : fallback;
  return {
    sizing: (params.sizing as RiskSettings['sizing']) ?? 'percent_equity',
    quantity: n('quantity', 100),
    equityPct: n('equity_pct', 95),
    riskPct: n('risk_pct', 1),
    atr: typeof params.atr === 'string' ? params.atr : 'ATR_14',
    atrMultiplier: n('atr_multiplier', 2),
    allowShort: params.allow_short === true,
    minStrength: n('min_strength') / 100,
    entryOrder: (params.entry_order as RiskSettings['entryOrder']) ?? 'market',
    entryOffsetPct: n('entry_offset_pct', 0.5),
    stopLossPct: n('stop_loss_pct'),
    takeProfitPct: n('take_profit_pct'),
    trailingStopPct: n('trailing_stop_pct'),
    maxHoldingBars: n('max_holding_bars'),
    maxPosition: n('max_position'),
    maxExposurePct: n('max_exposure_pct'),
    maxDrawdownPct: n('max_drawdown_pct'),
  };
}

const key = (strategy: string, symbol: string) => `${strategy}\u0000${symbol}`;

/** Why a signal is refused: a short code to count by and the sentence to read. */
interface Refusal {
  readonly code: string;
  readonly reason: string;
}
const refusal = (code: string, reason: string): Refusal => ({ code, reason });

/** What an entry order carries beyond its side and size. */
interface Entry {
  readonly type: OrderType;
  readonly price: number | null;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
  readonly stopLossPct: number | null;
  readonly stopLossDistance: number | null;
  readonly takeProfitPct: number | null;
  readonly pct: number;
  readonly sizeAtFillPct: number | null;
  readonly maxQuantity: number | null;
}

export const riskFactory: ComponentFactory<Params> = (params, env) => {
  const settings = settingsOf(params);
  const atrRef = parseFeatureRef(settings.atr);
  const features = new FeatureStore();
  const closes = new Map<string, number>();
  /** Filled position per strategy and symbol, from the portfolio's fills. */
  const filled = new Map<string, number>();
  let cash: number | null = null;
  let positions: Readonly<Record<string, number>> = {};
  let peak = 0;
  let orders = 0;
  let rejected = 0;

  const equity = (): number | null => {
    if (cash === null) return null;
    let total = cash;
    for (const [symbol, quantity] of Object.entries(positions))
      total += quantity * (closes.get(symbol) ?? 0);
    return total;
  };

  const reject = (signal: TradingSignal, refusal: Refusal, ctx: ComponentContext) => {
    rejected++;
    ctx.emit(
      'SignalRejected',
      {
        symbol: signal.symbol,
        strategy_id: signal.strategy_id,
        signal_event_id: signal.event_id,
        code: refusal.code,
        reason: refusal.reason,
      },
      signal,
    );
  };

  const order = (
    signal: TradingSignal,
    ctx: ComponentContext,
    side: Side,
    quantity: number,
    reason: string,
    entry?: Entry,
  ) => {
    orders++;
    ctx.emit(
      'OrderEvent',
      {
        order_id: `${env.container}-${orders}`,
        symbol: signal.symbol,
        side,
        quantity,
        order_type: entry?.type ?? 'MARKET',
        price: entry?.price ?? null,
        stop_loss: entry?.stopLoss ?? null,
        take_profit: entry?.takeProfit ?? null,
        stop_loss_pct: entry?.stopLossPct ?? null,
        stop_loss_distance: entry?.stopLossDistance ?? null,
        take_profit_pct: entry?.takeProfitPct ?? null,
        trailing_stop_pct: entry && settings.trailingStopPct > 0 ? settings.trailingStopPct : null,
        max_holding_bars: entry && settings.maxHoldingBars > 0 ? settings.maxHoldingBars : null,
        position_size_pct: entry?.pct ?? 0,
        size_at_fill_pct: entry?.sizeAtFillPct ?? null,
        max_quantity: entry?.maxQuantity ?? null,
        strategy_id: signal.strategy_id,
        reason,
      },
      signal,
    );
  };

  /** Shares for a new position in this direction, or a reason it cannot be sized. */
  const size = (
    signal: TradingSignal,
    value: number,
  ): { quantity: number; stopDistance: number | null } | Refusal => {
    const price = signal.price;
    switch (settings.sizing) {
      case 'fixed':
        return { quantity: Math.floor(settings.quantity), stopDistance: null };
      case 'percent_equity':
      // all_in: an estimate at the decision close; the broker sizes it again at the fill.
      case 'all_in':
        return {
          quantity: Math.floor((value * settings.equityPct) / 100 / price),
          stopDistance: null,
        };
      case 'fixed_fractional': {
        if (settings.stopLossPct <= 0)
          return refusal('needs_stop_loss', 'fixed-fractional sizing needs a stop loss above 0%');
        const stopDistance = (price * settings.stopLossPct) / 100;
        return {
          quantity: Math.floor((value * settings.riskPct) / 100 / stopDistance),
          stopDistance,
        };
      }
      case 'atr': {
        const atr = features.number(signal.symbol, atrRef, signal.timestamp);
        if (atr === undefined || !(atr > 0))
          return refusal(
            'no_atr',
            `no ${settings.atr} value for this bar: wire an ATR indicator upstream`,
          );
        const stopDistance = atr * settings.atrMultiplier;
        return {
          quantity: Math.floor((value * settings.riskPct) / 100 / stopDistance),
          stopDistance,
        };
      }
    }
  };

  const onSignal = (signal: TradingSignal, ctx: ComponentContext) => {
    const current = filled.get(key(signal.strategy_id, signal.symbol)) ?? 0;
    const wanted: Direction =
      signal.direction === -1 && !settings.allowShort ? 0 : signal.direction;
    const currentDirection = Math.sign(current);
    if (wanted === currentDirection) return; // already where the signal wants to be
    const opening = wanted !== 0;
    if (opening && signal.strength < settings.minStrength) {
      return reject(
        signal,
        refusal(
          'min_strength',
          `strength ${signal.strength.toFixed(2)} is below the minimum ${settings.minStrength.toFixed(2)}`,
        ),
        ctx,
      );
    }
    // Close what is open first (a reversal is an exit and a new entry).
    if (current !== 0)
      order(
        signal,
        ctx,
        current > 0 ? 'SELL' : 'BUY',
        Math.abs(current),
        opening ? 'reverse' : 'exit',
      );
    if (!opening) return;
    const value = equity();
    if (value === null)
      return reject(
        signal,
        refusal(
          'no_portfolio',
          'no portfolio update yet: wire this risk manager upstream of a portfolio',
        ),
        ctx,
      );
    peak = Math.max(peak, value);
    if (
      settings.maxDrawdownPct > 0 &&
      peak > 0 &&
      (100 * (peak - value)) / peak >= settings.maxDrawdownPct
    ) {
      const drawdown = (100 * (peak - value)) / peak;
      return reject(
        signal,
        refusal(
          'drawdown_limit',
          `drawdown limit: equity is ${drawdown.toFixed(1)}% below its peak (limit ${settings.maxDrawdownPct}%)`,
        ),
        ctx,
      );
    }
    const sized = size(signal, value);
    if ('code' in sized) return reject(signal, sized, ctx);
    let quantity = sized.quantity;
    let capped = false;
    if (settings.maxPosition > 0 && quantity > settings.maxPosition) {
      quantity = Math.floor(settings.maxPosition);
      capped = true;
    }
    if (settings.maxExposurePct > 0) {
      let gross = 0;
      for (const [symbol, held] of Object.entries(positions)) {
        if (symbol !== signal.symbol) gross += Math.abs(held) * (closes.get(symbol) ?? 0);
      }
      const room = (value * settings.maxExposurePct) / 100 - gross;
      const allowed = Math.floor(Math.max(0, room) / signal.price);
      if (allowed < quantity) {
        quantity = allowed;
        capped = true;
      }
      if (quantity <= 0) {
        return reject(
          signal,
          refusal(
            'exposure_limit',
            `exposure limit: ${settings.maxExposurePct}% of equity is already used`,
          ),
          ctx,
        );
      }
    }
    const atFill = settings.sizing === 'all_in';
    // Sized at the fill, a position too small at the decision close may still be affordable.
    if (quantity <= 0 && !atFill)
      return reject(
        signal,
        refusal('size_zero', `position size rounds to 0 shares at ${signal.price}`),
        ctx,
      );
    const price = signal.price;
    const offset = (price * settings.entryOffsetPct) / 100;
    const type: OrderType =
      settings.entryOrder === 'limit'
        ? 'LIMIT'
        : settings.entryOrder === 'stop'
          ? 'STOP'
          : 'MARKET';
    const entryPrice =
      type === 'LIMIT' ? price - wanted * offset : type === 'STOP' ? price + wanted * offset : null;
    // Exits are measured from the entry fill; a level the signal gave as a price is kept as it is.
    const atr = settings.sizing === 'atr' ? sized.stopDistance : null;
    const stopLossPct = atr === null && settings.stopLossPct > 0 ? settings.stopLossPct : null;
    const takeProfitPct = settings.takeProfitPct > 0 ? settings.takeProfitPct : null;
    order(signal, ctx, wanted > 0 ? 'BUY' : 'SELL', Math.max(quantity, 0), 'entry', {
      type,
      price: entryPrice,
      stopLoss: atr === null && stopLossPct === null ? signal.stop_loss : null,
      takeProfit: takeProfitPct === null ? signal.price_target : null,
      stopLossPct,
      stopLossDistance: atr,
      takeProfitPct,
      pct: (100 * quantity * price) / value,
      sizeAtFillPct: atFill ? settings.equityPct : null,
      maxQuantity: atFill && capped ? quantity : null,
    });
  };

  const component: Component = {
    consumes: [
      'BarEvent',
      'IndicatorEvent',
      'TradingSignal',
      'FillEvent',
      'PortfolioUpdateEvent',
      'OrderCancelled',
    ],
    onEvent(event, ctx) {
      switch (event.type) {
        case 'BarEvent':
          closes.set(event.symbol, (event as BarEvent).close);
          // The drawdown limit needs the equity's peak at every close, not only at fills.
          if (settings.maxDrawdownPct > 0) peak = Math.max(peak, equity() ?? 0);
          ctx.forward(event);
          return;
        case 'IndicatorEvent':
          features.record(event);
          ctx.forward(event);
          return;
        case 'TradingSignal':
          onSignal(event, ctx);
          return;
        case 'FillEvent': {
          const k = key(event.strategy_id, event.symbol);
          filled.set(
            k,
            (filled.get(k) ?? 0) + (event.side === 'BUY' ? event.quantity : -event.quantity),
          );
          return;
        }
        case 'PortfolioUpdateEvent':
          cash = event.cash;
          positions = event.positions;
          peak = Math.max(peak, event.total_value);
          return;
        default:
          return;
      }
    },
    snapshot: () => ({ positions: Object.fromEntries(filled), cash, peak, orders, rejected }),
  };
  return component;
};
