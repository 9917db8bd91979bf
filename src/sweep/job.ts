/**
 * A sweep's unit of work, as plain data: a cell job is the flow text, a reference to its bars
 * (with the content's hash), the cell's parameters and, for walk-forward, a window of time; its
 * result is one row. Jobs cross to Web Workers, worker_threads and (issue 18) a job queue
 * unchanged, so nothing here holds a function, a class or a typed array.
 */
import type { Metrics } from '../engine/metrics/metrics';
import type { Cell } from '../flow/grid';

/**
 * Where a cell's bars come from: the flow's own data containers (sample sets, the synthetic
 * generator, CSV files named in the flow), or one CSV that replaces every data container's bars
 * (the runner's --data, the app's upload), known by its name and content hash. The host that runs
 * the job supplies the CSV's text for that hash.
 */
export type DataRef =
  | { readonly kind: 'flow' }
  | { readonly kind: 'csv'; readonly name: string; readonly hash: string };

/** Bars from `from` (inclusive) to `to` (exclusive), in ms since the epoch: a walk-forward window. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
  /**
   * Measure from here on: the bars before it only warm the indicators up (and may open a
   * position, which is carried in, as it would be live). Figures and the curve start here.
   */
  readonly measureFrom?: number;
}

export interface CellJob {
  /** The grid flow's YAML text: the same for every cell of a sweep. */
  readonly flow: string;
  readonly data: DataRef;
  /** The cell's place in the grid (stable: the same grid gives the same indexes). */
  readonly index: number;
  readonly cell: Cell;
  readonly window?: TimeWindow;
  /**
   * May the risk and execution parameters be swept over signals recorded once (signal replay)?
   * The result is the same either way; replay is only faster. Default true.
   */
  readonly replay?: boolean;
  /**
   * Cells of one group share their signals (they differ only on the execution side): a pool
   * gives a group to one worker while it can, so that worker records once and replays the rest.
   */
  readonly group?: string;
  /** Return the first portfolio's equity curve with the row (walk-forward stitches them). */
  readonly curve?: boolean;
}

export interface EquityCurve {
  readonly time: readonly number[];
  readonly equity: readonly number[];
  readonly initial: number;
}

export interface CellResult {
  readonly index: number;
  readonly cell: Cell;
  /** The first portfolio's metrics (the row's figures); null when the run failed. */
  readonly metrics: Metrics | null;
  /** Every portfolio's metrics, by container name, when the flow has several. */
  readonly portfolios: Readonly<Record<string, Metrics>>;
  readonly bars: number;
  readonly events: number;
  readonly deadLetters: number;
  /** How the cell was run: a full run of the flow, or a replay of recorded signals. */
  readonly mode: 'full' | 'replay';
  readonly curve?: EquityCurve;
  /** Why the run failed (a flow error, a runaway loop), in plain words. */
  readonly error: string | null;
  readonly ms: number;
}

/** A small, stable hash of text (FNV-1a, 32 bits, hex): names a data set or a flow in caches. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(16)}`;
}

/** The row of a cell that could not run, with why. */
export function failedResult(
  job: Pick<CellJob, 'index' | 'cell'>,
  error: string,
  ms = 0,
): CellResult {
  return {
    index: job.index,
    cell: job.cell,
    metrics: null,
    portfolios: {},
    bars: 0,
    events: 0,
    deadLetters: 0,
    mode: 'full',
    error,
    ms,
  };
}
