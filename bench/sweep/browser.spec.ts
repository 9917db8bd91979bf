/**
 * bench/sweep (browser): the 90-run sweep of examples/sma-sweep.yaml on the page's Web Worker
 * pool must leave the page responsive. Measured in the page: long tasks (over 50 ms) on the main
 * thread from Sweep to the last row, and frame times while the canvas is panned during the sweep,
 * against the same panning with no sweep (the baseline, same page). `npm run bench:sweep-browser`
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

const flow = readFileSync(resolve(import.meta.dirname, '../../examples/sma-sweep.yaml'));

test('a 90-run sweep in the browser: long tasks and frame times on the main thread', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page
    .getByLabel('Open a YAML flow file')
    .setInputFiles({ name: 'sweep.yaml', mimeType: 'application/yaml', buffer: flow });
  await expect(page.getByTestId('grid-summary')).toContainText('Sweep: 90 runs');
  await page.getByRole('tab', { name: 'Sweep', exact: true }).click();
  await page.waitForTimeout(1_000);
  await startFrames(page);
  await pan(page, 6);
  const idle = await stopFrames(page);
  await startLongTasks(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sweep 90 runs' }).click();
  await page.waitForTimeout(500);
  await startFrames(page);
  await pan(page, 6);
  const during = await stopFrames(page);
  const status = page.getByTestId('sweep-status');
  await expect(status).toContainText('Sweep finished: 90 / 90 runs', { timeout: 200_000 });
  const seconds = (Date.now() - started) / 1000;
  const long = await stopLongTasks(page);
  const workers = await page.getByLabel('Workers').inputValue();
  console.log(
    [
      `90 runs of 1,260 bars on ${workers} Web Worker(s) in ${seconds.toFixed(1)} s (${(90 / seconds).toFixed(1)} runs/s)`,
      `Long tasks on the main thread during the sweep: ${long.count}, the longest ${long.longestMs.toFixed(0)} ms${long.count ? ` (at ${long.tasks.map((t) => `${(t.at / 1000).toFixed(1)} s: ${t.ms.toFixed(0)} ms`).join(', ')})` : ''}`,
      '',
      HEADER,
      row('pan, no sweep (baseline)', idle),
      row('pan, during the sweep', during),
    ].join('\n'),
  );
});
