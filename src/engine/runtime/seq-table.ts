/**
 * A hash table from positive integers (event sequence numbers) to values: open addressing with
 * linear probing and backward-shift deletion, so a table that takes in and lets go of an entry
 * every bar step keeps no tombstones and never rebuilds itself except to grow. The tracer files
 * every bar's chain in one and forgets one: in a Map keyed by the id strings that churn cost
 * about a microsecond a bar (hashing fresh strings, rebuilding a table full of deleted entries).
 */
export class SeqTable<T> {
  private keys = new Float64Array(64);
  private values: (T | undefined)[] = new Array(64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): T | undefined {
    const mask = this.keys.length - 1;
    for (let at = this.home(key); ; at = (at + 1) & mask) {
      const found = this.keys[at]!;
      if (found === key) return this.values[at];
      if (found === 0) return undefined;
    }
  }

  /** Adds or replaces; `key` must be a positive safe integer. */
  set(key: number, value: T): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let at = this.home(key);
    while (this.keys[at] !== 0 && this.keys[at] !== key) at = (at + 1) & mask;
    if (this.keys[at] === 0) this.count++;
    this.keys[at] = key;
    this.values[at] = value;
  }

  delete(key: number): boolean {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = this.home(key);
    while (keys[at] !== key) {
      if (keys[at] === 0) return false;
      at = (at + 1) & mask;
    }
    // Backward shift: move up each later entry of the run whose home is not between the hole
    // and it, so every entry stays reachable from its home without a tombstone.
    let hole = at;
    for (let next = (hole + 1) & mask; keys[next] !== 0; next = (next + 1) & mask) {
      const home = this.home(keys[next]!);
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      keys[hole] = keys[next]!;
      this.values[hole] = this.values[next];
      hole = next;
    }
    keys[hole] = 0;
    this.values[hole] = undefined;
    this.count--;
    return true;
  }

  /** Every value, in no particular order. */
  *valuesUnordered(): IterableIterator<T> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) yield this.values[i]!;
  }

  clear(): void {
    this.keys = new Float64Array(64);
    this.values = new Array(64);
    this.count = 0;
  }

  /**
   * A key's home slot: keys in blocks of 64 consecutive numbers, each block at a slot range of its
   * own, scattered by a multiplicative hash (odd, so blocks that fit in the table never share a
   * range). The tracer's keys are sequence numbers that rise a few at a time, so the chains of
   * recent bar steps sit side by side (the one filed and the one forgotten each bar step are next
   * to the previous step's) instead of scattered over a table larger than the processor's cache,
   * and keys a fixed stride apart still spread over the whole table.
   */
  private home(key: number): number {
    const blocks = this.keys.length >>> 6;
    return ((Math.imul((key / 64) | 0, 0x9e3779b1) & (blocks - 1)) << 6) | (key & 63);
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!);
  }
}
