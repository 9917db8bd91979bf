/**
 * bench/memory: the runner's whole job for a million one-minute bars, monitoring off, in a heap
 * capped at 256 MB (npm run bench:memory runs node with --max-old-space-size=256): read the CSV
 * text, parse it into bars, run the standard flow, take its results and write the result files.
 * Prints the heap, array buffers and resident memory after each step, the peak heap sampled
 * during each, and what the run keeps per bar, against the bars themselves (six Float64Array
 * columns: 48 bytes a bar) measured in the same process.
 *
 * The baseline, in the same run: the same job in a child process with the same cap, writing the
 * files as the runner wrote them before they were streamed (bench/data/results-before.ts: each
 * file one string, written whole). Its table follows, or how it ended.
 *
 * Run: npm run bench:memory   (BENCH_BARS to change the count)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChunks } from '../../src/cli/write';
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import type { BarSeries } from '../../src/engine/data/bars';
import { parseBarsCsv } from '../../src/engine/data/csv';
import {
  equityCsvBytes,
  fillsCsvChunks,
  incidentsCsvChunks,
  tradesCsvChunks,
} from '../../src/engine/metrics/export';
import { createRun } from '../../src/engine/runtime/run';
import { standardFlow } from '../backtest/flow';
import { benchBars, writeBarsCsv } from '../data/bars';
import * as before from '../data/results-before';
import { section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const WRITER = process.env.BENCH_WRITER === 'before' ? 'before' : 'streamed';
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

function settled(): NodeJS.MemoryUsage {
  gc?.();
  return process.memoryUsage();
}

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
function peakOf<T>(step: () => T): [T, number] {
  peak = process.memoryUsage().heapUsed;
  const value = step();
  sample();
  return [value, peak];
}

if (process.env.BENCH_CSV_ONLY) {
  writeBarsCsv(process.env.BENCH_CSV_ONLY, benchBars(BARS));
  process.exit(0);
}
/** The job's own process, with the cap and this file's options; `env` says what it does. */
const again = (env: Record<string, string>) =>
  spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });

// The CSV is made by a process of its own, so that none of its making is in this one's heap.
// The baseline child works in its parent's folder, which the parent removes (even when the child
// runs out of memory).
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'bench-memory-'));
const csvFile = join(dir, 'bars.csv');
if (!process.env.BENCH_DIR && again({ BENCH_CSV_ONLY: csvFile }).status !== 0)
  throw new Error('could not write the CSV');
const filesDir = mkdtempSync(join(dir, `files-${WRITER}-`));
const start = settled();
/** Which step the job has reached (the baseline's last word, if it runs out of memory). */
const reached = (step: string) => process.stderr.write(`reached: ${step}\n`);
reached('reading and parsing the CSV');
const [bars, parsePeak] = peakOf((): BarSeries => {
  const parsed = parseBarsCsv(readFileSync(csvFile, 'utf8'), {
    symbol: 'BENCH',
    onProgress: sample,
  });
  if (!parsed.ok) throw new Error('the reader refused the benchmark CSV');
  return parsed.series[0]!;
});
const withBars = settled();
reached('the run');
const run = createRun(standardFlow(10, 30), { bars: { data: [bars] } }, COMPONENTS, {
  observer: {
    onBarEnd: (_time, bar) => {
      if ((bar & 0xffff) === 0) sample();
    },
  },
});
const started = performance.now();
const [, runPeak] = peakOf(() => run.runToEnd());
const ms = performance.now() - started;
const afterRun = settled();
reached('results()');
const [report, resultsPeak] = peakOf(() => run.results().book as PortfolioReport);
const afterResults = settled();
reached('writing the result files');
const incidents = run.incidents().entries;
const [, filesPeak] = peakOf(() => {
  if (WRITER === 'streamed') {
    writeChunks(join(filesDir, 'trades.csv'), tradesCsvChunks(report.trades));
    writeChunks(join(filesDir, 'fills.csv'), fillsCsvChunks(report.fills));
    writeChunks(
      join(filesDir, 'equity.csv'),
      (function* sampled() {
        for (const chunk of equityCsvBytes(report)) {
          sample();
          yield chunk;
        }
      })(),
    );
    writeChunks(join(filesDir, 'incidents.csv'), incidentsCsvChunks(incidents));
  } else {
    for (const [file, text] of [
      ['trades.csv', () => before.tradesCsv(report.trades)],
      ['fills.csv', () => before.fillsCsv(report.fills)],
      ['equity.csv', () => before.equityCsv(report)],
      ['incidents.csv', () => before.incidentsCsv(incidents)],
    ] as const) {
      reached(`building ${file} as one string`);
      const content = text();
      sample();
      writeFileSync(join(filesDir, file), content);
    }
  }
});
const afterFiles = settled();
rmSync(filesDir, { recursive: true });

const perBar = (bytes: number) => `${(bytes / BARS).toFixed(1)} B/bar`;
const line = (label: string, usage: NodeJS.MemoryUsage, stepPeak: number | null) => [
  label,
  mb(usage.heapUsed),
  stepPeak === null ? '' : mb(stepPeak),
  mb(usage.arrayBuffers),
  mb(usage.rss),
];
section(
  `bench/memory: ${BARS.toLocaleString('en-US')} bars, CSV → bars → standard flow (monitoring off) → result files ${WRITER === 'streamed' ? 'streamed (the runner now)' : 'as whole strings (baseline: the runner before)'}, heap capped at 256 MB`,
  [
    ['', 'heap used (settled)', 'peak heap in the step', 'array buffers', 'resident'],
    line('at start', start, null),
    line('CSV read and parsed into bars (the baseline)', withBars, parsePeak),
    line('after the run', afterRun, runPeak),
    line('after results()', afterResults, resultsPeak),
    line('after writing the result files', afterFiles, filesPeak),
  ],
);
const kept =
  afterRun.heapUsed + afterRun.arrayBuffers - (withBars.heapUsed + withBars.arrayBuffers);
console.log(
  `run status: ${run.status}, ${report.trades.length} trades, ${(ms / 1000).toFixed(1)} s; the whole job finished within the 256 MB heap`,
);
console.log(
  `kept by the run beyond the bars: ${mb(kept)} (${perBar(kept)}); the bars: ${perBar(withBars.heapUsed + withBars.arrayBuffers - start.heapUsed - start.arrayBuffers)}`,
);

if (WRITER === 'streamed') {
  console.log('\nThe baseline, the same job writing whole strings, in a child with the same cap:');
  const child = again({ BENCH_WRITER: 'before', BENCH_DIR: dir });
  const last = [...child.stderr.matchAll(/^reached: (.*)$/gm)].at(-1)?.[1] ?? 'the start';
  const why =
    /Allocation failed[^\n]*/.exec(child.stderr)?.[0] ?? child.stderr.trim().split('\n').at(-1);
  console.log(
    child.status === 0
      ? child.stdout.trim()
      : `  it did not finish (exit ${child.status ?? child.signal}) while ${last}: ${why}`,
  );
  rmSync(dir, { recursive: true });
}
