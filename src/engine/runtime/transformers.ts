/**
 * Named transformers: they turn an event of one type into another as it crosses a route (the
 * seed's `signal_to_order_transformer`). A transformer returns the new event's payload, or null to
 * decline (the original is then filtered out as `transformer_declined`).
 */
import type { AnyEvent, EventType, PayloadByType } from '../events';

export interface TransformerContext {
  /** A deterministic id for an order the transformer creates. */
  nextOrderId(): string;
}

export interface Transformer<From extends EventType = EventType, To extends EventType = EventType> {
  readonly from: From;
  readonly to: To;
  readonly description: string;
  transform(
    event: Extract<AnyEvent, { type: From }>,
    params: Readonly<Record<string, unknown>>,
    ctx: TransformerContext,
  ): PayloadByType[To] | null;
}

const signalToOrder: Transformer<'TradingSignal', 'OrderEvent'> = {
  from: 'TradingSignal',
  to: 'OrderEvent',
  description:
    'A BUY signal becomes a market buy and a SELL signal a market sell of a fixed quantity (params.quantity, default 100 shares); HOLD is declined. For sizing by equity and risk limits use a risk_manager container instead.',
  transform(signal, params, ctx) {
    if (signal.direction === 0) return null;
    const quantity =
      typeof params.quantity === 'number' && params.quantity > 0
        ? Math.floor(params.quantity)
        : 100;
    return {
      order_id: ctx.nextOrderId(),
      symbol: signal.symbol,
      side: signal.direction > 0 ? 'BUY' : 'SELL',
      quantity,
      order_type: 'MARKET',
      price: null,
      stop_loss: signal.stop_loss,
      take_profit: signal.price_target,
      stop_loss_pct: null,
      stop_loss_distance: null,
      take_profit_pct: null,
      trailing_stop_pct: null,
      max_holding_bars: null,
      position_size_pct: 0,
      size_at_fill_pct: null,
      max_quantity: null,
      strategy_id: signal.strategy_id,
      reason: 'entry',
    };
  },
};

export const TRANSFORMERS: Readonly<Record<string, Transformer>> = {
  signal_to_order_transformer: signalToOrder as unknown as Transformer,
};
