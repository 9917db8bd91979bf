/**
 * Bars as columns of typed arrays: a million bars cost 48 MB instead of a million objects, and
 * the columns can cross to and from a Web Worker as transferables without copying.
 */
export interface BarSeries {
  readonly symbol: string;
  /** Milliseconds since the Unix epoch (UTC), strictly increasing. */
  readonly timestamp: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function barCount(series: BarSeries): number {
  return series.timestamp.length;
}

/** A series built from plain rows; handy in tests and for small inputs. */
export function seriesFromRows(
  symbol: string,
  rows: readonly {
    readonly timestamp: number;
    readonly open: number;
    readonly high: number;
    readonly low: number;
    readonly close: number;
    readonly volume: number;
  }[],
): BarSeries {
  const column = (pick: (row: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
  return {
    symbol,
    timestamp: column((row) => row.timestamp),
    open: column((row) => row.open),
    high: column((row) => row.high),
    low: column((row) => row.low),
    close: column((row) => row.close),
    volume: column((row) => row.volume),
  };
}
