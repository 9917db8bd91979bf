import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const percent = (label: string, description: string, fallback: number, extra = {}) =>
  ({
    type: 'number',
    label,
    description,
    default: fallback,
    min: 0,
    max: 100,
    step: 0.1,
    unit: '%',
    ...extra,
  }) as const;

export const riskManager = defineSpec({
  id: 'risk_manager',
  kind: 'risk',
  label: 'Risk manager',
  description:
    'Turns signals into orders: sizes the position, attaches exits (stop loss, take profit, trailing stop, max holding; measured from the entry fill) and enforces position, exposure and drawdown limits. A refused signal becomes a SignalRejected event with its reason.',
  keywords: ['position sizing', 'stop loss', 'take profit', 'sizer', 'signal to order'],
  consumes: ['BarEvent', 'IndicatorEvent', 'TradingSignal', 'FillEvent', 'PortfolioUpdateEvent'],
  emits: ['OrderEvent', 'SignalRejected'],
  params: {
    sizing: {
      type: 'enum',
      label: 'Sizing',
      description: 'How many shares an entry buys or sells.',
      options: [
        { value: 'percent_equity', label: 'Percent of equity at the decision close (backtrader)' },
        {
          value: 'all_in',
          label: 'Percent of equity at the fill, net of commission (backtesting.py)',
        },
        { value: 'fixed', label: 'Fixed quantity' },
        { value: 'fixed_fractional', label: 'Risk a fraction of equity to the stop' },
        { value: 'atr', label: 'Risk a fraction of equity per ATR' },
      ],
      default: 'percent_equity',
      key: true,
    },
    quantity: {
      type: 'integer',
      label: 'Quantity',
      description: 'Shares per entry.',
      default: 100,
      min: 1,
      visibleWhen: { param: 'sizing', in: ['fixed'] },
      key: true,
    },
    equity_pct: percent(
      'Equity',
      'Share of equity each entry takes, in whole shares; 100 is all in.',
      95,
      {
        visibleWhen: { param: 'sizing', in: ['percent_equity', 'all_in'] },
        key: true,
      },
    ),
    risk_pct: percent(
      'Risk per trade',
      'Share of equity lost if the stop is hit (fixed fractional) or per ATR move (ATR).',
      1,
      { visibleWhen: { param: 'sizing', in: ['fixed_fractional', 'atr'] }, key: true },
    ),
    atr: {
      type: 'feature',
      label: 'ATR',
      description: 'The ATR used by ATR sizing and ATR stops.',
      accepts: ['atr'],
      default: 'ATR_14',
      visibleWhen: { param: 'sizing', in: ['atr'] },
    },
    atr_multiplier: {
      type: 'number',
      label: 'ATR multiple',
      description: 'Stop distance in ATRs for ATR sizing.',
      default: 2,
      min: 0.1,
      max: 20,
      step: 0.1,
      visibleWhen: { param: 'sizing', in: ['atr'] },
    },
    allow_short: {
      type: 'boolean',
      label: 'Allow short',
      description: 'Sell short on SELL signals; otherwise a SELL signal only closes a long.',
      default: false,
      key: true,
    },
    min_strength: percent(
      'Min strength',
      'Signals weaker than this (strength × 100) are rejected.',
      0,
    ),
    entry_order: {
      type: 'enum',
      label: 'Entry order',
      description: 'Order type for entries; exits on a signal are always market orders.',
      options: [
        { value: 'market', label: 'Market' },
        { value: 'limit', label: 'Limit (offset below/above the signal price)' },
        { value: 'stop', label: 'Stop (offset above/below the signal price)' },
      ],
      default: 'market',
    },
    entry_offset_pct: percent(
      'Entry offset',
      'Distance of a limit or stop entry from the signal price.',
      0.5,
      { visibleWhen: { param: 'entry_order', in: ['limit', 'stop'] } },
    ),
    stop_loss_pct: percent(
      'Stop loss',
      'Exit when price moves this far against the entry fill price; 0 turns it off.',
      0,
    ),
    take_profit_pct: percent(
      'Take profit',
      'Exit when price moves this far in favour of the entry fill price; 0 turns it off.',
      0,
    ),
    trailing_stop_pct: percent(
      'Trailing stop',
      'Exit when price falls this far from its best since the entry fill; 0 turns it off.',
      0,
    ),
    max_holding_bars: {
      type: 'integer',
      label: 'Max holding',
      description: 'Exit after this many bars in the position; 0 turns it off.',
      default: 0,
      min: 0,
      unit: 'bars',
    },
    max_position: {
      type: 'integer',
      label: 'Max position',
      description: 'Largest position in shares per symbol; 0 means no limit.',
      default: 0,
      min: 0,
    },
    max_exposure_pct: percent(
      'Max exposure',
      'Largest gross exposure (sum of |position| × price) as a share of equity; 0 means no limit.',
      0,
      { max: 1000 },
    ),
    max_drawdown_pct: percent(
      'Max drawdown',
      'Stop opening positions once equity is this far below its peak; 0 means no limit.',
      0,
    ),
  },
});

export const RISK_COMPONENTS: readonly ComponentSpec[] = [riskManager];
