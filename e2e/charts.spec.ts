/**
 * The price chart of a run of several symbols, as a person uses it: trades drawn entry to exit as
 * they close, another symbol chosen in the chart's header with the mouse while the run is paused
 * and with the keyboard (command palette, symbol search) after it ends, and the choice kept for
 * the next run.
 */
import { expect, test } from './fixtures';
import { freshStart, node, runPanel, runStatus, runTab } from './helpers';

test('a run of three symbols: live trade lines, and the charted symbol chosen by mouse and keyboard', async ({
  page,
}) => {
  // A journey of three runs, one of them paced; a loaded machine takes its time.
  test.setTimeout(180_000);
  await freshStart(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Three symbols' }).click();
  await expect(node(page, 'data')).toBeVisible();

  const chart = page.getByTestId('price-chart');
  const legend = page.getByTestId('chart-legend');
  const symbolButton = page.getByRole('button', { name: /^Symbol / });

  // Slow enough to watch it: 750 bars would take over half a minute.
  await runPanel(page).getByLabel('Speed').selectOption({ label: '20 bars/s' });
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  // A trade's line appears as it closes, long before the run ends; the run's shortcut pauses it.
  await expect(chart).not.toHaveAttribute('data-trades', '0', { timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(runStatus(page)).toContainText('Paused');
  const barsAtPause = await chart.getAttribute('data-bars');
  expect(Number(barsAtPause)).toBeLessThan(750);
  await expect(chart).toHaveAttribute('data-symbol', 'AAA');
  await expect(symbolButton).toContainText('AAA');
  await expect(page.locator('.chart-header-note')).toHaveText('1 of 3 symbols in this run');

  // With the mouse, while the run is paused: BBB's bars so far, its lines, its own trades.
  await symbolButton.click();
  const search = page.getByRole('dialog', { name: 'Chart a symbol' });
  await expect(search).toBeVisible();
  await expect(search.getByRole('option')).toHaveCount(3);
  await search.getByRole('option', { name: /BBB/ }).click();
  await expect(search).toBeHidden();
  await expect(chart).toHaveAttribute('data-symbol', 'BBB');
  await expect(chart).toHaveAttribute('data-bars', barsAtPause!);
  await expect(legend).toContainText('BBB');
  await expect(legend).toContainText('SMA_10');
  await expect(symbolButton).toContainText('BBB');
  await expect(page.locator('.chart-header-note')).toHaveText('2 of 3 symbols in this run');

  // The run goes on charting BBB to its end.
  await runPanel(page).getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await runPanel(page)
    .getByRole('button', { name: /^▶ Resume/ })
    .click();
  await expect(runStatus(page)).toContainText('Finished', { timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-bars', '750');
  await expect(chart).toHaveAttribute('data-symbol', 'BBB');
  const bbbTrades = Number(await chart.getAttribute('data-trades'));
  expect(bbbTrades).toBeGreaterThan(0);

  // With the keyboard, after the run: the command palette opens the symbol search.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('chart another symbol');
  await page.keyboard.press('Enter');
  await expect(search).toBeVisible();
  await expect(search.getByRole('combobox', { name: 'Symbol to chart' })).toBeFocused();
  await page.keyboard.type('cc');
  await expect(search.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();
  await expect(chart).toHaveAttribute('data-symbol', 'CCC');
  await expect(chart).toHaveAttribute('data-bars', '750');
  await expect(legend).toContainText('CCC');
  await expect(chart).not.toHaveAttribute('data-trades', '0');
  await expect(chart).not.toHaveAttribute('data-fills', '0');

  // Opened with a click, the search takes the arrows and Enter; focus returns to the button.
  await symbolButton.click();
  await expect(search).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chart).toHaveAttribute('data-symbol', 'BBB');
  await expect(chart).toHaveAttribute('data-trades', String(bbbTrades));
  await expect(symbolButton).toBeFocused();

  // The next run charts the chosen symbol from its first bar.
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run again/ })
    .click();
  await expect(runStatus(page)).toContainText('Finished', { timeout: 30_000 });
  await runTab(page, 'Charts').click();
  await expect(chart).toHaveAttribute('data-symbol', 'BBB');
  await expect(chart).toHaveAttribute('data-bars', '750');
});

test('a run of one symbol has no symbol picker', async ({ page }) => {
  await freshStart(page);
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(runStatus(page)).toContainText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-symbol', 'AAPL');
  await expect(page.getByRole('button', { name: /^Symbol / })).toHaveCount(0);
});

test('charts opened before a run warm up off screen, leave nothing behind, and the run draws as before', async ({
  page,
}) => {
  // Counts the warm-up charts the page adds and removes (outside the view, so only the DOM tells).
  await page.addInitScript(() => {
    const seen = { added: 0, removed: 0 };
    (window as unknown as { __warmUps: typeof seen }).__warmUps = seen;
    const isWarmUp = (node: Node) =>
      node instanceof HTMLElement && node.classList.contains('chart-warm-up');
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (isWarmUp(node)) seen.added++;
        for (const node of record.removedNodes) if (isWarmUp(node)) seen.removed++;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const warmUps = () =>
    page.evaluate(
      () => (window as unknown as { __warmUps: { added: number; removed: number } }).__warmUps,
    );
  await freshStart(page);
  await runTab(page, 'Charts').click();
  const chart = page.getByTestId('price-chart');
  await expect(chart).toBeVisible();
  // Drawn outside the view for a few frames while the page is idle, then gone: the page holds the
  // price and equity charts only.
  await expect.poll(warmUps, { timeout: 15_000 }).toEqual({ added: 1, removed: 1 });
  await expect(page.locator('.chart-warm-up')).toHaveCount(0);
  await expect(page.locator('.tv-lightweight-charts')).toHaveCount(2);
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(runStatus(page)).toContainText('Finished', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-bars', '1260');
  await expect(chart).not.toHaveAttribute('data-trades', '0');
  // Once a page: the next run is drawn by warm code.
  expect(await warmUps()).toEqual({ added: 1, removed: 1 });
});
