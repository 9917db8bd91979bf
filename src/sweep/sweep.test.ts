import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PortfolioReport } from '../engine/components/portfolio/component';
import { COMPONENTS } from '../engine/components/registry';
import { createRun } from '../engine/runtime/run';
import { loadBars } from '../flow/bars';
import { compileFlow } from '../flow/compile';
import { cellFlowText } from '../flow/grid-edits';
import { parseFlow } from '../flow/parse';
import { bestRow, heatmap, metricLine, sweepCsv } from './aggregate';
import type { CellResult } from './job';
import { outlineSweep, planSweep } from './plan';
import { runPool } from './pool';
import { CellRunner, quiet } from './runner';
import { stitch, walkForward, walkForwardWindows } from './walkforward';

const root = resolve(import.meta.dirname, '../..');
const samples = resolve(root, 'public/data');
const pipeline = readFileSync(resolve(root, 'examples/pipeline.yaml'), 'utf8');

/** The sample flow with SMA periods and the risk's size swept. */
const GRID_FLOW = pipeline
  .replace('params: { period: 10 }', 'params: { period: [5, 10, 15] }')
  .replace('params: { period: 20 }', 'params: { period: { from: 20, to: 40, step: 20 } }')
  .replace('{ fast: SMA_10, slow: SMA_20 }', '{ fast: sma_fast, slow: sma_slow }')
  .replace('equity_pct: 95', 'equity_pct: [50, 95]');

const host = {
  sample: async (file: string) => readFileSync(resolve(samples, file), 'utf8'),
  csv: async () => undefined,
  data: async () => '',
  now: () => performance.now(),
};

async function sweep(flow: string, replay = true): Promise<CellResult[]> {
  const planned = planSweep(flow, { kind: 'flow' });
  if (!planned.ok) throw new Error(planned.problems.join('\n'));
  const runner = new CellRunner(host);
  const rows: CellResult[] = [];
  for (const job of planned.plan.jobs) rows.push(await runner.run({ ...job, replay }));
  return rows.sort((a, b) => a.index - b.index);
}

/** A plain run of a flow text, as the headless runner and the simulator do it. */
async function plainRun(text: string): Promise<PortfolioReport> {
  const parsed = parseFlow(text);
  const config = compileFlow(parsed.model!).config!;
  const bars = await loadBars(config, { sample: host.sample, csv: host.csv });
  if (!bars.ok) throw new Error('bars');
  const run = createRun(config, { bars: bars.bars }, COMPONENTS);
  run.runToEnd();
  return run.results().portfolio as PortfolioReport;
}

describe('sweeps', () => {
  it('gives each cell the figures of a plain run of that cell, to the last digit', async () => {
    const rows = await sweep(GRID_FLOW, false);
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      const report = await plainRun(cellFlowText(GRID_FLOW, row.cell));
      expect(row.error).toBeNull();
      expect(row.metrics).toEqual(report.metrics);
    }
    // The cells differ: the grid really varies the runs.
    expect(new Set(rows.map((row) => row.metrics!.final_equity)).size).toBe(12);
  }, 120_000);

  it('replays recorded signals for risk parameters, with the full runs’ figures', async () => {
    const full = await sweep(GRID_FLOW, false);
    const replayed = await sweep(GRID_FLOW, true);
    expect(replayed.filter((row) => row.mode === 'replay')).toHaveLength(6);
    expect(replayed.map((row) => row.metrics)).toEqual(full.map((row) => row.metrics));
  }, 120_000);

  it('does not replay where it cannot be exact, and says why', async () => {
    const planned = planSweep(
      GRID_FLOW.replace('sizing: percent_equity', 'sizing: atr, atr: ATR_14'),
      { kind: 'flow' },
    );
    expect(planned.ok).toBe(false); // no ATR upstream: the flow itself is refused
    const runner = new CellRunner(host);
    const model = parseFlow(GRID_FLOW).model!;
    const config = quiet(compileFlow(model).config!);
    const atr = {
      ...config,
      containers: config.containers.map((c) =>
        c.name === 'risk' ? { ...c, params: { ...c.params, sizing: 'atr' } } : c,
      ),
    };
    const { notReplayable } = await import('./replay');
    expect(notReplayable(model, atr)).toBe(
      'a risk manager sizes by ATR, an indicator a replay does not carry',
    );
    expect(runner.replayer.lastReason).toBeNull();
  });

  it('plans cells in grid order, grouped so a group’s signals are recorded once', () => {
    const planned = planSweep(GRID_FLOW, { kind: 'flow' });
    if (!planned.ok) throw new Error();
    const jobs = planned.plan.jobs;
    expect(jobs.map((job) => job.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(jobs[0]!.group).toBe(jobs[1]!.group);
    expect(jobs[1]!.group).not.toBe(jobs[2]!.group);
    expect(jobs[3]!.cell).toEqual({
      'sma_fast.period': 5,
      'sma_slow.period': 40,
      'risk.equity_pct': 95,
    });
  });

  it('outlines a plan as plain data a worker can post to the page', () => {
    const planned = planSweep(GRID_FLOW, { kind: 'flow' });
    const outlined = outlineSweep(GRID_FLOW, { kind: 'flow' });
    if (!planned.ok || !outlined.ok) throw new Error('not planned');
    const posted = structuredClone(outlined.plan);
    expect(posted.jobs).toEqual(planned.plan.jobs);
    expect(posted.axes.map((axis) => axis.key)).toEqual([
      'sma_fast.period',
      'sma_slow.period',
      'risk.equity_pct',
    ]);
    expect(posted.sweep).toEqual(planned.plan.model.sweep);
    expect(outlineSweep('containers: [', { kind: 'flow' })).toMatchObject({ ok: false });
  });

  it('runs jobs on a pool, reports progress with an ETA, and stops on cancel', async () => {
    const planned = planSweep(GRID_FLOW, { kind: 'flow' });
    if (!planned.ok) throw new Error();
    const runners = [new CellRunner(host), new CellRunner(host)];
    const seen: number[] = [];
    const etas: (number | null)[] = [];
    const controller = new AbortController();
    const outcome = await runPool(
      planned.plan.jobs,
      runners.map((runner) => ({ run: (job) => runner.run(job), terminate: () => {} })),
      {
        now: () => performance.now(),
        onResult: (row) => {
          seen.push(row.index);
          if (seen.length === 5) controller.abort();
        },
        onProgress: (progress) => etas.push(progress.etaMs),
        signal: controller.signal,
      },
    );
    expect(outcome.cancelled).toBe(true);
    expect(outcome.results.length).toBeGreaterThanOrEqual(5);
    expect(outcome.results.length).toBeLessThan(12);
    expect(etas[0]).toBeNull();
    expect(etas.at(-1)).toBeGreaterThan(0);
  });

  it('finds the best run, writes one CSV row per run, and pivots a metric into a heatmap', async () => {
    const rows = await sweep(GRID_FLOW);
    const planned = planSweep(GRID_FLOW, { kind: 'flow' });
    if (!planned.ok) throw new Error();
    const [fast, slow, size] = planned.plan.axes;
    const best = bestRow(rows, 'sharpe')!;
    expect(rows.every((row) => row.metrics!.sharpe <= best.metrics!.sharpe)).toBe(true);
    const csv = sweepCsv(planned.plan.axes, rows).trim().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[0]).toMatch(/^index,sma_fast\.period,sma_slow\.period,risk\.equity_pct,sharpe,/);
    const map = heatmap(rows, fast!, slow!, 'total_return', { fixed: { 'risk.equity_pct': 95 } });
    expect(map.x).toEqual([5, 10, 15]);
    expect(map.y).toEqual([20, 40]);
    const at = (f: number, s: number) =>
      rows.find(
        (row) =>
          row.cell['sma_fast.period'] === f &&
          row.cell['sma_slow.period'] === s &&
          row.cell['risk.equity_pct'] === 95,
      )!;
    expect(map.values[1]![2]).toBe(at(15, 40).metrics!.total_return);
    expect(map.rows[0]![0]?.index).toBe(at(5, 20).index);
    const best95 = heatmap(rows, fast!, slow!, 'total_return', { aggregate: 'best' });
    expect(best95.values[0]![0]).toBe(
      Math.max(
        ...rows
          .filter((r) => r.cell['sma_fast.period'] === 5 && r.cell['sma_slow.period'] === 20)
          .map((r) => r.metrics!.total_return),
      ),
    );
    const line = metricLine(rows, size!, 'max_drawdown', { aggregate: 'mean' });
    expect(line.x).toEqual([50, 95]);
    expect(line.values[0]).toBeLessThan(line.values[1]!);
  }, 60_000);
});

describe('walk-forward', () => {
  const timeline = Array.from({ length: 100 }, (_, i) => i * 1000);

  it('cuts rolling and anchored windows', () => {
    const rolling = walkForwardWindows(timeline, {
      mode: 'rolling',
      in_sample: 40,
      out_of_sample: 20,
    });
    expect(rolling.map((w) => [w.inBars, w.outBars])).toEqual([
      [40, 20],
      [40, 20],
      [40, 20],
    ]);
    expect(rolling[1]).toMatchObject({
      inSample: { from: 20_000, to: 60_000 },
      outOfSample: { from: 60_000, to: 80_000 },
    });
    const anchored = walkForwardWindows(timeline, {
      mode: 'anchored',
      in_sample: 40,
      out_of_sample: 20,
    });
    expect(anchored.map((w) => [w.inSample.from, w.inBars])).toEqual([
      [0, 40],
      [0, 60],
      [0, 80],
    ]);
    expect(
      walkForwardWindows(timeline.slice(0, 30), {
        mode: 'rolling',
        in_sample: 40,
        out_of_sample: 20,
      }),
    ).toEqual([]);
  });

  it('stitches out-of-sample curves, each from where the last ended', () => {
    const joined = stitch([
      { time: [1, 2], equity: [100, 110], initial: 100 },
      { time: [3, 4], equity: [100, 90], initial: 100 },
    ]);
    expect(joined.time).toEqual([1, 2, 3, 4]);
    expect(joined.equity[2]).toBe(110);
    expect(joined.equity[3]).toBeCloseTo(99, 10);
  });

  it('optimises in sample, runs the best out of sample and reports both', async () => {
    const planned = planSweep(GRID_FLOW, { kind: 'flow' });
    if (!planned.ok) throw new Error();
    const runner = new CellRunner(host);
    const line = await runner.timeline(GRID_FLOW, { kind: 'flow' });
    if (typeof line === 'string') throw new Error(line);
    expect(line).toHaveLength(1260);
    const windows = walkForwardWindows(line, {
      mode: 'rolling',
      in_sample: 504,
      out_of_sample: 252,
    });
    expect(windows).toHaveLength(3);
    const report = await walkForward(planned.plan.jobs, windows, 'sharpe', async (jobs) =>
      Promise.all(jobs.map((job) => runner.run(job))),
    );
    expect(report.windows).toHaveLength(3);
    for (const window of report.windows) {
      expect(window.best).not.toBeNull();
      expect(window.inSample?.bars).toBe(504);
      expect(window.outOfSample?.bars).toBe(window.window.outBars);
    }
    expect(report.time).toHaveLength(504 + 252);
    expect(report.time[0]).toBe(line[504]);
    // The stitched curve's return compounds the windows' returns.
    const compounded = report.windows.reduce(
      (product, w) => product * (1 + w.outOfSample!.total_return),
      1,
    );
    expect(report.outOfSample!.total_return).toBeCloseTo(compounded - 1, 10);
    // An out-of-sample window's figures are those of the best cell run from the warm-up on and
    // measured from the window's first bar.
    const first = report.windows[0]!;
    const job = planned.plan.jobs.find(
      (j) => JSON.stringify(j.cell) === JSON.stringify(first.best),
    )!;
    const warm = { from: first.window.warmupFrom, to: first.window.outOfSample.to };
    const whole = await new CellRunner(host).run({
      ...job,
      window: warm,
      curve: true,
      replay: false,
    });
    const again = await new CellRunner(host).run({
      ...job,
      window: { ...warm, measureFrom: first.window.outOfSample.from },
      replay: false,
    });
    expect(again.metrics).toEqual(first.outOfSample);
    const before = whole.curve!.time.findIndex((t) => t >= first.window.outOfSample.from) - 1;
    const end = whole.curve!.equity.at(-1)!;
    expect(again.metrics!.total_return).toBeCloseTo(end / whole.curve!.equity[before]! - 1, 12);
  }, 120_000);
});
