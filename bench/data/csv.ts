/**
 * bench/data: parsing a CSV of bars (a million one-minute rows by default) with Flow Studio's
 * reader (parseBarsCsv: header spellings, dates, validation with located problems, typed columns)
 * against three baselines in the same run: the reader with its fast path off (every row split
 * into strings and read by the general reader: the reader before the fast path), papaparse alone
 * (rows as string arrays, nothing checked) and a hand-written loop (split on newlines and commas,
 * Date.parse and Number into Float64Arrays, nothing checked). Rounds: every contender once a
 * round, after a full garbage collection, the best round of each counts; the CPU time is printed
 * beside the wall time, since on a loaded machine the wall time mostly measures the others.
 *
 * The text is written to a file and read back, as the runner reads it: a string built in the
 * process is a rope (a join and a concatenation), slower to index than a file's flat text, and
 * keeping the million line strings it was built from alive made every full collection during a
 * parse trace half a gigabyte (3 to 4 s a collection under load: most of the 21 s measured before).
 *
 * Run: npm run bench:csv   (BENCH_BARS=1000000, BENCH_REPEATS=3)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parseBarsCsv } from '../../src/engine/data/csv';
import { formatRate, section } from '../report';
import { benchBars, writeBarsCsv } from './bars';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

/**
 * One parse in a fresh process, as the runner parses once: nothing optimised yet. The child reads
 * the file and parses it once, and prints its wall and CPU time.
 */
if (process.env.BENCH_COLD) {
  const cold = readFileSync(process.env.BENCH_COLD, 'utf8');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = parseBarsCsv(cold, { fastPath: process.env.BENCH_FAST === '1' });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!result.ok) process.exit(1);
  console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));
  process.exit(0);
}
const series = benchBars(BARS);
const dir = mkdtempSync(join(tmpdir(), 'bench-csv-'));
const file = join(dir, 'bars.csv');
writeBarsCsv(file, series);
const text = readFileSync(file, 'utf8');
const gc = (globalThis as { gc?: () => void }).gc;

function flowStudio(): number {
  return reader(true);
}

function generalReader(): number {
  return reader(false);
}

function reader(fastPath: boolean): number {
  const result = parseBarsCsv(text, { symbol: 'BENCH', fastPath });
  if (!result.ok || result.rows !== BARS) throw new Error('the reader refused the benchmark CSV');
  return result.series[0]!.close[BARS - 1]!;
}

function papaOnly(): number {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return Number(parsed.data[BARS]![4]);
}

function handLoop(): number {
  const rows = text.split('\n');
  const n = rows.length - 2;
  const time = new Float64Array(n);
  const close = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cells = rows[i + 1]!.split(',');
    time[i] = Date.parse(`${cells[0]!.replace(' ', 'T')}Z`);
    open[i] = Number(cells[1]);
    high[i] = Number(cells[2]);
    low[i] = Number(cells[3]);
    close[i] = Number(cells[4]);
    volume[i] = Number(cells[5]);
  }
  return close[n - 1]!;
}

const coldParse = (fast: boolean) => {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
    env: { ...process.env, BENCH_COLD: file, BENCH_FAST: fast ? '1' : '0' },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`the cold parse failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
};

const contenders = { handLoop, papaOnly, generalReader, flowStudio };
const fastest: Record<string, { wall: number; cpu: number; first: number }> = {};
for (let round = 0; round < REPEATS; round++)
  for (const [name, contender] of Object.entries(contenders)) {
    gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const last = contender();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (last !== series.close[BARS - 1]) throw new Error(`${name} read the last close wrong`);
    const best = fastest[name] ?? { wall: Infinity, cpu: Infinity, first: ms };
    fastest[name] = {
      wall: Math.min(best.wall, ms),
      cpu: Math.min(best.cpu, (used.user + used.system) / 1000),
      first: best.first,
    };
  }
const row = (label: string, name: string) => {
  const { wall, cpu, first } = fastest[name]!;
  return [
    label,
    `${wall.toFixed(0)} ms`,
    `${cpu.toFixed(0)} ms`,
    `${first.toFixed(0)} ms`,
    formatRate(BARS / (wall / 1000), 'rows/s'),
  ];
};
section(
  `bench/data: ${BARS.toLocaleString('en-US')} CSV rows (${(text.length / 1_048_576).toFixed(0)} MB), best of ${REPEATS} rounds`,
  [
    ['', 'wall', 'CPU', 'first round', 'rate'],
    row('hand-written split loop (baseline)', 'handLoop'),
    row('papaparse alone (baseline)', 'papaOnly'),
    row('parseBarsCsv, fast path off (baseline)', 'generalReader'),
    row('Flow Studio parseBarsCsv', 'flowStudio'),
  ],
);
const colds = [coldParse(false), coldParse(true), coldParse(false), coldParse(true)];
rmSync(dir, { recursive: true });
const coldRow = (label: string, runs: { wall: number; cpu: number }[]) => [
  label,
  runs.map((run) => `${run.wall.toFixed(0)} ms`).join(', '),
  runs.map((run) => `${run.cpu.toFixed(0)} ms`).join(', '),
];
section('One parse in a fresh process (as the runner parses), twice each, alternated', [
  ['', 'wall', 'CPU'],
  coldRow('parseBarsCsv, fast path off (baseline)', [colds[0]!, colds[2]!]),
  coldRow('Flow Studio parseBarsCsv', [colds[1]!, colds[3]!]),
]);
const ratio = (name: string) => (fastest[name]!.wall / fastest.flowStudio!.wall).toFixed(1);
console.log(
  `parseBarsCsv is ${ratio('generalReader')}x faster than with its fast path off, ${ratio('papaOnly')}x papaparse alone, ${ratio('handLoop')}x the hand loop`,
);
