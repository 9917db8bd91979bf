/**
 * bench/memory: the standard flow over a million one-minute bars, monitoring off, in a heap capped
 * at 256 MB (npm run bench:memory runs node with --max-old-space-size=256). Prints the heap and
 * the process's resident memory before and after, and what the run keeps per bar, against the
 * bars themselves (six Float64Array columns: 48 bytes a bar) measured in the same process.
 *
 * Run: npm run bench:memory   (BENCH_BARS to change the count)
 */
import type { PortfolioReport } from '../../src/engine/components/portfolio/component';
import { COMPONENTS } from '../../src/engine/components/registry';
import { generateSynthetic } from '../../src/engine/data/synthetic';
import { createRun } from '../../src/engine/runtime/run';
import { standardFlow } from '../backtest/flow';
import { section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

function settled(): NodeJS.MemoryUsage {
  gc?.();
  return process.memoryUsage();
}

const start = settled();
const [bars] = generateSynthetic({
  symbols: ['BENCH'],
  regime: 'mixed',
  interval: '1m',
  bars: BARS,
  seed: 7,
  startPrice: 100,
  startDate: '2020-01-01',
});
const withBars = settled();
let peakHeap = 0;
const run = createRun(standardFlow(10, 30), { bars: { data: [bars!] } }, COMPONENTS, {
  observer: {
    onBarEnd: (_time, bar) => {
      if ((bar & 0xffff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  },
});
const started = performance.now();
run.runToEnd();
const ms = performance.now() - started;
const afterRun = settled();
const report = run.results().book as PortfolioReport;
const afterResults = settled();
const perBar = (bytes: number) => `${(bytes / BARS).toFixed(1)} B/bar`;
section(`bench/memory: ${BARS.toLocaleString('en-US')} bars, standard flow, monitoring off`, [
  ['', 'heap used', 'array buffers', 'resident'],
  ['at start', mb(start.heapUsed), mb(start.arrayBuffers), mb(start.rss)],
  ['bars in memory (baseline)', mb(withBars.heapUsed), mb(withBars.arrayBuffers), mb(withBars.rss)],
  ['after the run (settled)', mb(afterRun.heapUsed), mb(afterRun.arrayBuffers), mb(afterRun.rss)],
  [
    'after results()',
    mb(afterResults.heapUsed),
    mb(afterResults.arrayBuffers),
    mb(afterResults.rss),
  ],
]);
const kept =
  afterRun.heapUsed + afterRun.arrayBuffers - (withBars.heapUsed + withBars.arrayBuffers);
console.log(
  `run status: ${run.status}, ${report.trades.length} trades, ${(ms / 1000).toFixed(1)} s`,
);
console.log(`peak heap sampled during the run: ${mb(peakHeap)}`);
console.log(
  `kept by the run beyond the bars: ${mb(kept)} (${perBar(kept)}); the bars: ${perBar(withBars.heapUsed + withBars.arrayBuffers - start.heapUsed - start.arrayBuffers)}`,
);
