/**
 * Every yaml block of the design document runs as a template: open it from the gallery, run it,
 * and see events delivered as the design says, on the canvas and in the event log.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart } from './helpers';

const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });
const status = (page: Page) => page.getByTestId('run-status');

async function openAndRun(page: Page, title: string) {
  await freshStart(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open template ${title}` }).click();
  await expect(page.getByTestId('flow-name')).toContainText(title.replace('Design: ', ''), {
    ignoreCase: true,
  });
  await expect(page.getByText('No problems')).toBeVisible();
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(status(page)).toContainText('Finished', { timeout: 45_000 });
  await expect(page.getByTestId('run-problems')).toHaveCount(0);
}

/** Entries of the event log of one type (and container). */
async function logged(page: Page, type: string, container = ''): Promise<string[]> {
  await runPanel(page).getByRole('tab', { name: 'Event log', exact: true }).click();
  await runPanel(page).getByLabel('Type').selectOption(type);
  await runPanel(page)
    .getByLabel('Container')
    .selectOption(container || { label: 'All containers' });
  const rows = page.getByTestId('event-log').locator('.log-row');
  await expect(rows.first()).toBeVisible();
  return rows.allInnerTexts();
}

const counts = (page: Page, name: string) => page.getByTestId(`status-${name}`);

test('design pipeline: data → indicators → strategy → risk → execution', async ({ page }) => {
  await openAndRun(page, 'Design: pipeline');
  for (const name of ['indicators', 'strategy', 'risk', 'execution'])
    await expect(counts(page, name)).toHaveAttribute('aria-label', /^in [1-9]\d*,/);
  expect((await logged(page, 'TradingSignal', 'strategy')).length).toBeGreaterThan(0);
  expect((await logged(page, 'OrderEvent', 'risk')).length).toBeGreaterThan(0);
  const fills = await logged(page, 'FillEvent', 'execution');
  expect(fills.length).toBeGreaterThan(0);
});

test('design broadcast: data → strategy_a, strategy_b, strategy_c', async ({ page }) => {
  await openAndRun(page, 'Design: broadcast');
  for (const name of ['strategy_a', 'strategy_b', 'strategy_c']) {
    await expect(counts(page, name)).toHaveAttribute('aria-label', /^in 1260,/);
    expect((await logged(page, 'TradingSignal', name)).length).toBeGreaterThan(0);
  }
});

test('design hierarchical: each risk manager decides in its regime', async ({ page }) => {
  await openAndRun(page, 'Design: hierarchical');
  const changes = (await logged(page, 'ClassificationEvent')).join('\n');
  expect(changes).toContain('→ conservative');
  expect(changes).toContain('→ aggressive');
  expect((await logged(page, 'OrderEvent', 'risk_conservative')).length).toBeGreaterThan(0);
  expect((await logged(page, 'OrderEvent', 'risk_aggressive')).length).toBeGreaterThan(0);
});

test('design selective: signals reach the execution their strength chooses', async ({ page }) => {
  await openAndRun(page, 'Design: selective');
  for (const name of [
    'high_conviction_execution',
    'medium_conviction_execution',
    'low_conviction_execution',
  ])
    expect((await logged(page, 'FillEvent', name)).length).toBeGreaterThan(0);
  // The design's transformation made the orders, in the generator's name.
  expect((await logged(page, 'OrderEvent', 'signal_generator')).length).toBeGreaterThan(0);
});

test('design event system: routes, filters and the transformation', async ({ page }) => {
  await openAndRun(page, 'Design: event system');
  // Its ten route labels, several leaving one container, each read on their own: no label
  // lies over another.
  const labels = page.locator('.edge-label.route');
  await expect(labels).toHaveCount(10);
  const boxes = await labels.evaluateAll((elements) =>
    elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect),
  );
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `labels at ${a.x},${a.y} and ${b.x},${b.y} overlap`).toBe(true);
    }
  // Only bars reach the indicator container.
  await expect(counts(page, 'indicator_container')).toHaveAttribute('aria-label', /^in 1260,/);
  const signals = await logged(page, 'TradingSignal', 'strategy_container');
  const orders = await logged(page, 'OrderEvent', 'risk_container');
  // Only the signals stronger than 0.5 reach the risk manager, so it orders for fewer of them.
  expect(orders.length).toBeGreaterThan(0);
  expect(orders.length).toBeLessThan(signals.length);
  // The transformation turned the strategy's signals into orders for the paper broker.
  expect((await logged(page, 'OrderEvent', 'strategy_container')).length).toBeGreaterThan(0);
  expect((await logged(page, 'FillEvent', 'paper_execution')).length).toBeGreaterThan(0);
});
