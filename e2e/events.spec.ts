/**
 * The event system in the app, with the mouse and the keyboard only: make a container fail, watch
 * its retries, its circuit breaker opening and closing and dead letters piling up, open a dead
 * letter's trace, then draw a route and edit its event types, filter and transformation; and trace
 * a whole trade from the results. No YAML is typed.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connect, freshStart, node, typeInto, yamlText } from './helpers';

const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const status = (page: Page) => page.getByTestId('run-status');

test('a failing container: retries, the breaker opening and closing, dead letters, their traces; then a route drawn and edited', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await freshStart(page);

  // An outage on the broker: its 30th handled delivery and the 24 after it fail.
  await node(page, 'broker').click();
  await inspector(page).getByText('Fault injection', { exact: true }).click();
  await inspector(page).getByLabel('Inject faults into broker').click();
  await typeInto(inspector(page).getByLabel('Failure rate'), '0');
  await typeInto(inspector(page).getByLabel('Fail the Nth delivery'), '30');
  await typeInto(inspector(page).getByLabel('In a row'), '25');
  await expect(page.getByTestId('resilience-broker')).toContainText('fails #30–54');

  // Three attempts, a bar apart.
  await inspector(page).getByText('Retries', { exact: true }).click();
  await inspector(page).getByLabel('Own retry policy for broker').click();
  await inspector(page).getByLabel('Wait counted in').selectOption('bars');
  await expect(page.getByTestId('resilience-broker')).toContainText('×3');

  // The breaker judges the latest 20 outcomes, in the flow's event system.
  await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
  await inspector(page)
    .getByText(/^Event system:/)
    .click();
  await inspector(page).getByText('Circuit breaker', { exact: true }).click();
  await typeInto(inspector(page).getByLabel('Window'), '20');
  await expect.poll(() => yamlText(page)).toContain('window: 20');

  // Step through the bars one at a time (Shift+N) to watch: retries first, then the breaker opens.
  await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
  const breaker = page.getByTestId('breaker-broker');
  let bar = 0;
  while (!(await breaker.isVisible())) {
    expect(bar, 'the breaker opens within 60 bars').toBeLessThan(60);
    await page.keyboard.press('Shift+N');
    bar++;
    await expect(status(page)).toContainText(`bar ${bar} of`);
  }
  await expect(breaker).toHaveText('breaker open');
  await expect(page.getByTestId('retries-broker')).toBeVisible();
  await expect(breaker).toHaveAttribute('title', /error rate 0\.55 above 0\.5/);
  // Paused while it is open, each bar stepped through piles up more dead letters: the events the
  // open breaker refuses.
  const piling = page.getByTestId('dead-letter-count');
  const count = async () => Number((await piling.innerText()).replace(/,/g, ''));
  const before = await count();
  await runPanel(page).getByRole('button', { name: 'Step bar' }).click();
  await expect(status(page)).toContainText(`bar ${bar + 1} of`);
  await runPanel(page).getByRole('button', { name: 'Step bar' }).click();
  await expect(status(page)).toContainText(`bar ${bar + 2} of`);
  await expect.poll(count).toBeGreaterThan(before);
  // The outage passes: trial events succeed and the breaker closes.
  await runPanel(page).getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
  await expect(breaker).toBeHidden();
  await expect(page.getByTestId('status-broker')).toHaveAttribute('aria-label', /breaker closed/);

  // Every dead letter, and every change of the breaker, with why.
  await runPanel(page).getByRole('tab', { name: 'Dead letters', exact: true }).click();
  const view = page.getByTestId('dead-letters');
  await expect(view).toContainText('dead letters');
  await view.getByRole('tab', { name: /^Breaker changes/ }).click();
  const changes = page.getByRole('table', { name: 'Circuit breaker changes' });
  await expect(changes).toContainText('closed → open');
  await expect(changes).toContainText('error rate 0.55 above 0.5');
  await expect(changes).toContainText('half-open → closed');
  await expect(changes).toContainText('3 trial events succeeded');
  await view.getByRole('tab', { name: 'Each dead letter' }).click();
  const list = page.getByTestId('dead-letter-list');
  await view.getByLabel('Reason').selectOption('circuit_open');
  await expect(list.getByRole('listitem').first()).toContainText('circuit_open');
  await expect(list.getByRole('listitem').filter({ hasNotText: 'circuit_open' })).toHaveCount(0);
  await view.getByLabel('Reason').selectOption('handler_error');
  const failed = list.getByRole('listitem').first();
  await expect(failed).toContainText('broker');
  await expect(failed).toContainText('injected fault');

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: 'Dead letters CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('dead_letters.csv');
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toContain('time,bar,container,source,reason,attempts,error');
  expect(lines.some((line) => line.includes(',broker,') && line.includes('handler_error,3,'))).toBe(
    true,
  );

  // Its trace: each attempt failed, was retried a bar later, and the last one dead-lettered.
  await failed.getByRole('button', { name: /^Trace dead letter/ }).click();
  const trace = page.getByTestId('trace-view');
  await expect(trace).toBeVisible();
  const notes = trace.getByTestId('trace-delivery');
  await expect(notes.filter({ hasText: '✕ failed at broker, attempt 1' })).toHaveCount(1);
  await expect(notes.filter({ hasText: '↻ retry at broker, attempt 1' })).toContainText(
    'attempt 2 of 3 after 1 bar',
  );
  await expect(notes.filter({ hasText: '☠ dead letter at broker, attempt 3' })).toContainText(
    'handler_error',
  );

  // A route drawn on the canvas, then its event types, a filter and a transformation.
  await page.getByRole('button', { name: 'Route', exact: true }).click();
  await connect(page, 'crossover', 'broker');
  const form = page.getByTestId('route-form');
  await expect(form).toContainText('crossover → broker');
  await form.getByLabel('TradingSignal').click();
  await form.getByRole('button', { name: 'Add filter' }).click();
  const filter = form.getByRole('textbox', { name: 'Filter 1' });
  await typeInto(filter, 'signal.strength >');
  await expect(form.getByRole('alert')).toContainText('Column');
  await page.keyboard.type(' 0.7');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByLabel('Transformation').selectOption('signal_to_order_transformer');
  await typeInto(form.getByLabel('Quantity'), '10');
  const label = page.getByRole('button', { name: /^Route from crossover to broker/ });
  await expect(label).toContainText('TradingSignal · signal.strength > 0.7 · ⇢ signal_to_order');
  await expect
    .poll(() => yamlText(page))
    .toMatch(
      /- source: crossover\n\s+targets: \[ broker \]\n\s+events: \[ TradingSignal \]\n\s+filters:\n\s+- signal.strength > 0.7\n\s+transform:\n\s+transformer: signal_to_order_transformer\n\s+params:\n\s+quantity: 10/,
    );

  // One undo history: the quantity goes, and comes back.
  await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => yamlText(page)).not.toContain('quantity: 10');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => yamlText(page)).toContain('quantity: 10');

  // The route is the inspector's again from its label.
  await label.click();
  await expect(page.getByTestId('route-form')).toContainText('crossover → broker');
});

test('trace a whole trade from the results: its entry, the bars it was held, its exit; and the one still open', async ({
  page,
}) => {
  await freshStart(page);
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
  await runPanel(page).getByRole('tab', { name: 'Results', exact: true }).click();
  const trades = runPanel(page).getByRole('table', { name: 'Trades' });
  await trades.getByRole('button', { name: 'Whole trade' }).first().click();
  const trade = page.getByTestId('trade-trace');
  await expect(trade).toBeVisible();
  await expect(trade.getByRole('heading', { name: /^Trade T\d+/ })).toBeVisible();
  await expect(trade.getByRole('heading', { name: /^Entry/ })).toBeVisible();
  await expect(trade.getByRole('heading', { name: /^Exit/ })).toBeVisible();
  await expect(page.getByTestId('trade-held')).toContainText(/Held \d+ bars: from/);
  const types = trade.locator('.trace-step .trace-type');
  await expect(types.filter({ hasText: 'FillEvent' })).toHaveCount(2);
  await expect(types.filter({ hasText: 'TradingSignal' })).toHaveCount(2);

  // The trade still open at the end: its entry, and no exit yet.
  await runPanel(page).getByRole('tab', { name: 'Results', exact: true }).click();
  const open = runPanel(page).getByRole('table', { name: 'Open at the end' });
  await open.getByRole('button', { name: 'Whole trade' }).click();
  await expect(page.getByTestId('trade-held')).toContainText(/^Open since .*: no exit yet$/);
  await expect(trade.getByRole('heading', { name: /^Exit/ })).toHaveCount(0);
  await expect(types.filter({ hasText: 'FillEvent' })).toHaveCount(1);
});
