/** `flow-studio sweep FLOW.yaml --walk-forward`: the grid optimised window by window. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCell } from '../flow/grid';
import type { MetricKey } from '../sweep/aggregate';
import { planSweep } from '../sweep/plan';
import { runPool } from '../sweep/pool';
import { CellRunner } from '../sweep/runner';
import { walkForward, walkForwardWindows } from '../sweep/walkforward';
import type { SweepArgs, SweepContext } from './sweep';
import { sweepWorkers } from './sweep';

const percent = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(2)}%`;
const ratio = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(2));

export async function walkForwardMain(args: SweepArgs, context: SweepContext): Promise<number> {
  const planned = planSweep(context.text, context.data);
  if (!planned.ok) {
    for (const problem of planned.problems) console.error(`${args.flowPath}:${problem}`);
    return 2;
  }
  const { plan } = planned;
  const settings = plan.model.sweep.walk_forward;
  const timeline = await new CellRunner({
    sample: async (file) => readFileSync(join(context.samples, file), 'utf8'),
    csv: async () => undefined,
    data: async () => context.dataText ?? '',
    now: () => performance.now(),
  }).timeline(context.text, context.data);
  if (typeof timeline === 'string') {
    console.error(timeline);
    return 2;
  }
  const windows = walkForwardWindows(timeline, settings);
  if (windows.length === 0) {
    console.error(
      `${timeline.length} bars are too few for a walk-forward of ${settings.in_sample} in-sample and ${settings.out_of_sample} out-of-sample bars: shorten the windows (sweep.walk_forward)`,
    );
    return 2;
  }
  const metric = (args.metric ?? plan.model.sweep.metric) as MetricKey;
  const workers = sweepWorkers(args, context);
  const report = await walkForward(
    plan.jobs,
    windows,
    metric,
    async (jobs) => {
      const outcome = await runPool(jobs, workers, {
        now: () => performance.now(),
        onResult: () => {},
      });
      return outcome.results;
    },
    (window, progress) => {
      process.stderr.write(`window ${progress.window + 1}/${progress.windows} done\n`);
      void window;
    },
  );
  for (const worker of workers) worker.terminate();
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'walk-forward.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      join(args.out, 'walk-forward-equity.csv'),
      `time,equity\n${report.time.map((t, i) => `${new Date(t).toISOString()},${report.equity[i]}`).join('\n')}\n`,
    );
  }
  if (args.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  console.log(
    `${plan.model.name}: walk-forward (${settings.mode}, ${settings.in_sample} bars in sample, ${settings.out_of_sample} out), optimising ${metric}\n`,
  );
  for (const w of report.windows) {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    console.log(
      `#${w.window.index + 1} ${day(w.window.inSample.from)}…${day(w.window.outOfSample.from)}…${day(w.window.outOfSample.to - 1)}  best ${w.best ? describeCell(w.best) : '—'}  in ${metric} ${ratio(w.inSample?.[metric] as number | undefined)}  out ${ratio(w.outOfSample?.[metric] as number | undefined)}`,
    );
  }
  const o = report.outOfSample;
  console.log(
    `\nStitched out of sample: return ${percent(o?.total_return)}, CAGR ${percent(o?.cagr)}, Sharpe ${ratio(o?.sharpe)}, max drawdown ${percent(o?.max_drawdown)}, ${o?.trades ?? 0} trades`,
  );
  console.log(
    `Mean ${metric}: in sample ${ratio(report.meanInSample)}, out of sample ${ratio(report.meanOutOfSample)}; walk-forward efficiency ${ratio(report.efficiency)}`,
  );
  return 0;
}
