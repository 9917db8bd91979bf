/**
 * The first ten minutes, as a person who has never seen the app would spend them, at 1280x720,
 * with the keyboard and the mouse only: from an empty flow, build data → two indicators →
 * strategy → risk → broker → portfolio plus a selective route, run it, and trace a fill.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { canvasSettled, connect, freshStart, node, typeInto, yamlText } from './helpers';

test.use({ viewport: { width: 1280, height: 720 } });

const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });

/** Quick-add by name: "/" on the canvas, type, Enter; the new container is selected. */
async function add(page: Page, words: string, expected: string) {
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('/');
  await expect(page.getByLabel('Component to add')).toBeFocused();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
  await expect(node(page, expected)).toBeVisible();
}

/** Tidy and frame the flow, as a user does before wiring the next piece. */
async function tidy(page: Page) {
  const before = await yamlText(page);
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Shift+L');
  await expect.poll(() => yamlText(page)).not.toBe(before);
  // The view glides to the new layout.
  await canvasSettled(page);
}

test('from an empty flow to a traced fill, with keyboard and mouse only', async ({ page }) => {
  test.setTimeout(180_000);
  await freshStart(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Data, then two moving averages: 10 and 20 bars.
  await add(page, 'sample data', 'sample_bars');
  await add(page, 'sma', 'sma');
  await typeInto(page.getByLabel('Period'), '10');
  await add(page, 'sma', 'sma_2');
  // The first container of a flow is shown at its size, not blown up to fill the canvas.
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
  expect(zoom).toBeLessThanOrEqual(1);
  await tidy(page);
  await connect(page, 'sample_bars', 'sma');
  await connect(page, 'sma', 'sma_2');

  // The strategy reads them by default (fast SMA_10, slow SMA_20); risk, broker, portfolio.
  await add(page, 'sma crossover', 'sma_crossover');
  await add(page, 'risk manager', 'risk_manager');
  await add(page, 'simulated broker', 'simulated_broker');
  await add(page, 'portfolio', 'portfolio');
  await tidy(page);
  await connect(page, 'sma_2', 'sma_crossover');
  await connect(page, 'sma_crossover', 'risk_manager');
  await connect(page, 'risk_manager', 'simulated_broker');
  await connect(page, 'simulated_broker', 'portfolio');
  await expect
    .poll(() => yamlText(page))
    .toMatch(
      /containers:\n\s+- sample_bars\n\s+- sma\n\s+- sma_2\n\s+- sma_crossover\n\s+- risk_manager\n\s+- simulated_broker\n\s+- portfolio\n/,
    );

  // A selective route: strong signals to a second, bolder risk manager.
  await add(page, 'risk manager', 'risk_manager_2');
  await tidy(page);
  await connect(page, 'sma_crossover', 'risk_manager_2');
  await connect(page, 'risk_manager_2', 'simulated_broker');
  await tidy(page);
  await page
    .locator(
      '.react-flow__edge[aria-label^="broadcast connection from sma_crossover to risk_manager_2"]',
    )
    .click({ force: true });
  await page.getByLabel('How sma_crossover sends its events').selectOption('selective');
  await expect(page.getByLabel('How sma_crossover sends its events')).toHaveValue('selective');
  await page.getByLabel('Default route (when no condition holds)').selectOption('risk_manager');
  await expect.poll(() => yamlText(page)).toMatch(/type: selective[\s\S]*default: risk_manager/);
  // Every route label is readable: none hides under a container.
  const labels = page.locator('.edge-label.selective');
  await expect(labels).not.toHaveCount(0);
  for (const label of await labels.all()) {
    const box = (await label.boundingBox())!;
    const covered = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('.react-flow__node') !== null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(covered).toBe(false);
  }
  await expect(page.getByText('No problems')).toBeVisible();

  // Run it from the keyboard, and see it finish.
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('ControlOrMeta+Enter');
  const status = page.getByTestId('run-status');
  await expect(status).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('status-portfolio')).toBeVisible();

  // Trace a fill: click a B or S mark on the chart.
  const chart = page.getByTestId('price-chart');
  await expect(chart).not.toHaveAttribute('data-fills', '0');
  const box = (await chart.boundingBox())!;
  const trace = page.getByTestId('trace-view');
  for (let x = box.x + 10; x < box.x + box.width - 70; x += 6) {
    await page.mouse.click(x, box.y + box.height * 0.45);
    if (await trace.isVisible()) break;
  }
  await expect(trace).toBeVisible();
  await expect(
    trace.locator('.trace-step .trace-type').filter({ hasText: 'FillEvent' }),
  ).toHaveCount(1);
  await expect(trace.locator('.trace-step .trace-type').first()).toHaveText('BarEvent');
  await expect(node(page, 'simulated_broker').locator('.flow-node')).toHaveClass(/traced/);
  await expect(runPanel(page).getByRole('tab', { name: 'Trace' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
