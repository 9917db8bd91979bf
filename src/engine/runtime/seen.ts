/**
 * The event seqs a container has seen in the current bar step, for dropping the second arrival of
 * an event in a diamond. A step brings a container a handful of events, so a short array beats a
 * Set (and clears in O(1)); a busy step moves on to a Set.
 */
const SMALL = 32;

export class SeenSet {
  private readonly small: number[] = [];
  private large: Set<number> | null = null;

  /** Adds a seq; false when it was already there. */
  add(seq: number): boolean {
    if (this.large) {
      if (this.large.has(seq)) return false;
      this.large.add(seq);
      return true;
    }
    const small = this.small;
    for (let i = 0; i < small.length; i++) if (small[i] === seq) return false;
    if (small.length < SMALL) {
      small.push(seq);
      return true;
    }
    this.large = new Set(small);
    this.large.add(seq);
    return true;
  }

  clear(): void {
    this.small.length = 0;
    this.large = null;
  }
}
