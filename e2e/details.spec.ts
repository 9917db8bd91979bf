/**
 * The details a first-time user trips on, at the smallest screen we support (1280x720): controls
 * that stay put, steps that say what they did, lists that offer only what makes sense, a run that
 * belongs to its flow.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node, typeInto } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });
const status = (page: Page) => page.getByTestId('run-status');

async function runToEnd(page: Page) {
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('the Run button stays where it is when the run views open', async ({ page }) => {
  const run = runPanel(page).getByRole('button', { name: /^▶ Run/ });
  const before = await run.boundingBox();
  await runPanel(page).getByRole('button', { name: '▴ Show run views' }).click();
  await expect(runPanel(page).getByRole('button', { name: '▾ Hide run views' })).toBeVisible();
  expect(await run.boundingBox()).toEqual(before);
});

test('Step event says which container took the event, on the canvas and under the controls', async ({
  page,
}) => {
  const stepped = page.getByTestId('run-stepped');
  const taker = async () => {
    const text = (await stepped.textContent()) ?? '';
    const match = /^Step: (\w+) → (\w+)$/.exec(text);
    expect(match, text).not.toBeNull();
    return match![2]!;
  };
  await runPanel(page).getByRole('button', { name: 'Step event' }).click();
  await expect(stepped).toHaveText(/^Step: data → \w+$/);
  const first = await taker();
  await expect(node(page, first).locator('.flow-node')).toHaveClass(/stepped/);
  // Deliveries go on along the flow, and the mark moves with them: the bar reaches every
  // container that takes bars, then the averages pass their values on.
  for (let i = 0; i < 3; i++) {
    const before = (await stepped.textContent()) ?? '';
    await runPanel(page).getByRole('button', { name: 'Step event' }).click();
    await expect(stepped).not.toHaveText(before);
  }
  await expect(stepped).toHaveText('Step: sma_fast → sma_slow');
  const later = await taker();
  await expect(node(page, later).locator('.flow-node')).toHaveClass(/stepped/);
  await expect(page.locator('.flow-node.stepped')).toHaveCount(1);
  // The counters draw their signs as pictures (a missing glyph used to show as a box).
  await expect(page.getByTestId('status-sma_fast').locator('svg.icon')).not.toHaveCount(0);
});

test('a finished run: the status reads whole, Cancel is off, the log shows ids', async ({
  page,
}) => {
  await runToEnd(page);
  const line = status(page);
  expect(await line.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  const box = (await line.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await expect(runPanel(page).getByRole('button', { name: 'Cancel' })).toBeDisabled();

  await runPanel(page).getByRole('tab', { name: 'Event log' }).click();
  const rows = page.getByTestId('event-log').locator('.log-row');
  await expect(rows.first().locator('.log-id')).toHaveText(/^e\d+$/);
  await expect(rows.first().locator('.log-correlation')).toHaveText(/^e\d+$/);
  // The correlation filter matches the whole id: e1 is one chain, not e10, e11, e100…
  await typeInto(runPanel(page).getByLabel('Correlation'), 'e1');
  await expect(rows.first()).toBeVisible();
  const correlations = await rows.locator('.log-correlation').allTextContents();
  expect(correlations.length).toBeGreaterThan(0);
  expect(new Set(correlations)).toEqual(new Set(['e1']));
});

test('the run belongs to its flow: another flow shows no counters, charts or results of it', async ({
  page,
}) => {
  await runToEnd(page);
  await expect(page.getByTestId('status-broker')).toBeVisible();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByTestId('flow-name')).toHaveText('Flow 2');
  await expect(status(page)).toContainText('Not started');
  await runPanel(page).getByRole('tab', { name: 'Results' }).click();
  await expect(runPanel(page).getByRole('table', { name: 'Metrics of portfolio' })).toHaveCount(0);
  // Back to the first flow: its old run is gone too, and its counters with it.
  await page.getByRole('button', { name: 'My flows' }).click();
  await page.getByRole('button', { name: 'SMA crossover (pipeline)', exact: true }).click();
  await expect(node(page, 'broker')).toBeVisible();
  await expect(page.getByTestId('status-broker')).toHaveCount(0);
});

test('a run that cannot start says why and shows no charts of an earlier run', async ({ page }) => {
  await runToEnd(page);
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-bars', '1260');
  // Without its data container the flow cannot run.
  await node(page, 'data').click();
  await page.keyboard.press('Delete');
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(page.getByTestId('run-problems')).toContainText('no data container');
  await runPanel(page).getByRole('tab', { name: 'Charts' }).click();
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-bars', '0');
});

test('the default route offers only containers the source may send to', async ({ page }) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Conviction routing' }).click();
  await expect(node(page, 'aggressive')).toBeVisible();
  await page
    .locator('.react-flow__edge[aria-label^="selective connection from signals to aggressive"]')
    .first()
    .click({ force: true });
  const choices = await page
    .getByLabel('Default route (when no condition holds)')
    .locator('option')
    .allTextContents();
  expect(choices).toContain('cautious');
  expect(choices).toContain('aggressive');
  // Upstream containers and the data feed would make a cycle or cannot receive.
  for (const upstream of ['data', 'macd', 'signals']) expect(choices).not.toContain(upstream);
});
