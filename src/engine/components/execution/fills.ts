/**
 * When and at what price an order fills against a bar, before slippage. A bar is known only by
 * its open, high, low and close, so a price inside the range is assumed reachable, and the open
 * is the first price: an order whose price the market gapped past fills at the open.
 */
import type { OrderType, Side } from '../../events';

export interface BarPrices {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** The fill price of a limit or stop order on this bar, or null when the bar does not reach it. */
export function triggeredPrice(
  type: Exclude<OrderType, 'MARKET'>,
  side: Side,
  price: number,
  bar: BarPrices,
): number | null {
  const buying = side === 'BUY';
  if (type === 'LIMIT') {
    // A buy limit fills at or below its price; a sell limit at or above.
    if (buying) return bar.open <= price ? bar.open : bar.low <= price ? price : null;
    return bar.open >= price ? bar.open : bar.high >= price ? price : null;
  }
  // A buy stop fills once the price rises to it; a sell stop once it falls to it.
  if (buying) return bar.open >= price ? bar.open : bar.high >= price ? price : null;
  return bar.open <= price ? bar.open : bar.low <= price ? price : null;
}

export interface ExitLevels {
  /** The protective stop (stop loss or trailing, whichever is tighter), or null. */
  readonly stop: number | null;
  readonly target: number | null;
}

/**
 * Which exit a bar triggers for a position, and at what price. When both the stop and the target
 * lie inside one bar and neither was gapped through at the open, the stop is assumed to fill
 * first: the bar cannot say which came first, and assuming the worse is the honest choice.
 */
export function exitOnBar(
  long: boolean,
  levels: ExitLevels,
  bar: BarPrices,
): { readonly kind: 'stop' | 'target'; readonly price: number } | null {
  const closing: Side = long ? 'SELL' : 'BUY';
  const stop = levels.stop === null ? null : triggeredPrice('STOP', closing, levels.stop, bar);
  const target =
    levels.target === null ? null : triggeredPrice('LIMIT', closing, levels.target, bar);
  if (stop !== null && target !== null) {
    // A gap through one level decides it: the open is the first price of the bar.
    if (target === bar.open && stop !== bar.open) return { kind: 'target', price: target };
    return { kind: 'stop', price: stop };
  }
  if (stop !== null) return { kind: 'stop', price: stop };
  if (target !== null) return { kind: 'target', price: target };
  return null;
}
