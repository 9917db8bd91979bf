/**
 * A growing column of numbers in a Float64Array: one point per bar over a million bars without
 * the garbage collector scanning it or copying a boxed array as it grows.
 */
export class Series {
  private values = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
  }

  /** A copy of the points so far. */
  toArray(): Float64Array {
    return this.values.slice(0, this.count);
  }
}
