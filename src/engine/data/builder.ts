import type { BarSeries } from './bars';

const COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Collects one symbol's columns in typed arrays that double as they fill. */
export class Builder {
  private columns: Float64Array[] = COLUMNS.map(() => new Float64Array(1024));
  private count = 0;
  lastTimestamp: number | null = null;
  lastLine = 0;

  constructor(readonly symbol: string) {}

  get length(): number {
    return this.count;
  }

  push(
    timestamp: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    line: number,
  ): void {
    if (this.count === this.columns[0]!.length) {
      this.columns = this.columns.map((column) => {
        const grown = new Float64Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    }
    const [t, o, h, l, c, v] = this.columns as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const i = this.count++;
    t[i] = timestamp;
    o[i] = open;
    h[i] = high;
    l[i] = low;
    c[i] = close;
    v[i] = volume;
    this.lastTimestamp = timestamp;
    this.lastLine = line;
  }

  build(): BarSeries {
    const [timestamp, open, high, low, close, volume] = this.columns.map((column) =>
      column.slice(0, this.count),
    ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    return { symbol: this.symbol, timestamp, open, high, low, close, volume };
  }
}
