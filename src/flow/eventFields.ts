/**
 * The fields a condition can read on each event type, with the kind of value each holds, so the
 * flow analysis can tell a misspelt field (`signal.strenght`) or a comparison of a number with a
 * string before a run. Each table is checked against its payload type by `satisfies`: a field
 * added to an event in engine/events.ts does not compile until it is listed here.
 */
import type {
  BarPayload,
  BreakerStatePayload,
  ClassificationPayload,
  EventMeta,
  EventType,
  FillPayload,
  IndicatorPayload,
  OrderCancelledPayload,
  OrderPayload,
  PortfolioUpdatePayload,
  SignalPayload,
  SignalRejectedPayload,
} from '../engine/events';

/** What a field holds (null aside: any field may be null, and comparing with null is fine). */
export type FieldKind = 'number' | 'string' | 'object';

type Fields<T> = { readonly [K in keyof T]-?: FieldKind };

const meta = {
  event_id: 'string',
  correlation_id: 'string',
  causation_id: 'string',
  timestamp: 'number',
  source: 'string',
  seq: 'number',
  trade_id: 'string',
} as const satisfies Fields<EventMeta>;

const bar = {
  symbol: 'string',
  open: 'number',
  high: 'number',
  low: 'number',
  close: 'number',
  volume: 'number',
  bar_index: 'number',
} as const satisfies Fields<BarPayload>;

const indicator = {
  indicator_name: 'string',
  symbol: 'string',
  value: 'number',
  outputs: 'object',
  confidence: 'number',
  metadata: 'object',
} as const satisfies Fields<IndicatorPayload>;

const signal = {
  symbol: 'string',
  action: 'string',
  direction: 'number',
  strength: 'number',
  price: 'number',
  price_target: 'number',
  stop_loss: 'number',
  strategy_id: 'string',
  regime_context: 'string',
} as const satisfies Fields<SignalPayload>;

const order = {
  order_id: 'string',
  symbol: 'string',
  side: 'string',
  quantity: 'number',
  order_type: 'string',
  price: 'number',
  stop_loss: 'number',
  take_profit: 'number',
  stop_loss_pct: 'number',
  stop_loss_distance: 'number',
  take_profit_pct: 'number',
  trailing_stop_pct: 'number',
  max_holding_bars: 'number',
  position_size_pct: 'number',
  size_at_fill_pct: 'number',
  max_quantity: 'number',
  strategy_id: 'string',
  reason: 'string',
} as const satisfies Fields<OrderPayload>;

const fill = {
  order_id: 'string',
  symbol: 'string',
  side: 'string',
  quantity: 'number',
  price: 'number',
  commission: 'number',
  slippage: 'number',
  strategy_id: 'string',
  reason: 'string',
} as const satisfies Fields<FillPayload>;

const portfolio = {
  cash: 'number',
  total_value: 'number',
  positions: 'object',
  unrealized_pnl: 'number',
  realized_pnl: 'number',
} as const satisfies Fields<PortfolioUpdatePayload>;

const classification = {
  symbol: 'string',
  classifier: 'string',
  regime: 'string',
  previous_regime: 'string',
  confidence: 'number',
} as const satisfies Fields<ClassificationPayload>;

const rejected = {
  symbol: 'string',
  strategy_id: 'string',
  signal_event_id: 'string',
  code: 'string',
  reason: 'string',
} as const satisfies Fields<SignalRejectedPayload>;

const cancelled = {
  order_id: 'string',
  symbol: 'string',
  code: 'string',
  reason: 'string',
} as const satisfies Fields<OrderCancelledPayload>;

const breaker = {
  container: 'string',
  state: 'string',
  previous: 'string',
  reason: 'string',
  errors: 'number',
  outcomes: 'number',
  rejected: 'number',
} as const satisfies Fields<BreakerStatePayload>;

const PAYLOAD_FIELDS: Record<EventType, Readonly<Record<string, FieldKind>>> = {
  BarEvent: bar,
  IndicatorEvent: indicator,
  TradingSignal: signal,
  OrderEvent: order,
  FillEvent: fill,
  PortfolioUpdateEvent: portfolio,
  ClassificationEvent: classification,
  SignalRejected: rejected,
  OrderCancelled: cancelled,
  BreakerStateChanged: breaker,
};

/** The kind of value `field` holds on an event of `type` (`type` itself included), or undefined. */
export function fieldKind(type: EventType, field: string): FieldKind | undefined {
  if (field === 'type') return 'string';
  if (Object.hasOwn(meta, field)) return meta[field as keyof typeof meta];
  const fields = PAYLOAD_FIELDS[type];
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** Every field name an event of `type` has, for suggestions. */
export function fieldNames(type: EventType): string[] {
  return ['type', ...Object.keys(meta), ...Object.keys(PAYLOAD_FIELDS[type])];
}
