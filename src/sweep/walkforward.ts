/**
 * Walk-forward analysis: the bars cut into in-sample and out-of-sample windows (rolling: each
 * in-sample window the same length, moving forward by the out-of-sample length; anchored: every
 * in-sample window starts at the first bar); in each, the grid is run in sample, the best cell by
 * the chosen metric is run out of sample (from as many bars before the window as an in-sample
 * window holds, so its indicators are warm, and measured from the window's first bar; a position
 * opened in the warm-up is carried in, as it would be live), and the out-of-sample equity curves are stitched into
 * one (each window starts from the equity the last one ended with), reported beside the
 * in-sample figures.
 */
import { computeMetrics, type Metrics } from '../engine/metrics/metrics';
import type { Cell, WalkForwardSettings } from '../flow/grid';
import { bestRow, type MetricKey, metricOf } from './aggregate';
import type { CellJob, CellResult, TimeWindow } from './job';

export interface WalkForwardWindow {
  readonly index: number;
  /**
   * Where the out-of-sample run starts: as many bars before the window as an in-sample window
   * holds, so indicators are warm when the window opens (figures count from the window on).
   */
  readonly warmupFrom: number;
  readonly inSample: TimeWindow;
  readonly outOfSample: TimeWindow;
  readonly inBars: number;
  readonly outBars: number;
}

/** Windows over a timeline of bar timestamps; none when the bars are too few for one. */
export function walkForwardWindows(
  timeline: readonly number[],
  settings: WalkForwardSettings,
): WalkForwardWindow[] {
  const windows: WalkForwardWindow[] = [];
  const n = timeline.length;
  const end = (i: number) => (i < n ? timeline[i]! : timeline[n - 1]! + 1);
  for (let start = settings.in_sample; start + 2 <= n; start += settings.out_of_sample) {
    const inFrom = settings.mode === 'anchored' ? 0 : start - settings.in_sample;
    const outTo = Math.min(n, start + settings.out_of_sample);
    windows.push({
      index: windows.length,
      warmupFrom: timeline[start - settings.in_sample]!,
      inSample: { from: timeline[inFrom]!, to: end(start) },
      outOfSample: { from: timeline[start]!, to: end(outTo) },
      inBars: start - inFrom,
      outBars: outTo - start,
    });
  }
  return windows;
}

export interface WindowReport {
  readonly window: WalkForwardWindow;
  /** The best in-sample cell and its in-sample metrics; null when no in-sample run succeeded. */
  readonly best: Cell | null;
  readonly inSample: Metrics | null;
  readonly outOfSample: Metrics | null;
  readonly error: string | null;
}

export interface WalkForwardReport {
  readonly metric: MetricKey;
  readonly windows: readonly WindowReport[];
  /** The stitched out-of-sample equity. */
  readonly time: readonly number[];
  readonly equity: readonly number[];
  /** Figures of the stitched curve; trades summed over the out-of-sample runs. */
  readonly outOfSample: Metrics | null;
  /** Mean of each window's best in-sample metric and of its out-of-sample metric. */
  readonly meanInSample: number;
  readonly meanOutOfSample: number;
  /** Mean out-of-sample CAGR over mean in-sample CAGR: near 1 when the optimum holds up. */
  readonly efficiency: number;
}

export interface WalkForwardProgress {
  readonly window: number;
  readonly windows: number;
  readonly phase: 'in-sample' | 'out-of-sample';
}

/**
 * Runs the walk-forward: `runCells` runs a batch of jobs (the sweep's pool), so in-sample grids
 * use every worker. `jobs` are the grid's cells without a window.
 */
export async function walkForward(
  jobs: readonly CellJob[],
  windows: readonly WalkForwardWindow[],
  metric: MetricKey,
  runCells: (jobs: readonly CellJob[]) => Promise<readonly CellResult[]>,
  onWindow?: (report: WindowReport, progress: WalkForwardProgress) => void,
): Promise<WalkForwardReport> {
  const reports: WindowReport[] = [];
  const curves: { time: readonly number[]; equity: readonly number[]; initial: number }[] = [];
  let trades = 0;
  for (const window of windows) {
    const inSample = await runCells(jobs.map((job) => ({ ...job, window: window.inSample })));
    const best = bestRow(inSample, metric);
    let report: WindowReport;
    if (!best) {
      report = {
        window,
        best: null,
        inSample: null,
        outOfSample: null,
        error: inSample.find((r) => r.error)?.error ?? 'no in-sample run succeeded',
      };
    } else {
      const template = jobs.find((job) => job.index === best.index)!;
      const [outcome] = await runCells([
        {
          ...template,
          window: {
            from: window.warmupFrom,
            to: window.outOfSample.to,
            measureFrom: window.outOfSample.from,
          },
          curve: true,
          replay: false,
        },
      ]);
      if (outcome?.curve && outcome.metrics) {
        curves.push(outcome.curve);
        trades += outcome.metrics.trades;
      }
      report = {
        window,
        best: best.cell,
        inSample: best.metrics,
        outOfSample: outcome?.metrics ?? null,
        error: outcome?.error ?? null,
      };
    }
    reports.push(report);
    onWindow?.(report, { window: window.index, windows: windows.length, phase: 'out-of-sample' });
  }
  const stitched = stitch(curves);
  const initial = curves[0]?.initial ?? 0;
  const outOfSample =
    stitched.time.length > 0
      ? {
          ...computeMetrics(
            stitched.time,
            stitched.equity,
            new Uint8Array(stitched.time.length),
            [],
            initial,
          ),
          trades,
          win_rate: Number.NaN,
          profit_factor: Number.NaN,
          expectancy: Number.NaN,
          average_trade: Number.NaN,
          best_trade: Number.NaN,
          worst_trade: Number.NaN,
          exposure: Number.NaN,
        }
      : null;
  const mean = (values: number[]) =>
    values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  const valid = reports.filter((r) => r.inSample && r.outOfSample);
  const pick = (metrics: Metrics | null, key: MetricKey) =>
    metrics ? metricOf({ metrics } as CellResult, key) : Number.NaN;
  const inCagr = mean(valid.map((r) => pick(r.inSample, 'cagr')));
  const outCagr = mean(valid.map((r) => pick(r.outOfSample, 'cagr')));
  return {
    metric,
    windows: reports,
    time: stitched.time,
    equity: stitched.equity,
    outOfSample,
    meanInSample: mean(valid.map((r) => pick(r.inSample, metric))),
    meanOutOfSample: mean(valid.map((r) => pick(r.outOfSample, metric))),
    efficiency: inCagr === 0 ? Number.NaN : outCagr / inCagr,
  };
}

/** Out-of-sample curves joined: each scaled to start from the equity the one before ended with. */
export function stitch(
  curves: readonly { time: readonly number[]; equity: readonly number[]; initial: number }[],
): {
  time: number[];
  equity: number[];
} {
  const time: number[] = [];
  const equity: number[] = [];
  let level = curves[0]?.initial ?? 0;
  for (const curve of curves) {
    const from = level;
    const scaled = (value: number) =>
      curve.initial === 0 ? value : (value * from) / curve.initial;
    for (let i = 0; i < curve.time.length; i++) {
      time.push(curve.time[i]!);
      equity.push(scaled(curve.equity[i]!));
    }
    if (curve.equity.length > 0) level = scaled(curve.equity.at(-1)!);
  }
  return { time, equity };
}
