/**
 * One run of the standard flow, for a CPU profile of the engine alone:
 *   node scripts/run-ts.mjs --cpu-prof --cpu-prof-dir=/tmp/prof bench/backtest/profile.ts [on|off]
 * BENCH_BARS bars (200,000 by default), monitoring as asked; prints the run's wall and CPU time.
 */
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import { createRun } from '../../src/engine/runtime/run';
import { benchBars, standardFlow } from './flow';

const BARS = Number(process.env.BENCH_BARS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 1);
const monitoring = process.argv[2] === 'on';
const bars = benchBars(BARS);
for (let i = 0; i < REPEATS; i++) {
  const run = createRun(standardFlow(10, 30, monitoring), { bars: { data: [bars] } }, COMPONENTS);
  const cpu = process.cpuUsage();
  const started = performance.now();
  run.runToEnd();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const report = run.results().book as PortfolioReport;
  const { deliveries, events } = run.progress;
  console.log(
    `${monitoring ? 'on ' : 'off'} ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms cpu, ${Math.round(BARS / (ms / 1000)).toLocaleString('en-US')} bars/s, ${report.trades.length} trades, equity ${report.final_equity}, ${(events / BARS).toFixed(2)} events and ${(deliveries / BARS).toFixed(2)} deliveries a bar`,
  );
}
