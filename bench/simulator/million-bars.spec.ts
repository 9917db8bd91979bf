/**
 * bench/simulator: a run of a million bars as fast as possible must leave the page responsive.
 * Measured in the page: long tasks (over 50 ms) on the main thread from Run to the end, and frame
 * times while the canvas is panned during the run, against the same panning with no run (the
 * baseline, same page, same run of the benchmark). `npm run bench:simulator`
 */
import { expect, test } from '@playwright/test';
import {
  frameLines,
  HEADER,
  pan,
  row,
  startFrames,
  startLongTasks,
  stopFrames,
  stopLongTasks,
} from '../browser/frames';
import { attribute, startTrace, stopTrace } from '../browser/trace';
import { millionBarFlow } from './flow';

/**
 * `BENCH_PROFILE=1`: a performance trace of the run, and what each long task was made of (`tasks`:
 * the same without JS samples, so CPU times closer to an unprofiled run's).
 */
const PROFILE = process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'tasks';

const BARS = 1_000_000;

const flow = millionBarFlow(BARS);

test('a million bars as fast as possible: long tasks and frame times on the main thread', async ({
  browser,
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
  // Found before the measurement starts: Playwright's search by role and name walks the whole
  // page in one task (0.5-0.9 s in a trace), which would count as the app's own long task.
  const runButton = (await page.getByRole('button', { name: /^▶ Run/ }).boundingBox())!;
  await startLongTasks(page);
  if (PROFILE) await startTrace(browser, page);
  const started = Date.now();
  await page.mouse.click(runButton.x + runButton.width / 2, runButton.y + runButton.height / 2);
  await expect(status).toContainText('Running', { timeout: 60_000 });
  const loadedMs = Date.now() - started;
  await page.waitForTimeout(1_000);
  await startFrames(page);
  await pan(page, 6);
  const running = await stopFrames(page);
  await expect(status).toContainText('Finished', { timeout: 200_000 });
  const seconds = (Date.now() - started) / 1000;
  const long = await stopLongTasks(page);
  const profile = PROFILE
    ? attribute(await stopTrace(browser, test.info().outputPath('trace.json')))
    : '';
  await expect(status).toContainText(`bar ${BARS.toLocaleString('en-US')} of`);

  console.log(
    [
      `${BARS.toLocaleString('en-US')} bars in ${seconds.toFixed(1)} s from Run to Finished (${Math.round(BARS / seconds).toLocaleString('en-US')} bars/s in the worker, monitoring on; generating the bars and the first batch: ${loadedMs} ms)`,
      `Long tasks on the main thread during the run: ${long.count}, the longest ${long.longestMs.toFixed(0)} ms${long.count ? ` (at ${long.tasks.map((t) => `${(t.at / 1000).toFixed(1)} s: ${t.ms.toFixed(0)} ms`).join(', ')} after Run)` : ''}`,
      `Long animation frames (over 50 ms): ${long.frames.length}`,
      ...frameLines(long.frames),
      '',
      HEADER,
      row('pan, no run (baseline)', idle),
      row('pan, during the run', running),
      '',
      `p95 frame during the run: ${(running.p95Ms / idle.p95Ms).toFixed(2)}x the baseline`,
      ...(PROFILE ? ['', profile] : []),
    ].join('\n'),
  );
});
