/**
 * What a run has produced so far, kept outside React state: candles, overlay lines, marks, equity
 * points and the event log can hold millions of numbers, and views read them incrementally when
 * the run store's version changes (once per animation frame at most).
 */
import type { BreakerTransition, Incident } from '../../engine';
import type {
  CandleColumns,
  ChartInfo,
  DeadLetterRow,
  IncidentBatch,
  LineInfo,
  LinePoints,
  LogEntry,
  PortfolioResult,
  TradeLine,
  TradeMark,
} from '../../worker/protocol';
import { firstAtOrAfter, partitionPoint } from './search';

/** Log entries kept in memory; older ones are dropped and counted. */
export const LOG_CAP = 50_000;

/**
 * A growing series of points kept as the chunks that arrived (transferred Float64Arrays): an
 * append costs nothing per point, which matters when two overlays of a million points arrive.
 */
export class Line {
  readonly chunks: {
    readonly time: Float64Array;
    readonly value: Float64Array;
    readonly start: number;
  }[] = [];
  length = 0;

  /** Appends in time order; a point at the time of the last one replaces it (charts need unique times). */
  append(points: LinePoints): void {
    let skip = 0;
    const last = this.chunks.at(-1);
    if (last) {
      const lastTime = last.time[last.time.length - 1]!;
      while (skip < points.time.length && points.time[skip]! <= lastTime) {
        if (points.time[skip] === lastTime) last.value[last.value.length - 1] = points.value[skip]!;
        skip++;
      }
    }
    if (skip === points.time.length) return;
    const time = skip === 0 ? points.time : points.time.subarray(skip);
    const value = skip === 0 ? points.value : points.value.subarray(skip);
    this.chunks.push({ time, value, start: this.length });
    this.length += time.length;
  }

  /** Index of the first point at or after `time` (the length if none). */
  indexAtOrAfter(time: number): number {
    if (this.length === 0 || !(time > this.chunks[0]!.time[0]!)) return 0;
    let c = this.chunks.length - 1;
    while (c > 0 && this.chunks[c]!.time[0]! > time) c--;
    const chunk = this.chunks[c]!;
    return chunk.start + firstAtOrAfter(chunk.time, time, (t) => t);
  }

  /** Calls back for points [from, …) while it returns true. */
  scan(from: number, visit: (index: number, time: number, value: number) => boolean): void {
    let c = this.chunks.length - 1;
    while (c > 0 && this.chunks[c]!.start > from) c--;
    for (; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      for (let i = Math.max(0, from - chunk.start); i < chunk.time.length; i++)
        if (!visit(chunk.start + i, chunk.time[i]!, chunk.value[i]!)) return;
    }
  }
}

/** Candles of the charted symbol, bucket by bucket (at most CHART_POINTS). */
export class Candles {
  readonly time: number[] = [];
  readonly open: number[] = [];
  readonly high: number[] = [];
  readonly low: number[] = [];
  readonly close: number[] = [];
  readonly volume: number[] = [];
  /** Bars of the charted symbol played so far. */
  bars = 0;

  append(update: CandleColumns): void {
    for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const target = this[column];
      target.length = Math.min(target.length, update.first);
      for (const value of update[column]) target.push(value);
    }
    this.bars = update.bars;
  }
}

export class RunFeed {
  /** The charted symbol (and the run's others); what follows up to `chartFills` is its own. */
  chart: ChartInfo | null = null;
  candles = new Candles();
  readonly overlays = new Map<string, Line>();
  /** Where each indicator line is drawn (price pane or its own). */
  readonly lineInfo = new Map<string, LineInfo>();
  marks: TradeMark[] = [];
  /** Closed trades, entry to exit (the first TRADE_LINES), and how many more were left out. */
  tradeLines: TradeLine[] = [];
  tradeLinesLeftOut = 0;
  /** Fills of the charted symbol (its marks merge those sharing a candle). */
  chartFills = 0;
  /** Bumped whenever the chart's data starts over (a clear, another symbol). */
  chartGeneration = 0;
  readonly equity = new Map<string, Line>();
  log: LogEntry[] = [];
  /** Entries dropped from the front of the log by the memory cap. */
  logDropped = 0;
  /** Entries the worker did not send because a batch was over its budget. */
  logSkipped = 0;
  /** Incidents as the worker lists them (the engine lists the first 10,000; counts cover all). */
  incidents: Incident[] = [];
  incidentCounts: Omit<IncidentBatch, 'fresh'> | null = null;
  /** Dead letters with their details (the first DEAD_LETTER_ROWS; the run store has the count). */
  deadLetters: DeadLetterRow[] = [];
  /** Every change of a circuit breaker, oldest first. */
  breakers: BreakerTransition[] = [];
  results: readonly PortfolioResult[] | null = null;
  /** Bumped by every clear, so that views know their incremental drawing must start over. */
  generation = 0;

  clear(): void {
    this.generation++;
    this.resetChart(null);
    this.equity.clear();
    this.log = [];
    this.logDropped = 0;
    this.logSkipped = 0;
    this.incidents = [];
    this.incidentCounts = null;
    this.deadLetters = [];
    this.breakers = [];
    this.results = null;
  }

  /** Drops what was charted: another symbol's data follows. */
  resetChart(chart: ChartInfo | null): void {
    this.chartGeneration++;
    this.chart = chart;
    this.candles = new Candles();
    this.overlays.clear();
    this.lineInfo.clear();
    this.marks = [];
    this.tradeLines = [];
    this.tradeLinesLeftOut = 0;
    this.chartFills = 0;
  }

  appendLog(entries: readonly LogEntry[], skipped: number): void {
    this.logSkipped += skipped;
    if (entries.length === 0) return;
    for (const entry of entries) this.log.push(entry);
    // Trim in chunks so that a full log costs one copy per 5,000 entries, not one per batch.
    if (this.log.length > LOG_CAP + 5_000) {
      const excess = this.log.length - LOG_CAP;
      this.log = this.log.slice(excess);
      this.logDropped += excess;
    }
  }

  /** Replaces the log from the tail's first entry on with the complete tail. */
  replaceTail(tail: readonly LogEntry[]): void {
    const first = tail[0];
    if (!first) return;
    const lo = partitionPoint(this.log.length, (index) => this.log[index]!.seq < first.seq);
    const replaced = this.log.length - lo;
    this.log.length = lo;
    for (const entry of tail) this.log.push(entry);
    this.logSkipped = Math.max(0, this.logSkipped - (tail.length - replaced));
  }

  appendIncidents({ fresh, ...counts }: IncidentBatch): void {
    for (const incident of fresh) this.incidents.push(incident);
    this.incidentCounts = counts;
  }

  line(map: Map<string, Line>, name: string): Line {
    let line = map.get(name);
    if (!line) {
      line = new Line();
      map.set(name, line);
    }
    return line;
  }
}

export const feed = new RunFeed();
