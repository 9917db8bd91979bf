/**
 * The transformers a route can apply as events cross it (the seed's `transformations`), each
 * described once: what it takes and makes, and its parameters. The inspector's forms, the YAML
 * schema and the engine (runtime/transformers.ts) all read these.
 */
import type { EventType } from '../events';
import type { ParamSpec } from './types';

export interface TransformerSpec {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** The event type it takes; 'any' for one that works on every type. */
  readonly from: EventType | 'any';
  /** The event type it makes; 'same' for one that returns the type it took. */
  readonly to: EventType | 'same';
  readonly params: Readonly<Record<string, ParamSpec>>;
}

export const TRANSFORMER_SPECS: readonly TransformerSpec[] = [
  {
    id: 'signal_to_order_transformer',
    label: 'Signal to order',
    description:
      'A BUY signal becomes a market buy and a SELL signal a market sell of a fixed quantity; HOLD is declined. For sizing by equity and risk limits use a risk_manager container instead.',
    from: 'TradingSignal',
    to: 'OrderEvent',
    params: {
      quantity: {
        type: 'integer',
        label: 'Quantity',
        description: 'Shares per order.',
        default: 100,
        min: 1,
      },
    },
  },
  {
    id: 'order_risk_check_transformer',
    label: 'Order risk check',
    description:
      'Checks each order against limits before it reaches the broker: an order over the largest quantity or value is cut down to it, or refused; short entries can be refused. A refused order is filtered out as transformer_declined.',
    from: 'OrderEvent',
    to: 'OrderEvent',
    params: {
      max_quantity: {
        type: 'integer',
        label: 'Largest quantity',
        description: 'Shares per order at most; 0 means no limit.',
        default: 0,
        min: 0,
      },
      max_notional: {
        type: 'number',
        label: 'Largest value',
        description:
          "Quantity × price per order at most (a market order is valued at this bar's close); 0 means no limit.",
        default: 0,
        min: 0,
      },
      on_breach: {
        type: 'enum',
        label: 'Over a limit',
        description: 'What happens to an order over a limit.',
        options: [
          { value: 'clamp', label: 'Cut it down to the limit' },
          { value: 'reject', label: 'Refuse it' },
        ],
        default: 'clamp',
      },
      block_short_entries: {
        type: 'boolean',
        label: 'Refuse short entries',
        description: 'Refuse SELL orders that open a position (exits still pass).',
        default: false,
      },
    },
  },
  {
    id: 'fill_to_portfolio_update_transformer',
    label: 'Fill to portfolio update',
    description:
      'Books each fill into a small ledger of its own (cash, positions at average cost, realised P&L) and passes on the portfolio update it makes, valued at the fill prices: the last step of the seed’s standard flow, without a portfolio container.',
    from: 'FillEvent',
    to: 'PortfolioUpdateEvent',
    params: {
      initial_cash: {
        type: 'number',
        label: 'Initial cash',
        description: 'Cash of the ledger before the first fill.',
        default: 100_000,
        min: 0,
      },
    },
  },
  {
    id: 'enrich_transformer',
    label: 'Enrich (add a field)',
    description:
      'Adds a computed field to each event: an expression of the condition language over the event (for example `signal.strength * 100` or `order.quantity * 2`), which later filters can read as event.<field>. The expression is parsed and evaluated, never run as code.',
    from: 'any',
    to: 'same',
    params: {
      field: {
        type: 'string',
        label: 'Field',
        description: 'Name of the field to add (letters, digits and underscores).',
        default: 'enriched',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      },
      expression: {
        type: 'string',
        label: 'Expression',
        description: 'Its value: an expression over the event, such as `event.close - event.open`.',
        default: 'event.seq',
        syntax: 'condition',
      },
    },
  },
];

const BY_ID: ReadonlyMap<string, TransformerSpec> = new Map(
  TRANSFORMER_SPECS.map((spec) => [spec.id, spec]),
);

export function findTransformer(id: string): TransformerSpec | undefined {
  return BY_ID.get(id);
}

/** Whether a transformer takes this event type. */
export function transformerTakes(spec: TransformerSpec, type: EventType): boolean {
  return spec.from === 'any' || spec.from === type;
}

/** The type a transformer makes of this event type. */
export function transformerMakes(spec: TransformerSpec, type: EventType): EventType {
  return spec.to === 'same' ? type : spec.to;
}

/** Fields every event carries that an enrichment may not overwrite. */
export const EVENT_META_FIELDS: readonly string[] = [
  'type',
  'event_id',
  'correlation_id',
  'causation_id',
  'timestamp',
  'source',
  'seq',
  'trade_id',
];
