/**
 * bench/data/results: writing a run's result files (trades.csv, fills.csv, equity.csv,
 * incidents.csv) for a million one-minute bars, the standard flow with monitoring off, as the
 * runner writes them now (chunks of rows streamed to the file: src/cli/write.ts) against the way
 * it wrote them before, in the same rounds (bench/data/results-before.ts: every row an array,
 * every cell through the quoting test, one string a file, written whole). Every round checks
 * that both wrote the same bytes. Prints wall and CPU time and the heap held at the end of
 * building the files (the old way holds each file's text and its rows at once).
 *
 * Run: npm run bench:results   (BENCH_BARS=1000000, BENCH_REPEATS=3)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChunks } from '../../src/cli/write';
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import {
  equityCsvBytes,
  fillsCsvChunks,
  incidentsCsvChunks,
  tradesCsvChunks,
} from '../../src/engine/metrics/export';
import { createRun } from '../../src/engine/runtime/run';
import { standardFlow } from '../backtest/flow';
import { section } from '../report';
import { benchBars } from './bars';
import * as before from './results-before';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

const bars = benchBars(BARS);
const run = createRun(standardFlow(10, 30), { bars: { data: [bars] } }, COMPONENTS);
run.runToEnd();
const report = run.results().book as PortfolioReport;
const incidents = run.incidents().entries;
const FILES = ['trades.csv', 'fills.csv', 'equity.csv', 'incidents.csv'] as const;

/** Writes the four files into `dir`; returns the heap in use once the last was built. */
function streamed(dir: string): number {
  writeChunks(join(dir, 'trades.csv'), tradesCsvChunks(report.trades));
  writeChunks(join(dir, 'fills.csv'), fillsCsvChunks(report.fills));
  let heap = 0;
  writeChunks(
    join(dir, 'equity.csv'),
    (function* measured() {
      yield* equityCsvBytes(report);
      heap = process.memoryUsage().heapUsed;
    })(),
  );
  writeChunks(join(dir, 'incidents.csv'), incidentsCsvChunks(incidents));
  return heap;
}

function whole(dir: string): number {
  writeFileSync(join(dir, 'trades.csv'), before.tradesCsv(report.trades));
  writeFileSync(join(dir, 'fills.csv'), before.fillsCsv(report.fills));
  const equity = before.equityCsv(report);
  const heap = process.memoryUsage().heapUsed;
  writeFileSync(join(dir, 'equity.csv'), equity);
  writeFileSync(join(dir, 'incidents.csv'), before.incidentsCsv(incidents));
  return heap;
}

const contenders = { whole, streamed };
const best: Record<string, { wall: number; cpu: number; heap: number; first: number }> = {};
let size = 0;
for (let round = 0; round < REPEATS; round++) {
  const dirs: Record<string, string> = {};
  for (const [name, write] of Object.entries(contenders)) {
    const dir = mkdtempSync(join(tmpdir(), `bench-results-${name}-`));
    dirs[name] = dir;
    gc?.();
    const base = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const heap = write(dir) - base;
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const was = best[name] ?? { wall: Infinity, cpu: Infinity, heap: 0, first: ms };
    best[name] = {
      wall: Math.min(was.wall, ms),
      cpu: Math.min(was.cpu, (used.user + used.system) / 1000),
      heap: Math.max(was.heap, heap),
      first: was.first,
    };
  }
  size = 0;
  for (const file of FILES) {
    const old = readFileSync(join(dirs.whole!, file));
    const now = readFileSync(join(dirs.streamed!, file));
    if (!old.equals(now)) throw new Error(`${file}: the streamed file differs from the old one`);
    size += now.length;
  }
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true });
}
const row = (label: string, name: string) => {
  const { wall, cpu, heap, first } = best[name]!;
  return [
    label,
    `${wall.toFixed(0)} ms`,
    `${cpu.toFixed(0)} ms`,
    `${first.toFixed(0)} ms`,
    mb(heap),
  ];
};
section(
  `bench/data/results: ${BARS.toLocaleString('en-US')} bars, ${report.trades.length.toLocaleString('en-US')} trades, ${report.fills.length.toLocaleString('en-US')} fills, ${incidents.length.toLocaleString('en-US')} incidents; ${mb(size)} of files, best of ${REPEATS} rounds, same bytes every round`,
  [
    ['', 'wall', 'CPU', 'first round', 'heap held while writing'],
    row('whole strings, written at once (baseline: before)', 'whole'),
    row('chunks streamed to the file (the runner now)', 'streamed'),
  ],
);
console.log(
  `streamed is ${(best.whole!.wall / best.streamed!.wall).toFixed(1)}x faster (wall), ${(best.whole!.cpu / best.streamed!.cpu).toFixed(1)}x (CPU)`,
);
