/**
 * bench/distributed: a sweep over the job queue (BullMQ on a redis-server started here on a free
 * loopback port) with 1, 2 and 3 `flow-studio worker` processes of one cell at a time each, and
 * one worker process of one cell per core, against the local sweep (`flow-studio sweep` on worker
 * threads) with 1 thread and with one per core, measured in the same run. Every queue sweep must
 * give the local sweep's figures, cell for cell.
 *
 * Times are the sweeps' own (a queue sweep's from its creation in Redis to its last row, which
 * includes enqueueing; the local sweep's pool from its first cell to its last), not process
 * start-up. 40 cells (SMA fast 5…40 × slow 60…300) of BENCH_BARS synthetic one-minute bars each
 * (20,000 by default); BENCH_CELLS=fewer for a shorter run.
 *
 * Run: npm run bench:distributed   (needs redis-server: node scripts/ensure-redis.mjs)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRedis } from '../../scripts/redis.mjs';
import { smaGridFlow } from '../../tests/sma-grid-flow';
import { formatRate, section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 20_000);
const SLOWS = Number(process.env.BENCH_CELLS ?? 40) / 8;
const BIN = resolve('bin/flow-studio.mjs');
const cores = availableParallelism();

const dir = mkdtempSync(join(tmpdir(), 'flow-studio-bench-queue-'));
const FLOW = join(dir, 'bench.yaml');
writeFileSync(
  FLOW,
  smaGridFlow({
    name: 'bench queue sweep',
    bars: BARS,
    seed: 7,
    fast: '{ from: 5, to: 40, step: 5 }',
    slow: `{ from: 60, to: ${60 * Math.max(1, Math.floor(SLOWS))}, step: 60 }`,
  }),
);

interface Summary {
  runs: number;
  failed: number;
  seconds: number;
  rows: { index: number; metrics: unknown; error: string | null }[];
}

/** Runs the CLI to its end; resolves with its JSON summary. */
function cli(args: readonly string[]): Promise<Summary> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.once('exit', (code) => {
      if (code !== 0) fail(new Error(`flow-studio ${args[0]} exited ${code}:\n${err}`));
      else done(JSON.parse(out) as Summary);
    });
  });
}

/** Starts a queue worker; resolves once it waits for cells. */
function worker(url: string, concurrency: number): Promise<ChildProcess> {
  return new Promise((ready, fail) => {
    const child = spawn(
      process.execPath,
      [BIN, 'worker', '--queue', url, '--concurrency', String(concurrency)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/waiting for cells/.test(out)) ready(child);
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => fail(new Error(`a worker exited ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

const figures = (summary: Summary) =>
  JSON.stringify(summary.rows.map(({ index, metrics, error }) => ({ index, metrics, error })));

console.log(
  `bench/distributed: ${BARS.toLocaleString('en-US')} bars per run, ${cores} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the start`,
);

const redis = await startRedis();
const measured: { label: string; summary: Summary; same: boolean }[] = [];
try {
  const local1 = await cli(['sweep', FLOW, '--workers', '1', '--json']);
  const expected = figures(local1);
  measured.push({ label: 'local sweep, 1 thread (baseline)', summary: local1, same: true });
  const localAll = await cli(['sweep', FLOW, '--workers', String(cores), '--json']);
  measured.push({
    label: `local sweep, ${cores} threads`,
    summary: localAll,
    same: figures(localAll) === expected,
  });
  const setups: [processes: number, concurrency: number][] = [
    [1, 1],
    [2, 1],
    [3, 1],
    [1, cores],
  ];
  for (const [processes, concurrency] of setups) {
    const workers = await Promise.all(
      Array.from({ length: processes }, () => worker(redis.url, concurrency)),
    );
    try {
      const name = `bench-${processes}x${concurrency}-${Date.now()}`;
      const summary = await cli(['sweep', FLOW, '--queue', redis.url, '--name', name, '--json']);
      measured.push({
        label: `queue, ${processes} worker process${processes === 1 ? '' : 'es'} × ${concurrency} cell${concurrency === 1 ? '' : 's'} at a time`,
        summary,
        same: figures(summary) === expected,
      });
    } finally {
      await Promise.all(workers.map(stop));
    }
  }
} finally {
  await redis.stop();
}

const baseline = measured[0]!.summary.seconds;
section(`${measured[0]!.summary.runs} cells × ${BARS.toLocaleString('en-US')} bars`, [
  ['', 'time', 'runs/s', 'bars/s', 'vs baseline', 'same figures'],
  ...measured.map(({ label, summary, same }) => [
    label,
    `${summary.seconds.toFixed(2)} s`,
    `${(summary.runs / summary.seconds).toFixed(2)} runs/s`,
    formatRate((summary.runs * BARS) / summary.seconds, 'bars/s'),
    `${(baseline / summary.seconds).toFixed(2)}x`,
    String(same && summary.failed === 0),
  ]),
]);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
if (measured.some(({ same, summary }) => !same || summary.failed > 0)) process.exitCode = 1;
