/**
 * Merges every data container's series into bar steps: one step per distinct timestamp, holding
 * the bars of every series that has one then, in container order and then series order.
 */
import type { BarSeries } from '../data/bars';

export class Timeline {
  private readonly cursors: number[];
  readonly stepSources: number[] = [];
  readonly stepIndexes: number[] = [];
  private readonly sources: readonly { readonly container: number; readonly series: BarSeries }[];
  readonly totalSteps: number;

  constructor(sources: readonly { readonly container: number; readonly series: BarSeries }[]) {
    this.sources = sources;
    this.cursors = sources.map(() => 0);
    this.totalSteps = countDistinct(sources.map(({ series }) => series.timestamp));
  }

  reset(): void {
    this.cursors.fill(0);
  }

  /**
   * Advances to the next step and returns its time, or NaN at the end. The step's bars are then
   * in `stepSources` / `stepIndexes` (source position and bar index), valid until the next call:
   * reused arrays, so a million steps allocate nothing here.
   */
  next(): number {
    let time = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.sources.length; i++) {
      const column = this.sources[i]!.series.timestamp;
      const cursor = this.cursors[i]!;
      if (cursor < column.length && column[cursor]! < time) time = column[cursor]!;
    }
    this.stepSources.length = 0;
    this.stepIndexes.length = 0;
    if (time === Number.POSITIVE_INFINITY) return Number.NaN;
    for (let i = 0; i < this.sources.length; i++) {
      const column = this.sources[i]!.series.timestamp;
      const cursor = this.cursors[i]!;
      if (cursor < column.length && column[cursor] === time) {
        this.stepSources.push(i);
        this.stepIndexes.push(cursor);
        this.cursors[i] = cursor + 1;
      }
    }
    return time;
  }

  source(position: number): { readonly container: number; readonly series: BarSeries } {
    return this.sources[position]!;
  }
}

function countDistinct(columns: readonly Float64Array[]): number {
  if (columns.length === 1) return columns[0]!.length;
  const cursors = columns.map(() => 0);
  let steps = 0;
  for (;;) {
    let time = Number.POSITIVE_INFINITY;
    for (let i = 0; i < columns.length; i++) {
      const cursor = cursors[i]!;
      if (cursor < columns[i]!.length && columns[i]![cursor]! < time) time = columns[i]![cursor]!;
    }
    if (time === Number.POSITIVE_INFINITY) return steps;
    steps++;
    for (let i = 0; i < columns.length; i++) {
      if (columns[i]![cursors[i]!] === time) cursors[i] = cursors[i]! + 1;
    }
  }
}
