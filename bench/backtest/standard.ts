/**
 * bench/backtest: bars per second for the standard flow (bars → two SMAs → crossover → percent of
 * equity sizing → market orders with fees → portfolio) over a million bars, against a plain
 * hand-written loop that makes the same trades, measured in the same run.
 *
 * Run: npm run bench:backtest   (BENCH_BARS=200000 for a shorter run)
 */
import { MovingSum } from '../../src/engine/components/indicators/window';
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import type { BarSeries } from '../../src/engine/data/bars';
import { createRun } from '../../src/engine/runtime/run';
import { formatRate, section } from '../report';
import { benchBars, STANDARD, standardFlow } from './flow';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const REPEATS = 3;
const [FAST, SLOW] = [10, 30];
const { equityPct: EQUITY_PCT, commissionPct: COMMISSION_PCT, cash: CASH } = STANDARD;

const bars = benchBars(BARS);

interface Outcome {
  readonly ms: number;
  readonly trades: number;
  readonly equity: number;
}

/**
 * The engine as the runner and the worker's fast mode drive it (whole bar steps), with monitoring
 * on (the browser's default), or event by event as stepping drives it (every delivery checked
 * against an event limit): the driver the planned one replaced for unstepped runs.
 */
function engine(monitoring = false, byEvents = false): Outcome {
  const run = createRun(
    standardFlow(FAST, SLOW, monitoring),
    { bars: { data: [bars] } },
    COMPONENTS,
  );
  const started = performance.now();
  if (byEvents) run.runFor({ maxEvents: Number.MAX_SAFE_INTEGER });
  else run.runToEnd();
  const ms = performance.now() - started;
  const report = run.results().book as PortfolioReport;
  return { ms, trades: report.trades.length, equity: report.final_equity };
}

/**
 * The same rules in one loop: SMAs by the same running sums (MovingSum re-sums its window now and
 * then; summing differently would round differently and flip a crossover on a tie), state
 * crossover, fills at the next open with the cash check.
 */
function handLoop(series: BarSeries): Outcome {
  const started = performance.now();
  const { open, close } = series;
  const fastSum = new MovingSum(FAST);
  const slowSum = new MovingSum(SLOW);
  let cash = CASH;
  let position = 0;
  let pending = 0; // shares to buy (+) or sell (−) at the next open
  let trades = 0;
  let held = 0;
  for (let i = 0; i < close.length; i++) {
    if (pending !== 0) {
      const price = open[i]!;
      const value = Math.abs(pending) * price;
      const fee = (value * COMMISSION_PCT) / 100;
      if (pending < 0 || value + fee <= cash) {
        cash -= pending * price + fee;
        position += pending;
        if (position === 0) trades++;
      }
      pending = 0;
    }
    fastSum.push(close[i]!);
    slowSum.push(close[i]!);
    if (!slowSum.ready) continue;
    const fast = fastSum.value / FAST;
    const slow = slowSum.value / SLOW;
    const want = fast > slow ? 1 : fast < slow ? 0 : held;
    if (want === held) continue;
    held = want;
    if (want === 1 && position === 0) pending = Math.floor((cash * EQUITY_PCT) / 100 / close[i]!);
    else if (want === 0 && position > 0) pending = -position;
  }
  const equity = cash + position * close[close.length - 1]!;
  return { ms: performance.now() - started, trades, equity };
}

// Rounds: each runs every contender once, so a burst of load elsewhere on this shared machine falls
// on all of them alike; each contender's best round counts.
const contenders = {
  loop: () => handLoop(bars),
  flow: () => engine(),
  monitored: () => engine(true),
  stepped: () => engine(false, true),
};
const fastest: Partial<Record<keyof typeof contenders, Outcome>> = {};
for (let round = 0; round < REPEATS; round++)
  for (const [name, contender] of Object.entries(contenders) as [
    keyof typeof contenders,
    () => Outcome,
  ][]) {
    const outcome = contender();
    if (!fastest[name] || outcome.ms < fastest[name].ms) fastest[name] = outcome;
  }
const [b, a] = [fastest.loop!, fastest.flow!];
const others = [fastest.monitored!, fastest.stepped!];
const [loop, flow, monitored, stepped] = [b.ms, a.ms, others[0]!.ms, others[1]!.ms];
const row = (label: string, ms: number, outcome: Outcome) => [
  label,
  `${ms.toFixed(0)} ms`,
  formatRate(BARS / (ms / 1000), 'bars/s'),
  `${outcome.trades} trades`,
  `final equity ${outcome.equity.toFixed(2)}`,
];
section(
  `bench/backtest: ${BARS.toLocaleString('en-US')} bars through the standard flow (best of ${REPEATS} rounds)`,
  [
    row('hand-written loop (baseline)', loop, b),
    row('Flow Studio engine, monitoring off', flow, a),
    row('  monitoring on', monitored, others[0]!),
    row('  monitoring off, event by event', stepped, others[1]!),
  ],
);
console.log(
  `engine / hand loop: ${(flow / loop).toFixed(1)}x (monitoring on: ${(monitored / loop).toFixed(1)}x)`,
);
console.log(`event by event / whole bar steps: ${(stepped / flow).toFixed(2)}x the time`);
const sameEquity = Math.abs(a.equity - b.equity) / b.equity < 1e-9;
const allSame = others.every((o) => o.trades === a.trades && o.equity === a.equity);
console.log(
  a.trades === b.trades && sameEquity && allSame
    ? 'same trades and final equity: yes'
    : 'THE RESULTS DIFFER: the comparison is void',
);
