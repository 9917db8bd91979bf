/**
 * The event seqs a container has seen in the current bar step, for dropping the second arrival of
 * an event in a diamond. A step brings a container a handful of events, so a short array beats a
 * Set (and clears in O(1): a count, not a length change, which costs a runtime call); a busy step
 * moves on to a Set.
 */
const SMALL = 32;

export class SeenSet {
  private readonly small = new Float64Array(SMALL);
  private count = 0;
  private large: Set<number> | null = null;

  /** Adds a seq; false when it was already there. */
  add(seq: number): boolean {
    const large = this.large;
    if (large !== null) {
      if (large.has(seq)) return false;
      large.add(seq);
      return true;
    }
    const small = this.small;
    const count = this.count;
    for (let i = 0; i < count; i++) if (small[i] === seq) return false;
    if (count < SMALL) {
      small[count] = seq;
      this.count = count + 1;
      return true;
    }
    this.large = new Set(small);
    this.large.add(seq);
    return true;
  }

  clear(): void {
    this.count = 0;
    this.large = null;
  }
}
