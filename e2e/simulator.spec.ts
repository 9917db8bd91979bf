/**
 * The simulator's journeys in Chromium: run the sample flow and watch fills appear, pause and
 * step, trace a fill, upload a CSV (bad, then good), export results, and check that the browser
 * gives exactly the headless runner's numbers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node, runPanel, runStatus, runTab, runToEnd, typeInto } from './helpers';

const root = resolve(import.meta.dirname, '..');

const status = runStatus;
const tab = runTab;

/** Serves `script` as the first engine worker the page starts, the real one after; counts them. */
async function replaceFirstEngine(page: Page, script: string): Promise<() => number> {
  let served = 0;
  await page.route('**/engine.worker-*.js', (route) => {
    served++;
    if (served > 1) return route.continue();
    return route.fulfill({ contentType: 'text/javascript', body: script });
  });
  return () => served;
}

test('run the sample flow: fills appear on the chart and in the log, counts on the canvas', async ({
  page,
}) => {
  await freshStart(page);
  await runPanel(page).getByLabel('Speed').selectOption({ label: '1,000 bars/s' });
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  // (A starved worker may play the 1,260 bars between two looks; the pause test checks Running.)
  await expect(status(page)).toContainText(/Running|Finished/);
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
  await expect(status(page)).toContainText('bar 1,260 of 1,260');

  // The chart holds every candle and a mark for each fill.
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-bars', '1260');
  await expect(chart).not.toHaveAttribute('data-fills', '0');
  // TradingView's legend: the symbol, the bar's OHLC and each line's value.
  const legend = page.getByTestId('chart-legend');
  await expect(legend).toContainText('AAPL');
  await expect(legend).toContainText(/O\s*\d/);
  await expect(legend).toContainText('SMA_10');
  // Each trade's entry is joined to its exit.
  await expect(chart).not.toHaveAttribute('data-trades', '0');

  // The charts follow the system's colour scheme, live.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(chart).toHaveAttribute('data-bars', '1260');
  await expect(page.getByTestId('equity-chart').locator('canvas').first()).toBeVisible();

  // The canvas shows each container's counters.
  await expect(page.getByTestId('status-broker')).toHaveAttribute('aria-label', /in [1-9]\d*/);

  // The log lists fills; filtering by type shows only them.
  await tab(page, 'Event log').click();
  // A run of this size is logged whole, even as fast as possible.
  await expect(status(page)).toContainText('4,030 events');
  await expect(runPanel(page).locator('.log-counts')).toHaveText('4,030 shown');
  await runPanel(page).getByLabel('Type').selectOption('FillEvent');
  const rows = page.getByTestId('event-log').locator('.log-row');
  await expect(rows.first()).toContainText('FillEvent');
  await expect(rows.filter({ hasNotText: 'FillEvent' })).toHaveCount(0);
});

test('pause, step one event, step one bar, reset', async ({ page }) => {
  await freshStart(page);
  const panel = runPanel(page);
  await panel.getByRole('button', { name: 'Step event' }).click();
  await expect(status(page)).toContainText('bar 0 of 1,260 · ');
  await expect(status(page)).toContainText('1 events');
  await panel.getByRole('button', { name: 'Step bar' }).click();
  await expect(status(page)).toContainText('bar 1 of 1,260');
  await panel.getByRole('button', { name: 'Step bar' }).click();
  await expect(status(page)).toContainText('bar 2 of 1,260');

  await panel.getByLabel('Speed').selectOption({ label: '20 bars/s' });
  await panel.getByRole('button', { name: /Resume|Run/ }).click();
  await expect(status(page)).toContainText('Running');
  await panel.getByRole('button', { name: /Pause/ }).click();
  await expect(status(page)).toContainText('Paused');
  // The same from the keyboard, with the focus on the canvas.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(status(page)).toContainText('Running');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(status(page)).toContainText('Paused');
  const paused = await status(page).textContent();
  await page.waitForTimeout(400);
  expect(await status(page).textContent()).toBe(paused);

  await panel.getByRole('button', { name: 'Reset' }).click();
  await expect(status(page)).toContainText('Ready at the first bar');
  await expect(status(page)).toContainText('bar 0 of 1,260');
});

test('trace a fill: its chain from bar to fill, and the path lit on the canvas', async ({
  page,
}) => {
  await freshStart(page);
  await runToEnd(page);
  await tab(page, 'Event log').click();
  await runPanel(page).getByLabel('Type').selectOption('FillEvent');
  await page.getByTestId('event-log').locator('.log-row').first().click();
  const trace = page.getByTestId('trace-view');
  await expect(trace).toBeVisible();
  const steps = trace.locator('.trace-step .trace-type');
  await expect(steps.first()).toHaveText('BarEvent');
  await expect(steps.filter({ hasText: 'TradingSignal' })).toHaveCount(1);
  await expect(steps.filter({ hasText: 'OrderEvent' })).toHaveCount(1);
  await expect(steps.filter({ hasText: 'FillEvent' })).toHaveCount(1);
  // Decided on a bar's close, filled at the next bar's open: a day or more later, never the same bar.
  await expect(
    trace.getByRole('row').filter({ hasText: 'OrderEvent → FillEvent' }).getByRole('cell').nth(2),
  ).toHaveText(/^\d+ days?$/);
  await expect(node(page, 'crossover').locator('.flow-node')).toHaveClass(/traced/);
  await expect(node(page, 'broker').locator('.flow-node')).toHaveClass(/traced/);

  await trace.getByRole('button', { name: 'Close trace' }).click();
  await expect(node(page, 'broker').locator('.flow-node')).not.toHaveClass(/traced/);
});

test('a CSV with a bad row says which row; a good CSV runs', async ({ page }) => {
  await freshStart(page);
  await tab(page, 'Data').click();
  const upload = runPanel(page).getByLabel('CSV file of bars');
  await upload.setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,abc,9,10,100\n',
    ),
  });
  const problems = runPanel(page).getByRole('alert');
  await expect(problems).toContainText('broken.csv was not loaded');
  await expect(problems).toContainText('Line 3, column “High”');

  const rows = ['date,open,high,low,close,volume'];
  for (let i = 0; i < 120; i++) {
    const day = new Date(Date.UTC(2023, 0, 2 + i)).toISOString().slice(0, 10);
    const price = 50 + 8 * Math.sin(i / 6);
    rows.push(
      `${day},${price.toFixed(2)},${(price + 1).toFixed(2)},${(price - 1).toFixed(2)},${(price + 0.3).toFixed(2)},5000`,
    );
  }
  await upload.setInputFiles({
    name: 'mine.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n')),
  });
  await expect(runPanel(page).getByRole('status').filter({ hasText: 'mine.csv' })).toContainText(
    '120 bars of MINE',
  );
  await expect(runPanel(page).getByLabel(/My CSV file/)).toBeChecked();
  await runToEnd(page);
  await expect(status(page)).toContainText('bar 120 of 120');
});

test('results: metrics, trades, and exports identical to the headless runner', async ({ page }) => {
  await freshStart(page);
  await runToEnd(page);
  await tab(page, 'Results').click();
  const metrics = runPanel(page).getByRole('table', { name: 'Metrics of portfolio' });
  await expect(metrics).toContainText('Total return');
  await expect(metrics).toContainText('79.83%');
  await expect(runPanel(page).getByRole('table', { name: 'Trades' })).toContainText('Trades: 34');

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    runPanel(page).getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('results.json');
  const fromBrowser = JSON.parse(readFileSync((await json.path())!, 'utf8'));

  const [trades] = await Promise.all([
    page.waitForEvent('download'),
    runPanel(page).getByRole('button', { name: 'Trades CSV' }).click(),
  ]);
  expect(trades.suggestedFilename()).toBe('trades.csv');
  const tradesText = readFileSync((await trades.path())!, 'utf8');
  expect(tradesText.trim().split('\n')).toHaveLength(35);

  // The same flow through the headless runner in Node: the same numbers, to the last digit.
  const out = join(root, 'node_modules/.e2e-results');
  const printed = execFileSync(
    'node',
    [
      join(root, 'bin/flow-studio.mjs'),
      'run',
      join(root, 'examples/pipeline.yaml'),
      '--json',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  const fromNode = JSON.parse(printed);
  delete fromNode.seconds;
  delete fromNode.files;
  expect(fromBrowser).toEqual(fromNode);
  expect(tradesText).toBe(readFileSync(join(out, 'trades.csv'), 'utf8'));
});

test('synthetic data: set its length and seed in the Data tab, and run on it', async ({ page }) => {
  await freshStart(page);
  await tab(page, 'Data').click();
  const panel = runPanel(page);
  await panel.getByLabel('Source').selectOption('synthetic_bars');
  await typeInto(panel.getByLabel('Bars', { exact: true }), '300');
  await typeInto(panel.getByLabel('Seed'), '7');
  await runToEnd(page);
  await expect(status(page)).toContainText('bar 300 of 300');
  await tab(page, 'Charts').click();
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-bars', '300');
  await expect(page.getByTestId('chart-legend')).toContainText('SYN');
});

test('a broadcast to three strategies draws one P&L line per strategy', async ({ page }) => {
  await freshStart(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Three strategies' }).click();
  await expect(node(page, 'momentum')).toBeVisible();
  await runToEnd(page);
  await tab(page, 'Charts').click();
  await expect(page.locator('.chart-caption').nth(1)).toContainText('one P&L line per strategy');
});

test('a worker that crashes is replaced, the user is told, and the flow runs on', async ({
  page,
  guard,
}) => {
  guard.allow(/engine failed on purpose/);
  // The first engine worker the page starts dies as it loads; the next ones are the real one.
  const served = await replaceFirstEngine(page, "throw new Error('engine failed on purpose');");
  // A new page (each test has its own storage): the engine starts when the page is idle.
  await page.goto('/');
  await expect(node(page, 'crossover')).toBeVisible();
  await expect(runPanel(page).getByRole('alert').filter({ hasText: 'crashed' })).toContainText(
    'your flow is safe',
  );
  await runToEnd(page);
  await expect(status(page)).toContainText('bar 1,260 of 1,260');
  expect(served()).toBeGreaterThan(1);
});

test('a worker that stops answering is replaced after a few seconds, and the flow runs on', async ({
  page,
}) => {
  // The first engine worker loops for ever on its first message; the next ones are the real one.
  await replaceFirstEngine(page, 'self.onmessage = () => { for (;;) {} };');
  await page.goto('/');
  await expect(node(page, 'crossover')).toBeVisible();
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(
    runPanel(page).getByRole('alert').filter({ hasText: 'stopped answering' }),
  ).toContainText('your flow is safe', { timeout: 20_000 });
  await runToEnd(page);
  await expect(status(page)).toContainText('bar 1,260 of 1,260');
});

test('click a fill on the chart to trace it', async ({ page }) => {
  await freshStart(page);
  await runToEnd(page);
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-bars', '1260');
  // The whole test on screen: walk along the candles, clicking, until one with a fill answers.
  await page.getByRole('button', { name: 'Whole test' }).click();
  await expect(chart).toHaveAttribute('data-view', /^0-/);
  const box = (await chart.boundingBox())!;
  const trace = page.getByTestId('trace-view');
  for (let x = box.x + 5; x < box.x + box.width - 80; x += 3) {
    await page.mouse.click(x, box.y + box.height / 2);
    if (await trace.isVisible()) break;
  }
  await expect(trace).toBeVisible();
  await expect(trace.locator('.trace-step .trace-type').last()).toHaveText(
    /FillEvent|PortfolioUpdateEvent/,
  );
  await expect(
    trace.locator('.trace-step .trace-type').filter({ hasText: 'FillEvent' }),
  ).toHaveCount(1);
});

test('the chart keeps the view it followed when the run ends; Whole test fits every candle', async ({
  page,
}) => {
  await freshStart(page);
  // Paced, so the chart follows the newest candles while the run goes, as a person watches it.
  await runPanel(page).getByLabel('Speed').selectOption({ label: '1,000 bars/s' });
  await runToEnd(page);
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-bars', '1260');
  const view = async () => (await chart.getAttribute('data-view'))!.split('-').map(Number);
  // The end of the test is in view, not its start: the view was not refitted.
  const [from, to] = await view();
  expect(to).toBeGreaterThanOrEqual(1250);
  expect(from).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Whole test' }).click();
  await expect(chart).toHaveAttribute('data-view', /^0-/);
  expect((await view())[1]).toBeGreaterThanOrEqual(1259);
  // The user's zoom is theirs again: the wheel over the chart zooms in from the whole test.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -240);
  await expect.poll(async () => (await view())[0]).toBeGreaterThan(0);
});

test('oscillators get panes of their own under the price, with their levels in the legend', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template MACD with a volatility filter' }).click();
  await runToEnd(page);
  await tab(page, 'Charts').click();
  const chart = page.getByTestId('price-chart');
  // Price with its overlays, then one pane per oscillator.
  await expect(chart).not.toHaveAttribute('data-panes', '1');
  const legend = page.getByTestId('chart-legend');
  await expect(legend.locator('.legend-pane')).toHaveCount(
    Number(await chart.getAttribute('data-panes')),
  );
  await expect(legend).toContainText('MACD');
  // The legend follows the crosshair: another bar, other values.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + 30);
  const first = await legend.locator('.legend-pane').first().textContent();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 30);
  await expect(legend.locator('.legend-pane').first()).not.toHaveText(first!);
});
