/**
 * bench/data: parsing a CSV of bars (a million one-minute rows by default) with Flow Studio's
 * reader (parseBarsCsv: header spellings, dates, validation with located problems, typed columns)
 * against two baselines in the same run: papaparse alone (the library the reader uses, rows as
 * string arrays, nothing checked) and a hand-written loop (split on newlines and commas, Date.parse
 * and Number into Float64Arrays, nothing checked). Rounds: every contender once a round, the best
 * round of each counts.
 *
 * Run: npm run bench:csv   (BENCH_BARS=1000000, BENCH_REPEATS=3)
 */
import Papa from 'papaparse';
import { parseBarsCsv } from '../../src/engine/data/csv';
import { generateSynthetic } from '../../src/engine/data/synthetic';
import { formatRate, section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const [series] = generateSynthetic({
  symbols: ['BENCH'],
  regime: 'mixed',
  interval: '1m',
  bars: BARS,
  seed: 7,
  startPrice: 100,
  startDate: '2020-01-01',
});
const lines = ['datetime,open,high,low,close,volume'];
for (let i = 0; i < BARS; i++) {
  const iso = new Date(series!.timestamp[i]!).toISOString().slice(0, 19).replace('T', ' ');
  lines.push(
    `${iso},${series!.open[i]},${series!.high[i]},${series!.low[i]},${series!.close[i]},${series!.volume[i]}`,
  );
}
const text = `${lines.join('\n')}\n`;

function flowStudio(): number {
  const result = parseBarsCsv(text, { symbol: 'BENCH' });
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

const contenders = { handLoop, papaOnly, flowStudio };
const fastest: Record<string, number> = {};
for (let round = 0; round < REPEATS; round++)
  for (const [name, contender] of Object.entries(contenders)) {
    const started = performance.now();
    const last = contender();
    const ms = performance.now() - started;
    if (last !== series!.close[BARS - 1]) throw new Error(`${name} read the last close wrong`);
    fastest[name] = Math.min(fastest[name] ?? Number.POSITIVE_INFINITY, ms);
  }
const row = (label: string, ms: number) => [
  label,
  `${ms.toFixed(0)} ms`,
  formatRate(BARS / (ms / 1000), 'rows/s'),
];
section(
  `bench/data: ${BARS.toLocaleString('en-US')} CSV rows (${(text.length / 1_048_576).toFixed(0)} MB), best of ${REPEATS} rounds`,
  [
    row('hand-written split loop (baseline)', fastest.handLoop!),
    row('papaparse alone (baseline)', fastest.papaOnly!),
    row('Flow Studio parseBarsCsv', fastest.flowStudio!),
  ],
);
console.log(
  `parseBarsCsv / hand loop: ${(fastest.flowStudio! / fastest.handLoop!).toFixed(1)}x the time; / papaparse alone: ${(fastest.flowStudio! / fastest.papaOnly!).toFixed(1)}x`,
);
