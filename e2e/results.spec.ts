/**
 * Nothing silent and the results a trader checks, in Chromium: a run whose orders were cancelled
 * says so on its first screen and Results lists each incident with its reason, traceable and
 * exported.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { freshStart, node, runPanel, runTab, runToEnd, typeInto } from './helpers';

const tab = runTab;

test('a run with cancelled orders says so first, and Results lists each with its reason', async ({
  page,
}) => {
  await freshStart(page);
  // All of the equity at the decision close: an entry the next open makes dearer cannot be paid.
  await node(page, 'risk').click();
  await typeInto(page.getByLabel('Equity (%)'), '100');
  await runToEnd(page);

  const notice = page.getByTestId('incident-notice');
  await expect(notice).toContainText(
    'Not everything happened as ordered: 23 orders cancelled (23 insufficient_cash).',
  );
  await notice.getByRole('button', { name: 'Show in Results' }).click();
  await expect(tab(page, 'Results')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('results-headline')).toContainText('23 orders cancelled');

  const nothingSilent = runPanel(page).getByRole('region', { name: 'Nothing silent' });
  await expect(nothingSilent.getByRole('heading')).toHaveText(
    'Nothing silent: 23 orders cancelled',
  );
  const byReason = nothingSilent.getByRole('table', { name: 'Incidents by reason' });
  await expect(byReason.getByRole('row').nth(1)).toContainText(
    'Cancelled ordersinsufficient_cash23order risk-3: insufficient cash: 1698 × 70.07',
  );
  const list = nothingSilent.getByRole('table', { name: 'Incidents', exact: true });
  await expect(list.locator('caption')).toHaveText('Incidents: 23');
  await expect(list.getByRole('row')).toHaveCount(24);

  // Each one leads to its chain: the signal, the order and its cancellation.
  await list.getByRole('row').nth(1).getByRole('button', { name: 'Trace' }).click();
  await expect(tab(page, 'Trace')).toHaveAttribute('aria-selected', 'true');
  await expect(runPanel(page).getByText('OrderCancelled').first()).toBeVisible();

  await tab(page, 'Results').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    runPanel(page).getByRole('button', { name: 'Incidents CSV' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('incidents.csv');
  const rows = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(rows).toHaveLength(24);
  expect(rows[1]).toMatch(/^2013-10-03T00:00:00\.000Z,cancelled_order,insufficient_cash,broker,/);
});

test('Results show the position open at the end, the benchmark, costs and the split by side', async ({
  page,
}) => {
  await freshStart(page);
  await runToEnd(page);
  // Nothing was lost, and the run says that too.
  await expect(page.getByTestId('incident-notice')).toHaveCount(0);
  await tab(page, 'Results').click();
  await expect(runPanel(page).getByRole('region', { name: 'Nothing silent' })).toContainText(
    'No order cancelled, no signal rejected, no dead letter, no event dropped.',
  );
  const metrics = runPanel(page).getByRole('table', { name: 'Metrics of portfolio' });
  const row = (label: string) => metrics.getByRole('row').filter({ hasText: label });
  await expect(row('Buy and hold return')).toContainText('190.30%');
  await expect(row('Open trades')).toContainText('1');
  await expect(row('Unrealised P&L')).toContainText('1,854.35');
  await expect(row('Total commission')).toContainText('10,042.58');
  await expect(row('Long trades')).toContainText('34, 44.12% won');
  await expect(row('Short trades')).toContainText('0, 0.00% won');
  await expect(row('Longest losing streak')).toContainText('6 trades');

  const open = runPanel(page).getByRole('table', { name: 'Open at the end' });
  await expect(open.locator('caption')).toHaveText('Open at the end: 1');
  await expect(open.getByRole('row').nth(1)).toContainText(
    'crossoverAAPLLONG909186.55188.591,854.35',
  );
  const benchmark = runPanel(page).getByRole('table', { name: 'Buy and hold' });
  await expect(benchmark.getByRole('row').nth(1)).toContainText('AAPL64.96188.59190.30%');

  // The open trade leads to the signal and bar that opened it.
  await open.getByRole('button', { name: 'Trace entry' }).click();
  await expect(tab(page, 'Trace')).toHaveAttribute('aria-selected', 'true');
  await expect(runPanel(page).getByText('FillEvent').first()).toBeVisible();
});
