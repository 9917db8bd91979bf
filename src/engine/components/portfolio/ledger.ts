/**
 * A ledger of positions at average cost, with the realised P&L and commissions they made: the
 * portfolio keeps one for the whole book and one per strategy.
 */
interface Holding {
  readonly symbol: string;
  quantity: number;
  average: number;
}

export class Ledger {
  readonly holdings = new Map<string, Holding>();
  /**
   * The same holdings in the order they were opened (the Map's order), walked by index at every
   * bar's marking: iterating the Map made an iterator and an entry per bar.
   */
  private readonly list: Holding[] = [];
  realized = 0;
  commission = 0;
  /** How many symbols have a position open. */
  open = 0;

  /** Applies a signed fill; returns the P&L it realised. */
  apply(symbol: string, signed: number, price: number, fee: number): number {
    this.commission += fee;
    let holding = this.holdings.get(symbol);
    if (!holding) {
      holding = { symbol, quantity: 0, average: 0 };
      this.holdings.set(symbol, holding);
      this.list.push(holding);
    }
    const { quantity, average } = holding;
    if (quantity === 0) this.open++;
    if (quantity + signed === 0) this.open--;
    if (quantity === 0 || Math.sign(quantity) === Math.sign(signed)) {
      holding.average =
        (average * Math.abs(quantity) + price * Math.abs(signed)) /
        (Math.abs(quantity) + Math.abs(signed));
      holding.quantity = quantity + signed;
      return 0;
    }
    const closing = Math.min(Math.abs(signed), Math.abs(quantity));
    const realized = closing * (price - average) * Math.sign(quantity);
    this.realized += realized;
    holding.quantity = quantity + signed;
    if (holding.quantity === 0) holding.average = 0;
    else if (Math.sign(holding.quantity) !== Math.sign(quantity)) holding.average = price;
    return realized;
  }

  unrealized(closes: ReadonlyMap<string, number>): number {
    let total = 0;
    for (let i = 0; i < this.list.length; i++) {
      const { symbol, quantity, average } = this.list[i]!;
      if (quantity !== 0) total += quantity * ((closes.get(symbol) ?? average) - average);
    }
    return total;
  }

  /** Holdings at these closes (0 where a close is missing), added to `cash` in opening order. */
  marked(cash: number, closes: ReadonlyMap<string, number>): number {
    let total = cash;
    for (let i = 0; i < this.list.length; i++) {
      const { symbol, quantity } = this.list[i]!;
      total += quantity * (closes.get(symbol) ?? 0);
    }
    return total;
  }
}
