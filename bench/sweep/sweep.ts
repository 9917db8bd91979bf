/**
 * bench/sweep: runs per second and bars per second for a 100-cell grid (SMA fast 5…50 × slow
 * 60…240) over 100,000 synthetic one-minute bars, on 1 worker thread and on all cores, against the
 * single-run engine (one plain run of one cell, in this thread) measured in the same run; then the
 * signal-replay speed-up: 20 cells differing only in the risk manager's size, replayed from one
 * recording against the same 20 cells run in full.
 *
 * Run: npm run bench:sweep   (BENCH_BARS=20000 for a shorter run; needs npm run build:cli)
 */
import { availableParallelism, loadavg } from 'node:os';
import { inThreadWorker, threadWorkers, workerScript } from '../../src/cli/threads';
import { planSweep } from '../../src/sweep/plan';
import { runPool } from '../../src/sweep/pool';
import { formatRate, section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 100_000);
const cores = availableParallelism();

const flow = (fast: string, slow: string, equity: string) => `
name: bench sweep
containers:
  data: { component: synthetic_bars, params: { symbols: BENCH, regime: mixed, interval: 1m, bars: ${BARS}, seed: 7 } }
  sma_fast: { component: sma, params: { period: ${fast} } }
  sma_slow: { component: sma, params: { period: ${slow} } }
  crossover: { component: sma_crossover, params: { fast: sma_fast, slow: sma_slow } }
  risk: { component: risk_manager, params: { sizing: percent_equity, equity_pct: ${equity} } }
  broker: { component: simulated_broker, params: { fill_timing: next_open, commission_model: percentage, commission_pct: 0.1 } }
  portfolio: { component: portfolio, params: { initial_cash: 100000 } }
event_flow:
  - type: pipeline
    containers: [data, sma_fast, sma_slow, crossover, risk, broker, portfolio]
`;

const host = {
  sample: async () => '',
  csv: async () => undefined,
  data: async () => '',
  now: () => performance.now(),
};

function jobsOf(text: string, replay: boolean) {
  const planned = planSweep(text, { kind: 'flow' });
  if (!planned.ok) throw new Error(planned.problems.join('\n'));
  return planned.plan.jobs.map((job) => ({ ...job, replay }));
}

async function timed(jobs: ReturnType<typeof jobsOf>, workers: number) {
  const script = workerScript();
  if (!script) throw new Error('Build the sweep worker first: npm run build:cli');
  const pool = threadWorkers(workers, script, { samples: '.', flowDir: '.' });
  const outcome = await runPool(jobs, pool, { now: () => performance.now(), onResult: () => {} });
  for (const worker of pool) worker.terminate();
  const failed = outcome.results.filter((row) => row.error);
  if (failed.length > 0) throw new Error(failed[0]!.error!);
  return { seconds: outcome.elapsedMs / 1000, results: outcome.results };
}

console.log(
  `bench/sweep: ${BARS.toLocaleString('en-US')} bars per run, ${cores} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the start`,
);

// The single-run engine: one plain run of one cell, in this thread (bars generated once, as a
// worker does; the second run is timed).
const single = jobsOf(flow('10', '60', '95'), false)[0]!;
const local = inThreadWorker(host);
await local.run(single);
const started = performance.now();
const one = await local.run(single);
const singleSeconds = (performance.now() - started) / 1000;

const grid = jobsOf(
  flow('{ from: 5, to: 50, step: 5 }', '{ from: 60, to: 240, step: 20 }', '95'),
  true,
);
const oneWorker = await timed(grid, 1);
const allWorkers = await timed(grid, cores);
const sameFigures = oneWorker.results.every(
  (row) =>
    JSON.stringify(row.metrics) ===
    JSON.stringify(allWorkers.results.find((r) => r.index === row.index)?.metrics),
);

const rate = (runs: number, seconds: number) => [
  `${seconds.toFixed(2)} s`,
  `${(runs / seconds).toFixed(2)} runs/s`,
  formatRate((runs * BARS) / seconds, 'bars/s'),
];
section('100-cell grid (SMA fast 5…50 × slow 60…240)', [
  ['', 'time', 'runs/s', 'bars/s'],
  ['single run, this thread (baseline)', ...rate(1, singleSeconds)],
  ['sweep, 1 worker', ...rate(grid.length, oneWorker.seconds)],
  [`sweep, ${cores} workers`, ...rate(grid.length, allWorkers.seconds)],
]);
console.log(
  `  scaling ${cores} workers / 1 worker: ${(oneWorker.seconds / allWorkers.seconds).toFixed(2)}x (ideal ${cores}x)`,
);
console.log(
  `  1 worker / single runs back to back: ${((singleSeconds * grid.length) / oneWorker.seconds).toFixed(2)}x`,
);
console.log(
  `  same figures on 1 and ${cores} workers: ${sameFigures}; single run trades ${one.metrics?.trades}`,
);

// Signal replay: 20 risk sizes over one strategy cell, on one worker, replayed against full runs.
const risk = flow('10', '60', '{ from: 5, to: 100, step: 5 }');
const full = await timed(jobsOf(risk, false), 1);
const replayed = await timed(jobsOf(risk, true), 1);
const identical = full.results.every(
  (row) =>
    JSON.stringify(row.metrics) ===
    JSON.stringify(replayed.results.find((r) => r.index === row.index)?.metrics),
);
section('signal replay: 20 cells differing only in equity_pct, 1 worker', [
  ['', 'time', 'runs/s', 'bars/s'],
  ['full runs', ...rate(20, full.seconds)],
  [
    `replay (${replayed.results.filter((r) => r.mode === 'replay').length} replayed, 1 recorded)`,
    ...rate(20, replayed.seconds),
  ],
]);
console.log(
  `  replay speed-up: ${(full.seconds / replayed.seconds).toFixed(2)}x; identical figures: ${identical}`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
