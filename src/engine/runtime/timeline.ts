/**
 * Merges every data container's series into bar steps: one step per distinct timestamp, holding
 * the bars of every series that has one then, in container order and then series order.
 */
import type { BarSeries } from '../data/bars';

export class Timeline {
  private readonly cursors: number[];
  readonly stepSources: number[] = [];
  readonly stepIndexes: number[] = [];
  /** How many of stepSources / stepIndexes belong to the current step. */
  stepCount = 0;
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
   * the first `stepCount` of `stepSources` / `stepIndexes` (source position and bar index), valid
   * until the next call: reused arrays, so a million steps allocate nothing here.
   */
  next(): number {
    const sources = this.sources;
    if (sources.length === 1) {
      // One series: every bar is a step of its own.
      const column = sources[0]!.series.timestamp;
      const cursor = this.cursors[0]!;
      if (cursor >= column.length) {
        this.stepCount = 0;
        return Number.NaN;
      }
      this.stepSources[0] = 0;
      this.stepIndexes[0] = cursor;
      this.stepCount = 1;
      this.cursors[0] = cursor + 1;
      return column[cursor]!;
    }
    let time = Number.POSITIVE_INFINITY;
    for (let i = 0; i < sources.length; i++) {
      const column = sources[i]!.series.timestamp;
      const cursor = this.cursors[i]!;
      if (cursor < column.length && column[cursor]! < time) time = column[cursor]!;
    }
    let count = 0;
    if (time !== Number.POSITIVE_INFINITY) {
      for (let i = 0; i < sources.length; i++) {
        const column = sources[i]!.series.timestamp;
        const cursor = this.cursors[i]!;
        if (cursor < column.length && column[cursor] === time) {
          this.stepSources[count] = i;
          this.stepIndexes[count] = cursor;
          count++;
          this.cursors[i] = cursor + 1;
        }
      }
    }
    this.stepCount = count;
    return count === 0 ? Number.NaN : time;
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
