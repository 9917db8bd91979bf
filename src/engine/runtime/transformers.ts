/**
 * The transformers' work (their descriptions are in catalogue/transformers.ts). An instance lives
 * on one route for one run, so a transformer may keep state (the ledger of fill-to-portfolio);
 * `transform` returns the new event's payload, or null to decline (the original is then filtered
 * out as `transformer_declined`).
 */
import {
  EVENT_META_FIELDS,
  findTransformer,
  TRANSFORMER_SPECS,
  type TransformerSpec,
} from '../catalogue/transformers';
import { compileCondition, parseCondition } from '../condition';
import type { AnyEvent, EventType, FillEvent, OrderEvent, TradingSignal } from '../events';

export interface TransformerContext {
  /** A deterministic id for an order the transformer creates. */
  nextOrderId(): string;
  /** The close of this bar step's bar of the symbol; NaN when the step has none. */
  price(symbol: string): number;
}

export interface Transformer {
  readonly spec: TransformerSpec;
  transform(event: AnyEvent, ctx: TransformerContext): object | null;
}

type Params = Readonly<Record<string, unknown>>;
type Factory = (params: Params, spec: TransformerSpec) => Transformer;

/** A transformer's parameters with the catalogue's defaults filled in. */
function withDefaults(spec: TransformerSpec, params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(spec.params)) out[key] = params[key] ?? param.default;
  return out;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

const signalToOrder: Factory = (params, spec) => {
  const quantity = Math.max(1, Math.floor(num(params.quantity) || 100));
  return {
    spec,
    transform(event, ctx) {
      const signal = event as TradingSignal;
      if (signal.direction === 0) return null;
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
};

const orderRiskCheck: Factory = (params, spec) => {
  const maxQuantity = num(params.max_quantity);
  const maxNotional = num(params.max_notional);
  const clamp = params.on_breach !== 'reject';
  const blockShort = params.block_short_entries === true;
  return {
    spec,
    transform(event, ctx) {
      const order = event as OrderEvent;
      if (blockShort && order.side === 'SELL' && order.reason === 'entry') return null;
      let quantity = order.quantity;
      if (maxQuantity > 0 && quantity > maxQuantity) {
        if (!clamp) return null;
        quantity = maxQuantity;
      }
      const price = order.price ?? ctx.price(order.symbol);
      if (
        maxNotional > 0 &&
        Number.isFinite(price) &&
        price > 0 &&
        quantity * price > maxNotional
      ) {
        if (!clamp) return null;
        quantity = Math.floor(maxNotional / price);
      }
      if (quantity <= 0) return null;
      return { ...payloadOf(order), quantity };
    },
  };
};

const fillToPortfolioUpdate: Factory = (params, spec) => {
  let cash = num(params.initial_cash);
  let realized = 0;
  const holdings = new Map<string, { quantity: number; average: number; last: number }>();
  return {
    spec,
    transform(event) {
      const fill = event as FillEvent;
      const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
      cash -= signed * fill.price + fill.commission;
      realized -= fill.commission;
      const holding = holdings.get(fill.symbol) ?? { quantity: 0, average: 0, last: fill.price };
      const before = holding.quantity;
      if (before !== 0 && Math.sign(before) !== Math.sign(signed)) {
        const closing = Math.min(Math.abs(signed), Math.abs(before));
        realized += (fill.price - holding.average) * closing * Math.sign(before);
      }
      const after = before + signed;
      if (after === 0) holding.average = 0;
      else if (before === 0 || Math.sign(after) !== Math.sign(before)) holding.average = fill.price;
      else if (Math.sign(signed) === Math.sign(before))
        holding.average = (holding.average * before + fill.price * signed) / after;
      holding.quantity = after;
      holding.last = fill.price;
      holdings.set(fill.symbol, holding);
      let value = cash;
      let unrealized = 0;
      const positions: Record<string, number> = {};
      for (const [symbol, h] of holdings) {
        if (h.quantity === 0) continue;
        positions[symbol] = h.quantity;
        value += h.quantity * h.last;
        unrealized += h.quantity * (h.last - h.average);
      }
      return {
        cash,
        total_value: value,
        positions,
        unrealized_pnl: unrealized,
        realized_pnl: realized,
      };
    },
  };
};

const enrich: Factory = (params, spec) => {
  const field = String(params.field);
  const parsed = parseCondition(String(params.expression));
  if (!parsed.ok) throw new Error(`expression does not parse: ${parsed.error.message}`);
  if (EVENT_META_FIELDS.includes(field) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))
    throw new Error(`"${field}" cannot be added: it is not a field name, or every event has it`);
  const expression = compileCondition(parsed.condition);
  return {
    spec,
    transform(event) {
      const value = expression.value(event);
      return { ...payloadOf(event), [field]: value === undefined ? null : value };
    },
  };
};

/** An event's own fields, without the stamps the engine puts on every event. */
function payloadOf(event: AnyEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event))
    if (!EVENT_META_FIELDS.includes(key)) out[key] = value;
  return out;
}

const FACTORIES: Readonly<Record<string, Factory>> = {
  signal_to_order_transformer: signalToOrder,
  order_risk_check_transformer: orderRiskCheck,
  fill_to_portfolio_update_transformer: fillToPortfolioUpdate,
  enrich_transformer: enrich,
};

/** The ids of every transformer, for messages. */
export const TRANSFORMER_IDS: readonly string[] = TRANSFORMER_SPECS.map((spec) => spec.id);

/**
 * A transformer instance for one route, or an error message: an unknown id, or parameters it
 * cannot work with (an enrichment's expression that does not parse).
 */
export function createTransformer(id: string, params: Params): Transformer | string {
  const spec = findTransformer(id);
  const factory = FACTORIES[id];
  if (!spec || !factory) return `Unknown transformer "${id}"; known: ${TRANSFORMER_IDS.join(', ')}`;
  try {
    return factory(withDefaults(spec, params), spec);
  } catch (error) {
    return `Transformer "${id}": ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The type an instance makes of an event of this type. */
export function madeType(transformer: Transformer, type: EventType): EventType {
  return transformer.spec.to === 'same' ? type : transformer.spec.to;
}
