/**
 * `flow-studio sweep FLOW.yaml [--data CSV] [--workers N] [--json] [--out DIR]`: runs every cell
 * of a flow's parameter grid on worker_threads (one per core by default) and prints one row per
 * run; --out writes sweep.csv and sweep.json. The cells are the app's: the same jobs, the same
 * runner, the same rows.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OBJECTIVE_KEYS } from '../engine/metrics/objectives';
import { describeCell } from '../flow/grid';
import { bestRow, type MetricKey, sweepCsv } from '../sweep/aggregate';
import { type DataRef, hashText } from '../sweep/job';
import { planSweep } from '../sweep/plan';
import { runPool } from '../sweep/pool';
import { sweepTable } from './sweep-table';
import { inThreadWorker, threadWorkers, workerScript } from './threads';
import { walkForwardMain } from './walk-forward';

export const SWEEP_USAGE = `Usage: flow-studio sweep FLOW.yaml [--data FILE.csv] [--workers N] [--json] [--out DIR]
                          [--metric NAME] [--no-replay] [--walk-forward]

  Runs every combination of the flow's parameter grid (lists and ranges in its params).
  --data FILE.csv   bars for every data container of the flow
  --workers N       worker threads (default: one per core; 0 runs in this thread)
  --json            print the rows as JSON instead of a table
  --out DIR         write sweep.csv (one row per run) and sweep.json there
  --metric NAME     the metric that picks the best run (default: the flow's sweep.metric)
  --no-replay       run every cell in full instead of replaying recorded signals
  --walk-forward    optimise in rolling or anchored windows (the flow's sweep.walk_forward)`;

export interface SweepArgs {
  readonly flowPath: string;
  readonly dataPath: string | undefined;
  readonly workers: number;
  readonly json: boolean;
  readonly out: string | undefined;
  readonly metric: string | undefined;
  readonly replay: boolean;
  readonly walkForward: boolean;
}

export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      metric: { type: 'string' },
      'no-replay': { type: 'boolean', default: false },
      'walk-forward': { type: 'boolean', default: false },
    },
  });
  const [flowPath, ...extra] = positionals;
  if (!flowPath) throw new Error('Missing the flow file');
  if (extra.length > 0) throw new Error(`Unexpected argument "${extra[0]}"`);
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 256)
    throw new Error(`--workers takes a whole number from 0 to 256, not "${values.workers}"`);
  if (values.metric !== undefined && !(OBJECTIVE_KEYS as readonly string[]).includes(values.metric))
    throw new Error(`Unknown metric "${values.metric}"; one of: ${OBJECTIVE_KEYS.join(', ')}`);
  return {
    flowPath,
    dataPath: values.data,
    workers,
    json: values.json ?? false,
    out: values.out,
    metric: values.metric,
    replay: !values['no-replay'],
    walkForward: values['walk-forward'] ?? false,
  };
}

export interface SweepContext {
  readonly text: string;
  readonly data: DataRef;
  readonly dataText: string | null;
  readonly samples: string;
  readonly flowDir: string;
}

/** The pool's workers for these arguments: threads, or one in this thread with --workers 0. */
export function sweepWorkers(args: SweepArgs, context: SweepContext) {
  if (args.workers === 0) {
    return [
      inThreadWorker({
        sample: async (file) => readFileSync(join(context.samples, file), 'utf8'),
        csv: async (name) => {
          try {
            return readFileSync(resolve(context.flowDir, name), 'utf8');
          } catch {
            return undefined;
          }
        },
        data: async () => context.dataText ?? '',
        now: () => performance.now(),
      }),
    ];
  }
  const script = workerScript();
  if (!script)
    throw new Error(
      'The sweep worker is not built yet: run `npm run build:cli` (or use --workers 0)',
    );
  return threadWorkers(args.workers, script, {
    samples: context.samples,
    flowDir: context.flowDir,
  });
}

/** Reads the flow and the data, or says why it cannot (exit code 2). */
export function sweepContext(args: SweepArgs, samples: string): SweepContext | string {
  let text: string;
  try {
    text = readFileSync(args.flowPath, 'utf8');
  } catch {
    return `Cannot read ${args.flowPath}`;
  }
  let dataText: string | null = null;
  if (args.dataPath) {
    try {
      dataText = readFileSync(args.dataPath, 'utf8');
    } catch {
      return `Cannot read ${args.dataPath}`;
    }
  }
  const data: DataRef =
    args.dataPath && dataText !== null
      ? { kind: 'csv', name: resolve(args.dataPath), hash: hashText(dataText) }
      : { kind: 'flow' };
  return { text, data, dataText, samples, flowDir: dirname(resolve(args.flowPath)) };
}

export async function sweepMain(argv: readonly string[], samples: string): Promise<number> {
  let args: SweepArgs;
  try {
    args = parseSweepArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${SWEEP_USAGE}`);
    return 2;
  }
  const context = sweepContext(args, samples);
  if (typeof context === 'string') {
    console.error(context);
    return 2;
  }
  if (args.walkForward) return walkForwardMain(args, context);
  const planned = planSweep(context.text, context.data);
  if (!planned.ok) {
    for (const problem of planned.problems) console.error(`${args.flowPath}:${problem}`);
    return 2;
  }
  const { plan } = planned;
  const jobs = plan.jobs.map((job) => (args.replay ? job : { ...job, replay: false }));
  let workers: ReturnType<typeof sweepWorkers>;
  try {
    workers = sweepWorkers(args, context);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  let lastReport = 0;
  const outcome = await runPool(jobs, workers, {
    now: () => performance.now(),
    onResult: () => {},
    onProgress: (progress) => {
      const now = performance.now();
      if (progress.done < progress.total && now - lastReport < 1000) return;
      lastReport = now;
      const eta =
        progress.etaMs === null ? '' : `, about ${Math.ceil(progress.etaMs / 1000)} s left`;
      process.stderr.write(`${progress.done}/${progress.total} runs${eta}\n`);
    },
  });
  for (const worker of workers) worker.terminate();
  const rows = [...outcome.results].sort((a, b) => a.index - b.index);
  const metric = (args.metric ?? plan.model.sweep.metric) as MetricKey;
  const best = bestRow(rows, metric);
  const seconds = outcome.elapsedMs / 1000;
  const bars = rows.reduce((sum, row) => sum + row.bars, 0);
  const summary = {
    flow: plan.model.name,
    runs: rows.length,
    failed: rows.filter((row) => row.error !== null).length,
    replayed: rows.filter((row) => row.mode === 'replay').length,
    workers: workers.length,
    seconds,
    runs_per_second: rows.length / seconds,
    bars_per_second: bars / seconds,
    metric,
    best: best ? { index: best.index, cell: best.cell } : null,
    axes: plan.axes.map((axis) => ({ key: axis.key, values: axis.values })),
    rows: rows.map(({ index, cell, metrics, mode, error, bars: n }) => ({
      index,
      cell,
      metrics,
      bars: n,
      mode,
      error,
    })),
  };
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'sweep.csv'), sweepCsv(plan.axes, rows));
    writeFileSync(join(args.out, 'sweep.json'), `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (args.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `${plan.model.name}: ${rows.length} runs on ${workers.length} worker${workers.length === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${summary.runs_per_second.toFixed(1)} runs/s, ${Math.round(summary.bars_per_second).toLocaleString('en-US')} bars/s; ${summary.replayed} replayed)\n`,
    );
    console.log(sweepTable(plan.axes, rows));
    if (best) console.log(`\nBest by ${metric}: #${best.index} (${describeCell(best.cell)})`);
    for (const row of rows.filter((r) => r.error !== null))
      console.log(`Run #${row.index} failed: ${row.error}`);
    if (args.out)
      console.log(`\nWrote ${join(args.out, 'sweep.csv')}, ${join(args.out, 'sweep.json')}`);
  }
  return summary.failed > 0 ? 1 : 0;
}
