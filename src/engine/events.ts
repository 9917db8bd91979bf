/**
 * The events that flow between containers: the six of the ADMF-PC design (BarEvent,
 * IndicatorEvent, TradingSignal, OrderEvent, FillEvent, PortfolioUpdateEvent) and the few system
 * events a user must be able to see (a regime change, a rejected signal, a cancelled order, a
 * container's circuit breaker opening, half-opening or closing).
 *
 * Field names are snake_case on purpose: they are what route and filter conditions address
 * (`event.indicator_name in ['SMA_20']`, `signal.strength > 0.8`), exactly as the design writes
 * them, so a condition reads the event with no translation table in between.
 *
 * Every field is readonly and nothing in the engine mutates an event after it is emitted.
 */

export const EVENT_TYPES = [
  'BarEvent',
  'IndicatorEvent',
  'TradingSignal',
  'OrderEvent',
  'FillEvent',
  'PortfolioUpdateEvent',
  'ClassificationEvent',
  'SignalRejected',
  'OrderCancelled',
  'BreakerStateChanged',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** Metadata the engine stamps on every event; components never set these themselves. */
export interface EventMeta {
  readonly event_id: string;
  /** Shared by every event descended from the same root (a bar): the trace key. */
  readonly correlation_id: string;
  /** The event that directly caused this one; null for a root event. */
  readonly causation_id: string | null;
  /** Simulated time in milliseconds since the Unix epoch (UTC). */
  readonly timestamp: number;
  /** Name of the container that emitted the event. */
  readonly source: string;
  /** Global emission order: the tie-break that makes cross-container ordering deterministic. */
  readonly seq: number;
  /**
   * The round trip this event belongs to (entry signal to exit fill, per strategy and symbol), or
   * null: every signal, order, fill, rejection and cancellation of one trade shares it.
   */
  readonly trade_id: string | null;
}

export type Side = 'BUY' | 'SELL';
export type SignalAction = 'BUY' | 'SELL' | 'HOLD';
export type Direction = -1 | 0 | 1;
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP';

export interface BarPayload {
  readonly symbol: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Position of the bar in its symbol's series, from 0. */
  readonly bar_index: number;
}

export interface IndicatorPayload {
  /** "SMA_20", "RSI_14", "MACD_12_26_9": what strategies and filters refer to. */
  readonly indicator_name: string;
  readonly symbol: string;
  /** The primary output (the SMA itself, the MACD line, the Bollinger middle band). */
  readonly value: number;
  /** Every output by name, the primary one included: `{ macd, signal, histogram }`. */
  readonly outputs: Readonly<Record<string, number>>;
  readonly confidence: number | null;
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
}

export interface SignalPayload {
  readonly symbol: string;
  /** BUY for a long target, SELL for a short target, HOLD for no position (flat). */
  readonly action: SignalAction;
  readonly direction: Direction;
  /** Conviction from 0.0 to 1.0; selective routes and risk filters read it. */
  readonly strength: number;
  /** The price the decision was made on (the bar's close); risk sizes with it. */
  readonly price: number;
  readonly price_target: number | null;
  readonly stop_loss: number | null;
  readonly strategy_id: string;
  readonly regime_context: string | null;
}

export interface OrderPayload {
  readonly order_id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly order_type: OrderType;
  /** Limit or stop price; null for a market order. */
  readonly price: number | null;
  /**
   * Exits the broker attaches when this order opens a position. A level given as a price (the
   * signal's own stop_loss or price_target) is used as it is; the others are measured from the
   * entry fill (the position's average entry price, slippage included), as backtrader and
   * TradingView measure them.
   */
  readonly stop_loss: number | null;
  readonly take_profit: number | null;
  /** Stop loss this many percent against the entry fill. */
  readonly stop_loss_pct: number | null;
  /** Stop loss this far (money per share) against the entry fill: an ATR stop. */
  readonly stop_loss_distance: number | null;
  /** Take profit this many percent in favour of the entry fill. */
  readonly take_profit_pct: number | null;
  readonly trailing_stop_pct: number | null;
  readonly max_holding_bars: number | null;
  /** Share of equity the entry was sized to, in percent (informative). */
  readonly position_size_pct: number;
  /**
   * When set, the broker sizes the order when it fills instead of using `quantity` (an estimate
   * at the decision close): this percent of the equity available at the fill price, net of
   * commission, in whole shares, as backtesting.py sizes `size=0.95`.
   */
  readonly size_at_fill_pct: number | null;
  /** The most shares sizing at the fill may give (a risk limit), or null for no limit. */
  readonly max_quantity: number | null;
  readonly strategy_id: string;
  /** Why the order exists: "entry", "exit", "reverse", "stop_loss", "take_profit", ... */
  readonly reason: string;
}

export interface FillPayload {
  readonly order_id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  /** Price after slippage. */
  readonly price: number;
  readonly commission: number;
  /** Slippage cost in money for the whole fill (always >= 0). */
  readonly slippage: number;
  readonly strategy_id: string;
  readonly reason: string;
}

export interface PortfolioUpdatePayload {
  readonly cash: number;
  readonly total_value: number;
  readonly positions: Readonly<Record<string, number>>;
  readonly unrealized_pnl: number;
  readonly realized_pnl: number;
}

export interface ClassificationPayload {
  readonly symbol: string;
  readonly classifier: string;
  readonly regime: string;
  readonly previous_regime: string | null;
  readonly confidence: number | null;
}

export interface SignalRejectedPayload {
  readonly symbol: string;
  readonly strategy_id: string;
  readonly signal_event_id: string;
  /** A short, stable code to count by: min_strength, drawdown_limit, exposure_limit, ... */
  readonly code: string;
  readonly reason: string;
}

export interface OrderCancelledPayload {
  readonly order_id: string;
  readonly symbol: string;
  /** A short, stable code to count by: insufficient_cash, expired, end_of_data, ... */
  readonly code: string;
  readonly reason: string;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerStatePayload {
  readonly container: string;
  readonly state: BreakerState;
  readonly previous: BreakerState;
  /** Why: the error rate that opened it, the wait that ended, the trial that failed or passed. */
  readonly reason: string;
  /**
   * What the change was judged on: failed and all outcomes of the window when it opened, of the
   * trial events when it closed or opened again (none when it half-opened).
   */
  readonly errors: number;
  readonly outcomes: number;
  /** Events refused while it was open (on leaving the open state; 0 otherwise). */
  readonly rejected: number;
}

export interface PayloadByType {
  BarEvent: BarPayload;
  IndicatorEvent: IndicatorPayload;
  TradingSignal: SignalPayload;
  OrderEvent: OrderPayload;
  FillEvent: FillPayload;
  PortfolioUpdateEvent: PortfolioUpdatePayload;
  ClassificationEvent: ClassificationPayload;
  SignalRejected: SignalRejectedPayload;
  OrderCancelled: OrderCancelledPayload;
  BreakerStateChanged: BreakerStatePayload;
}

export type EventOf<T extends EventType> = EventMeta & { readonly type: T } & PayloadByType[T];

export type BarEvent = EventOf<'BarEvent'>;
export type IndicatorEvent = EventOf<'IndicatorEvent'>;
export type TradingSignal = EventOf<'TradingSignal'>;
export type OrderEvent = EventOf<'OrderEvent'>;
export type FillEvent = EventOf<'FillEvent'>;
export type PortfolioUpdateEvent = EventOf<'PortfolioUpdateEvent'>;
export type ClassificationEvent = EventOf<'ClassificationEvent'>;
export type SignalRejectedEvent = EventOf<'SignalRejected'>;
export type OrderCancelledEvent = EventOf<'OrderCancelled'>;
export type BreakerStateChangedEvent = EventOf<'BreakerStateChanged'>;

export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];

/** Market data: what every downstream container needs to stay current. */
export const MARKET_DATA_EVENTS: readonly EventType[] = ['BarEvent', 'IndicatorEvent'];
