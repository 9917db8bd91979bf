/**
 * `flow-studio sweep FLOW.yaml [--data CSV] [--workers N] [--json] [--out DIR]`: runs every cell
 * of a flow's parameter grid on worker_threads (one per core by default) and prints one row per
 * run; --out writes sweep.csv and sweep.json. The cells are the app's: the same jobs, the same
 * runner, the same rows. With --queue the cells go to a job queue instead, for `flow-studio
 * worker`s on any machine (queue-sweep.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OBJECTIVE_KEYS } from '../engine/metrics/objectives';
import { type DataRef, hashText } from '../sweep/job';
import { planSweep } from '../sweep/plan';
import { runPool } from '../sweep/pool';
import { asFlowText } from './convert';
import { QUEUE_OPTIONS, type QueueArgs, queueArgs } from './queue-args';
import { reportSweep } from './sweep-report';
import { inThreadWorker, threadWorkers, workerScript } from './threads';
import { walkForwardMain } from './walk-forward';

export const SWEEP_USAGE = `Usage: flow-studio sweep FLOW.yaml [--data FILE.csv] [--workers N] [--json] [--out DIR]
                          [--metric NAME] [--no-replay] [--walk-forward]
       flow-studio sweep FLOW.yaml --queue redis://HOST:PORT [--name NAME] [--fresh] [--by-path]
                          [--attempts N] [--tls-ca FILE] [--data FILE.csv] [--json] [--out DIR] ...
       flow-studio sweep --queue redis://HOST:PORT --name NAME [--cancel]

  Runs every combination of the flow's parameter grid (lists and ranges in its params).
  --data FILE.csv   bars for every data container of the flow
  --workers N       worker threads (default: one per core; 0 runs in this thread)
  --json            print the rows as JSON instead of a table
  --out DIR         write sweep.csv (one row per run) and sweep.json there
  --metric NAME     the metric that picks the best run (default: the flow's sweep.metric)
  --no-replay       run every cell in full instead of replaying recorded signals
  --walk-forward    optimise in rolling or anchored windows (the flow's sweep.walk_forward)

  On a job queue (docs/scaling.md): each cell becomes a job for \`flow-studio worker\`s on any
  machine; this command collects the rows as they come, with progress.
  --queue URL       the Redis server of the queue: redis://[:PASSWORD@]HOST:PORT[/DB], or
                    rediss:// for TLS; the password may instead be in FLOW_STUDIO_QUEUE_PASSWORD
  --name NAME       the sweep's name (default: the flow file's name and a hash of flow and data);
                    the same command, or the name alone, resumes it or shows its table
  --fresh           replace a sweep of that name that is in the queue
  --cancel          remove the sweep from the queue (with --name)
  --by-path         workers read --data and the flow's CSV files at these paths, in the folders
                    they allow (--data-dir), instead of copies shipped through the queue
  --attempts N      tries per cell before it is reported failed (default 3)
  --tls-ca FILE     a CA certificate to trust for a rediss:// queue`;

export interface SweepArgs {
  readonly flowPath: string;
  readonly dataPath: string | undefined;
  readonly workers: number;
  readonly json: boolean;
  readonly out: string | undefined;
  readonly metric: string | undefined;
  readonly replay: boolean;
  readonly walkForward: boolean;
  /** --queue and its options: the cells go to queue workers. */
  readonly queue: QueueArgs | null;
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
      ...QUEUE_OPTIONS,
    },
  });
  const [flowPath = '', ...extra] = positionals;
  const queue = queueArgs(values, flowPath);
  if (!flowPath && !queue) throw new Error('Missing the flow file');
  if (extra.length > 0) throw new Error(`Unexpected argument "${extra[0]}"`);
  if (queue && values.workers !== undefined)
    throw new Error(
      '--workers sets the threads of a local sweep; with --queue, start `flow-studio worker` processes instead',
    );
  if (queue && values['walk-forward'])
    throw new Error('--walk-forward runs on this machine only: leave out --queue');
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
    queue,
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
  let read: string;
  try {
    read = readFileSync(args.flowPath, 'utf8');
  } catch {
    return `Cannot read ${args.flowPath}`;
  }
  // An ADMF-PC config sweeps its lists and range(...) grids, as \`run\` runs it.
  const text = asFlowText(read, args.flowPath);
  if (text === null) return `${args.flowPath} was not swept`;
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
  if (args.queue) {
    const { queueSweepMain } = await import('./queue-sweep');
    return queueSweepMain(args, args.queue);
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
  return reportSweep(args, plan, {
    rows: outcome.results,
    seconds: outcome.elapsedMs / 1000,
    workers: workers.length,
    workerNoun: 'worker',
  });
}
