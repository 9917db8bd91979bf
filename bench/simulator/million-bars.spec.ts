/**
 * bench/simulator: a run of a million bars as fast as possible must leave the page responsive.
 * Measured in the page: long tasks (over 50 ms) on the main thread from Run to the end, and frame
 * times while the canvas is panned during the run, against the same panning with no run (the
 * baseline, same page, same run of the benchmark). `npm run bench:simulator`
 */
import { expect, test } from '@playwright/test';
import {
  HEADER,
  pan,
  row,
  startFrames,
  startLongTasks,
  stopFrames,
  stopLongTasks,
} from '../browser/frames';

const BARS = 1_000_000;

const flow = `name: Standard flow, a million bars
containers:
  data:
    component: synthetic_bars
    params: { symbols: SYN, regime: mixed, interval: 1m, bars: ${BARS}, seed: 7 }
  sma_fast:
    component: sma
    params: { period: 10 }
  sma_slow:
    component: sma
    params: { period: 30 }
  crossover:
    component: sma_crossover
    params: { fast: SMA_10, slow: SMA_30 }
  risk:
    component: risk_manager
    params: { sizing: percent_equity, equity_pct: 95 }
  broker:
    component: simulated_broker
    params: { fill_timing: next_open, commission_model: percentage, commission_pct: 0.1 }
  portfolio:
    component: portfolio
    params: { initial_cash: 100000 }
event_flow:
  - type: pipeline
    containers: [data, sma_fast, sma_slow, crossover, risk, broker, portfolio]
layout:
  data: [0, 0]
  sma_fast: [240, 0]
  sma_slow: [480, 0]
  crossover: [720, 0]
  risk: [240, 170]
  broker: [480, 170]
  portfolio: [720, 170]
`;

test('a million bars as fast as possible: long tasks and frame times on the main thread', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByLabel('Open a YAML flow file').setInputFiles({
    name: 'million.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(flow),
  });
  await expect(page.locator('.react-flow__node[data-id="portfolio"]')).toBeVisible();
  // The user looks at the charts: opening the run views (mounting the charts, refitting the
  // canvas) is its own one-off cost, not the run's.
  await page.getByRole('tab', { name: 'Charts', exact: true }).click();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  await page.waitForTimeout(1_000);

  await startFrames(page);
  await pan(page, 6);
  const idle = await stopFrames(page);

  const status = page.getByTestId('run-status');
  await startLongTasks(page);
  const started = Date.now();
  await page.getByRole('button', { name: /^▶ Run/ }).click();
  await expect(status).toContainText('Running', { timeout: 60_000 });
  const loadedMs = Date.now() - started;
  await page.waitForTimeout(1_000);
  await startFrames(page);
  await pan(page, 6);
  const running = await stopFrames(page);
  await expect(status).toContainText('Finished', { timeout: 200_000 });
  const seconds = (Date.now() - started) / 1000;
  const long = await stopLongTasks(page);
  await expect(status).toContainText(`bar ${BARS.toLocaleString('en-US')} of`);

  console.log(
    [
      `${BARS.toLocaleString('en-US')} bars in ${seconds.toFixed(1)} s from Run to Finished (${Math.round(BARS / seconds).toLocaleString('en-US')} bars/s in the worker, monitoring on; generating the bars and the first batch: ${loadedMs} ms)`,
      `Long tasks on the main thread during the run: ${long.count}, the longest ${long.longestMs.toFixed(0)} ms${long.count ? ` (at ${long.tasks.map((t) => `${(t.at / 1000).toFixed(1)} s: ${t.ms.toFixed(0)} ms`).join(', ')} after Run)` : ''}`,
      '',
      HEADER,
      row('pan, no run (baseline)', idle),
      row('pan, during the run', running),
      '',
      `p95 frame during the run: ${(running.p95Ms / idle.p95Ms).toFixed(2)}x the baseline`,
    ].join('\n'),
  );
});
