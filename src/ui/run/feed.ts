/**
 * What a run has produced so far, kept outside React state: candles, overlay lines, marks, equity
 * points and the event log can hold millions of numbers, and views read them incrementally when
 * the run store's version changes (once per animation frame at most).
 */
import type {
  CandleColumns,
  LinePoints,
  LogEntry,
  PortfolioResult,
  RejectedSignal,
  TradeMark,
} from '../../worker/protocol';

/** Log entries kept in memory; older ones are dropped and counted. */
export const LOG_CAP = 50_000;
export const REJECTED_CAP = 10_000;

export class Line {
  time: number[] = [];
  value: number[] = [];
  /** Appends in time order; a point at the time of the last one replaces it (charts need unique times). */
  append(points: LinePoints | { time: readonly number[]; value: readonly number[] }) {
    for (let i = 0; i < points.time.length; i++) {
      const time = points.time[i]!;
      const last = this.time.length - 1;
      if (last >= 0 && time <= this.time[last]!) {
        if (time === this.time[last]) this.value[last] = points.value[i]!;
        continue;
      }
      this.time.push(time);
      this.value.push(points.value[i]!);
    }
  }
}

export class RunFeed {
  candles: CandleColumns | null = null;
  overlayNames: readonly string[] = [];
  readonly overlays = new Map<string, Line>();
  marks: TradeMark[] = [];
  readonly equity = new Map<string, Line>();
  log: LogEntry[] = [];
  /** Entries dropped from the front of the log by the memory cap. */
  logDropped = 0;
  /** Entries the worker did not send because a batch was over its budget. */
  logSkipped = 0;
  rejected: RejectedSignal[] = [];
  rejectedTotal = 0;
  results: readonly PortfolioResult[] | null = null;

  clear(): void {
    this.overlays.clear();
    this.marks = [];
    this.equity.clear();
    this.log = [];
    this.logDropped = 0;
    this.logSkipped = 0;
    this.rejected = [];
    this.rejectedTotal = 0;
    this.results = null;
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

  appendRejected(entries: readonly RejectedSignal[]): void {
    this.rejectedTotal += entries.length;
    for (const entry of entries) if (this.rejected.length < REJECTED_CAP) this.rejected.push(entry);
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
