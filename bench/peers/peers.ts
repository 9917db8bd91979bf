/**
 * bench/peers: Flow Studio against backtrader (runonce) and backtesting.py (Backtest.run()) on the
 * same bars, the same rules and in the same run: an SMA fast/slow state crossover, long only, 95%
 * of equity per entry, next-open market orders, 0.1% commission (bench/backtest/flow.ts; the
 * peers' side is bench/peers/speed_peers.py). Flow Studio is timed twice: the engine alone
 * (building the run, running it and computing its results: trades, equity curve and metrics, as
 * backtesting.py's run() computes its statistics; bars in memory) and with parsing the CSV first,
 * since backtrader reads its CSV feed inside cerebro.run(). backtrader's run() computes no
 * statistics (no analyzers are added), so against it Flow Studio does more of the work.
 *
 * The peers are not dependencies: when python3 or a peer is missing, its rows say so and why,
 * and Flow Studio's figures still print. PEERS_PYTHON picks the interpreter (default: Debian's
 * /usr/bin/python3 when present, which has apt's pandas and numpy); PEERS_PATH the PYTHONPATH
 * (default: the offline checkouts in /work/peers, see ../shared/notes/toolchain.md).
 *
 * Each round runs every contender once (a burst of load elsewhere falls on all alike); the best
 * round of each counts.
 *
 * Run: npm run bench:peers   (BENCH_BARS=200000 by default; BENCH_REPEATS=3 rounds)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import type { BarSeries } from '../../src/engine/data/bars';
import { parseBarsCsv } from '../../src/engine/data/csv';
import { createRun } from '../../src/engine/runtime/run';
import { benchBars, standardFlow } from '../backtest/flow';
import { formatRate, section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const [FAST, SLOW] = [10, 20];

const bars = benchBars(BARS);

const pad = (n: number) => String(n).padStart(2, '0');
function isoMinute(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function toCsv(series: BarSeries): string {
  const lines = ['datetime,open,high,low,close,volume'];
  for (let i = 0; i < series.close.length; i++)
    lines.push(
      `${isoMinute(series.timestamp[i]!)},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
    );
  return `${lines.join('\n')}\n`;
}

interface Outcome {
  readonly ms: number;
  readonly trades: number;
  readonly finalValue: number;
}

function flowStudio(series: BarSeries, monitoring: boolean): Outcome {
  const started = performance.now();
  const run = createRun(
    standardFlow(FAST, SLOW, monitoring),
    { bars: { data: [series] } },
    COMPONENTS,
  );
  run.runToEnd();
  // The results are timed too: backtesting.py's run() computes its statistics before it returns.
  const report = run.results().book as PortfolioReport;
  const ms = performance.now() - started;
  return { ms, trades: report.trades.length, finalValue: report.final_equity };
}

function flowStudioFromCsv(csv: string): Outcome {
  const started = performance.now();
  const parsed = parseBarsCsv(csv, { symbol: 'BENCH' });
  if (!parsed.ok) throw new Error('the benchmark CSV does not parse');
  const run = createRun(standardFlow(FAST, SLOW), { bars: { data: parsed.series } }, COMPONENTS);
  run.runToEnd();
  // The results are timed too: backtesting.py's run() computes its statistics before it returns.
  const report = run.results().book as PortfolioReport;
  const ms = performance.now() - started;
  return { ms, trades: report.trades.length, finalValue: report.final_equity };
}

type PeerResult =
  | { ms: number; version: string; trades: number; final_value: number }
  | { skipped: string };

function peers(csvPath: string): Record<string, PeerResult> | string {
  const python =
    process.env.PEERS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const path = process.env.PEERS_PATH ?? '/work/peers/backtrader:/work/peers/backtesting.py';
  const script = resolve(import.meta.dirname ?? '.', '../../bench/peers/speed_peers.py');
  const found = existsSync(script) ? script : resolve('bench/peers/speed_peers.py');
  const result = spawnSync(python, [found, csvPath, String(FAST), String(SLOW), '1'], {
    env: { ...process.env, PYTHONPATH: path },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.error) return `python3 could not be started (${result.error.message})`;
  if (result.status !== 0)
    return `the peers' script failed: ${result.stderr.trim().split('\n').pop()}`;
  return JSON.parse(result.stdout) as Record<string, PeerResult>;
}

const series = bars;
const csv = toCsv(series);
const dir = mkdtempSync(join(tmpdir(), 'bench-peers-'));
const csvPath = join(dir, 'bars.csv');
writeFileSync(csvPath, csv);

// The machine is shared: each round runs every contender once, so a burst of load elsewhere falls
// on all of them alike; each contender's best round counts.
let off: Outcome | null = null;
let on: Outcome | null = null;
let fromCsv: Outcome | null = null;
let measured: Record<string, PeerResult> | string = {};
const better = (a: Outcome | null, b: Outcome) => (a === null || b.ms < a.ms ? b : a);
for (let round = 0; round < REPEATS; round++) {
  off = better(off, flowStudio(series, false));
  on = better(on, flowStudio(series, true));
  fromCsv = better(fromCsv, flowStudioFromCsv(csv));
  const peerRound = peers(csvPath);
  if (typeof peerRound === 'string' || typeof measured === 'string') measured = peerRound;
  else
    for (const [name, result] of Object.entries(peerRound)) {
      const kept = measured[name];
      if (!kept || 'skipped' in kept || ('ms' in result && result.ms < kept.ms))
        measured[name] = result;
    }
}
if (!off || !on || !fromCsv) throw new Error('BENCH_REPEATS must be at least 1');
rmSync(dir, { recursive: true, force: true });

const rate = (ms: number) => formatRate(BARS / (ms / 1000), 'bars/s');
const rows: string[][] = [
  [
    'Flow Studio, monitoring off',
    `${off.ms.toFixed(0)} ms`,
    rate(off.ms),
    `${off.trades} trades`,
    `final ${off.finalValue.toFixed(2)}`,
    '',
  ],
  [
    'Flow Studio, monitoring on',
    `${on.ms.toFixed(0)} ms`,
    rate(on.ms),
    `${on.trades} trades`,
    `final ${on.finalValue.toFixed(2)}`,
    '',
  ],
  [
    'Flow Studio, CSV parse + run (off)',
    `${fromCsv.ms.toFixed(0)} ms`,
    rate(fromCsv.ms),
    `${fromCsv.trades} trades`,
    `final ${fromCsv.finalValue.toFixed(2)}`,
    '',
  ],
];
const ratios: string[] = [];
if (typeof measured === 'string') {
  rows.push(['backtrader, backtesting.py', 'skipped', measured, '', '', '']);
} else {
  for (const [name, result] of Object.entries(measured)) {
    if ('skipped' in result) {
      rows.push([name, 'skipped', result.skipped, '', '', '']);
      continue;
    }
    const label =
      name === 'backtrader'
        ? `backtrader ${result.version} runonce`
        : `backtesting.py ${result.version} run()`;
    rows.push([
      label,
      `${result.ms.toFixed(0)} ms`,
      rate(result.ms),
      `${result.trades} trades`,
      `final ${result.final_value.toFixed(2)}`,
      '',
    ]);
    ratios.push(
      `Flow Studio / ${name}: ${(result.ms / off.ms).toFixed(1)}x (monitoring off), ${(result.ms / on.ms).toFixed(1)}x (on), ${(result.ms / fromCsv.ms).toFixed(1)}x (CSV parse + run)`,
    );
  }
}
section(
  `bench/peers: ${BARS.toLocaleString('en-US')} one-minute bars, SMA ${FAST}/${SLOW} state crossover, best of ${REPEATS} rounds`,
  rows.map((row) => row.slice(0, 5)),
);
for (const line of ratios) console.log(line);
if (ratios.length === 0)
  console.log('No peer ran: only Flow Studio was measured (see the rows above for why).');
