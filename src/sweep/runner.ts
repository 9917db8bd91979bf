/**
 * Runs cell jobs: compiles the cell, loads (and caches) its bars, runs the engine to the end and
 * returns the row. Host-free: the host passes how to read sample files and CSVs, so the same
 * runner works in a Web Worker, in a worker_thread, in tests and (issue 18) in a queue worker.
 * A cell's figures are those of a plain run of the same flow with the cell's values written in:
 * the same compile, the same bars, the same engine; only the monitoring is off, which changes
 * what is traced, never what is traded.
 */

import type { PortfolioReport } from '../engine/components/portfolio/component';
import { COMPONENTS } from '../engine/components/registry';
import type { EngineConfig } from '../engine/config';
import type { BarSeries } from '../engine/data/bars';
import { computeMetrics, type Metrics } from '../engine/metrics/metrics';
import { createRun } from '../engine/runtime/run';
import { loadBars } from '../flow/bars';
import { compileFlow } from '../flow/compile';
import type { FlowModel } from '../flow/model';
import { parseFlow } from '../flow/parse';
import {
  type CellJob,
  type CellResult,
  type DataRef,
  type EquityCurve,
  failedResult,
  type TimeWindow,
} from './job';
import { Replayer } from './replay';

export interface RunnerHost {
  /** The text of a sample file shipped in public/data. */
  sample(file: string): Promise<string>;
  /** The text of a CSV a csv_bars container names, or undefined. */
  csv(name: string): Promise<string | undefined>;
  /** The text of the CSV a job's data reference names. */
  data(ref: Extract<DataRef, { kind: 'csv' }>): Promise<string>;
  now(): number;
}

const QUIET = {
  trace_events: false,
  correlation_tracking: false,
  performance_metrics: false,
  dead_letter_queue: false,
} as const;

/** A few flows and data sets are kept: a sweep uses one of each, a walk-forward a few windows. */
const KEEP = 8;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  cache.set(key, value);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value as K);
  return value;
}

export type Bars = Readonly<Record<string, readonly BarSeries[]>>;

export class CellRunner {
  private readonly flows = new Map<string, FlowModel | string>();
  private readonly bars = new Map<string, Promise<Bars | string>>();
  readonly replayer = new Replayer();

  constructor(private readonly host: RunnerHost) {}

  async run(job: CellJob): Promise<CellResult> {
    const started = this.host.now();
    const failed = (error: string) => failedResult(job, error, this.host.now() - started);
    const model = this.model(job.flow);
    if (typeof model === 'string') return failed(model);
    const compiled = compileFlow(model, job.cell);
    if (!compiled.config)
      return failed(compiled.problems.map((problem) => problem.message).join('; '));
    const config = quiet(compiled.config);
    const bars = await this.barsFor(config, job.data, job.window);
    if (typeof bars === 'string') return failed(bars);
    try {
      const key = job.replay === false ? null : this.replayer.keyOf(job, model, config);
      const replayed = key === null ? null : this.replayer.replay(key, config, bars);
      let outcome =
        replayed ??
        (key === null ? runFull(config, bars) : this.replayer.record(key, config, bars));
      if (outcome.error !== null) return failed(outcome.error);
      const from = job.window?.measureFrom;
      if (from !== undefined) {
        outcome = {
          ...outcome,
          reports: outcome.reports.map(([name, report]) => [name, measuredFrom(report, from)]),
        };
        outcome = {
          ...outcome,
          metrics: outcome.reports.map(([name, report]) => [name, report.metrics]),
        };
      }
      return {
        index: job.index,
        cell: job.cell,
        metrics: outcome.metrics[0]?.[1] ?? null,
        portfolios: Object.fromEntries(outcome.metrics),
        bars: outcome.bars,
        events: outcome.events,
        deadLetters: outcome.deadLetters,
        mode: replayed ? 'replay' : 'full',
        ...(job.curve && outcome.reports[0] ? { curve: curveOf(outcome.reports[0][1]) } : {}),
        error: null,
        ms: this.host.now() - started,
      };
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
  }

  /** The timeline of a flow's bars (its first cell's data), for walk-forward windows. */
  async timeline(flow: string, data: DataRef): Promise<number[] | string> {
    const model = this.model(flow);
    if (typeof model === 'string') return model;
    const compiled = compileFlow(model);
    if (!compiled.config) return compiled.problems.map((p) => p.message).join('; ');
    const bars = await this.barsFor(compiled.config, data, undefined);
    return typeof bars === 'string' ? bars : timelineOf(bars);
  }

  private model(text: string): FlowModel | string {
    const cached = this.flows.get(text);
    if (cached !== undefined) return cached;
    const parsed = parseFlow(text);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    const value =
      parsed.ok && parsed.model
        ? parsed.model
        : `The flow has errors: ${errors.map((d) => `line ${d.line}: ${d.message}`).join('; ')}`;
    return remember(this.flows, text, value);
  }

  /** Bars for a config's data containers; only their parameters and the data choice matter. */
  private barsFor(
    config: EngineConfig,
    data: DataRef,
    window: TimeWindow | undefined,
  ): Promise<Bars | string> {
    const sources = config.containers.filter((c) =>
      ['sample_bars', 'synthetic_bars', 'csv_bars'].includes(c.component),
    );
    const key = JSON.stringify([sources, data, window ?? null]);
    const cached = this.bars.get(key);
    if (cached) return cached;
    const load = (async (): Promise<Bars | string> => {
      const text = data.kind === 'csv' ? await this.host.data(data) : null;
      const loaded = await loadBars(config, {
        sample: (file) => this.host.sample(file),
        csv: (name) => this.host.csv(name),
        ...(text !== null ? { override: async () => ({ text }) } : {}),
      });
      if (!loaded.ok) return loaded.problems.map((p) => `${p.container}: ${p.message}`).join('; ');
      if (!window) return loaded.bars;
      const cut: Record<string, BarSeries[]> = {};
      for (const [name, series] of Object.entries(loaded.bars))
        cut[name] = series
          .map((one) => sliceWindow(one, window))
          .filter((one) => one.timestamp.length > 0);
      if (Object.values(cut).some((series) => series.length === 0))
        return 'The window holds no bars';
      return cut;
    })();
    return remember(this.bars, key, load);
  }
}

/**
 * A report measured from a time on: the curve from there, its figures with the equity just
 * before as the start, and the trades that closed from there (exposure is not known then: NaN).
 */
export function measuredFrom(report: PortfolioReport, from: number): PortfolioReport {
  let first = 0;
  while (first < report.time.length && report.time[first]! < from) first++;
  const start = first > 0 ? report.equity[first - 1]! : report.initial_cash;
  const time = report.time.subarray(first);
  const equity = report.equity.subarray(first);
  const trades = report.trades.filter((trade) => trade.exit_time >= from);
  const metrics = computeMetrics(time, equity, new Uint8Array(time.length), trades, start);
  return {
    ...report,
    initial_cash: start,
    time,
    equity,
    drawdown: report.drawdown.subarray(first),
    trades,
    metrics: { ...metrics, exposure: Number.NaN },
  };
}

function curveOf(report: PortfolioReport): EquityCurve {
  return { time: [...report.time], equity: [...report.equity], initial: report.initial_cash };
}

/** The bar timestamps of a flow's data (every data container, every symbol), sorted, unique. */
export function timelineOf(bars: Bars): number[] {
  const times = new Set<number>();
  for (const series of Object.values(bars))
    for (const one of series) for (const t of one.timestamp) times.add(t);
  return [...times].sort((a, b) => a - b);
}

/** A config with tracing off: the same trades, less bookkeeping. */
export function quiet(config: EngineConfig): EngineConfig {
  return { ...config, eventSystem: { ...config.eventSystem, monitoring: QUIET } };
}

export interface Outcome {
  readonly metrics: [string, Metrics][];
  readonly reports: [string, PortfolioReport][];
  readonly bars: number;
  readonly events: number;
  readonly deadLetters: number;
  readonly error: string | null;
}

/** A full run of the cell. */
export function runFull(config: EngineConfig, bars: Bars): Outcome {
  const run = createRun(config, { bars: bars as Record<string, BarSeries[]> }, COMPONENTS);
  if (run.runToEnd() === 'failed')
    return { ...outcomeOf(run, config), error: run.failure?.message ?? 'The run failed' };
  return outcomeOf(run, config);
}

export function outcomeOf(run: ReturnType<typeof createRun>, config: EngineConfig): Outcome {
  const results = run.results();
  const reports = config.containers
    .filter((c) => c.component === 'portfolio')
    .map((c) => [c.name, results[c.name] as PortfolioReport] as [string, PortfolioReport]);
  return {
    metrics: reports.map(([name, report]) => [name, report.metrics]),
    reports,
    bars: run.progress.barsDone,
    events: run.progress.events,
    deadLetters: run.deadLetterCount(),
    error: null,
  };
}

/** The bars of a series inside a window. */
export function sliceWindow(series: BarSeries, window: TimeWindow): BarSeries {
  const t = series.timestamp;
  let first = 0;
  while (first < t.length && t[first]! < window.from) first++;
  let last = first;
  while (last < t.length && t[last]! < window.to) last++;
  return {
    symbol: series.symbol,
    timestamp: t.subarray(first, last),
    open: series.open.subarray(first, last),
    high: series.high.subarray(first, last),
    low: series.low.subarray(first, last),
    close: series.close.subarray(first, last),
    volume: series.volume.subarray(first, last),
  };
}
