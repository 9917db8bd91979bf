/** A fixed-size window of the latest values, oldest first, with O(1) push. */
export class Window {
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.size;
  }

  /** Adds a value; returns the one that fell out, or NaN while the window was filling. */
  push(value: number): number {
    if (this.count < this.size) {
      this.values[(this.start + this.count) % this.size] = value;
      this.count++;
      return Number.NaN;
    }
    const dropped = this.values[this.start]!;
    this.values[this.start] = value;
    this.start = (this.start + 1) % this.size;
    return dropped;
  }

  /** i = 0 is the oldest value in the window. */
  at(i: number): number {
    return this.values[(this.start + i) % this.size]!;
  }

  newest(): number {
    return this.at(this.count - 1);
  }

  sum(): number {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.values[i]!;
    return total;
  }

  max(): number {
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.count; i++) if (this.values[i]! > best) best = this.values[i]!;
    return best;
  }

  min(): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.count; i++) if (this.values[i]! < best) best = this.values[i]!;
    return best;
  }

  reset(): void {
    this.start = 0;
    this.count = 0;
  }
}

/**
 * A moving sum kept by adding the new value and subtracting the dropped one, re-summed exactly
 * every `size` updates so rounding error cannot build up over a million bars.
 */
export class MovingSum {
  private readonly window: Window;
  private total = 0;
  private sinceExact = 0;

  constructor(size: number) {
    this.window = new Window(size);
  }

  get ready(): boolean {
    return this.window.full;
  }

  get value(): number {
    return this.total;
  }

  get items(): Window {
    return this.window;
  }

  push(value: number): void {
    const dropped = this.window.push(value);
    this.total += Number.isNaN(dropped) ? value : value - dropped;
    if (++this.sinceExact >= this.window.size) {
      this.total = this.window.sum();
      this.sinceExact = 0;
    }
  }
}
