/**
 * Trade ids: every event of one round trip (flat to flat, per strategy and symbol) carries the same
 * `trade_id`, from the signal that opens it to the fill that closes it, so its entry and its exit,
 * bars apart and in different correlation chains, can be read as one trade.
 *
 * The engine follows each strategy's filled position per symbol from the fills it stamps:
 * - a signal belongs to the open trade while there is a position, else to the next trade in its
 *   direction (a new id, kept for the next entry that way until one of its orders fills; a flat
 *   signal with no position belongs to none);
 * - an order belongs to the open trade, except an entry against the position (the second half of
 *   a reversal), which opens the next trade, as does any order while there is no position;
 * - a fill belongs to its order's trade; a fill that takes the position through zero closes the
 *   trade and opens the next with the rest;
 * - every other event belongs to the trade of its cause.
 */
import type { AnyEvent, EventType } from '../events';

interface Position {
  quantity: number;
  trade: string | null;
}

type Payload = Readonly<Record<string, unknown>>;

export class TradeTracker {
  private readonly positions = new Map<string, Position>();
  /** The id the next trade of a key will take, and its direction (1 long, -1 short). */
  private readonly next = new Map<string, { id: string; direction: number }>();
  private count = 0;

  stamp(type: EventType, payload: Payload, cause: AnyEvent | null): string | null {
    switch (type) {
      case 'TradingSignal':
        return this.signal(payload);
      case 'OrderEvent':
        return this.order(payload);
      case 'FillEvent':
        return this.fill(payload, cause);
      default:
        return cause ? cause.trade_id : null;
    }
  }

  clear(): void {
    this.positions.clear();
    this.next.clear();
    this.count = 0;
  }

  private signal(payload: Payload): string | null {
    const key = keyOf(payload);
    const position = this.positions.get(key);
    if (position && position.quantity !== 0) return position.trade;
    const direction = Number(payload.direction);
    return direction === 0 ? null : this.upcoming(key, direction);
  }

  private order(payload: Payload): string {
    const key = keyOf(payload);
    const position = this.positions.get(key);
    const side = payload.side === 'BUY' ? 1 : -1;
    if (!position || position.quantity === 0) return this.upcoming(key, side);
    if (payload.reason === 'entry' && Math.sign(position.quantity) !== side)
      return this.upcoming(key, side);
    return position.trade!;
  }

  private fill(payload: Payload, cause: AnyEvent | null): string {
    const key = keyOf(payload);
    let position = this.positions.get(key);
    if (!position) {
      position = { quantity: 0, trade: null };
      this.positions.set(key, position);
    }
    const signed = payload.side === 'BUY' ? Number(payload.quantity) : -Number(payload.quantity);
    const trade =
      cause?.trade_id ??
      (position.quantity !== 0 ? position.trade! : this.upcoming(key, Math.sign(signed)));
    const before = position.quantity;
    position.quantity = before + signed;
    if (before === 0) {
      position.trade = trade;
      if (this.next.get(key)?.id === trade) this.next.delete(key);
    } else if (position.quantity !== 0 && Math.sign(position.quantity) !== Math.sign(before)) {
      // Through zero: the rest is the next trade.
      position.trade = this.upcoming(key, Math.sign(position.quantity));
      this.next.delete(key);
    }
    return trade;
  }

  /** The next trade's id that way: kept while entries that way wait, new for the other way. */
  private upcoming(key: string, direction: number): string {
    const next = this.next.get(key);
    if (next && next.direction === direction) return next.id;
    const id = `T${++this.count}`;
    this.next.set(key, { id, direction });
    return id;
  }
}

function keyOf(payload: Payload): string {
  return `${String(payload.strategy_id)}\u0000${String(payload.symbol)}`;
}
