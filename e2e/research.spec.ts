/**
 * The research journey in Chromium, with the mouse and the keyboard only: turn the SMA periods
 * into ranges in the inspector, sweep the 100 combinations on Web Workers while panning the
 * canvas, pick the best cell on the heatmap and open it in the simulator, then walk the same grid
 * forward. The sweep's figures are the headless runner's (`flow-studio sweep`, same cells).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node, typeInto, yamlText } from './helpers';

const root = resolve(import.meta.dirname, '..');
const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });

/** Turns a period into a range with the inspector's Sweep button and its From, To, Step fields. */
async function sweepPeriod(page: Page, container: string, from: number, to: number, step: number) {
  await node(page, container).click();
  const inspector = page
    .getByRole('complementary', { name: 'Inspector' })
    .or(page.locator('.inspector'));
  const row = inspector.locator('.param-row', { has: page.locator('[data-param="period"]') });
  await row.getByRole('button', { name: 'Sweep' }).click();
  const grid = inspector.locator('.grid-field[data-param="period"]');
  await expect(grid).toBeVisible();
  await typeInto(grid.getByLabel('From'), String(from));
  await typeInto(grid.getByLabel('To'), String(to));
  await typeInto(grid.getByLabel('Step'), String(step));
}

test('sweep SMA fast and slow, pick the best cell on the heatmap, open it, walk forward', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await freshStart(page);
  await sweepPeriod(page, 'sma_fast', 5, 50, 5);
  await sweepPeriod(page, 'sma_slow', 20, 200, 20);
  await expect(page.getByTestId('grid-summary')).toContainText(
    'Sweep: 100 runs (sma_fast.period 10 × sma_slow.period 10)',
  );
  const yaml = await yamlText(page);
  expect(yaml).toContain('period: { from: 5, to: 50, step: 5 }');
  expect(yaml).toContain('period: { from: 20, to: 200, step: 20 }');
  // The crossover now reads the indicators by container: their names change from run to run.
  expect(yaml).toContain('fast: sma_fast, slow: sma_slow');

  // Sweep, from the run views' Sweep tab, while panning the canvas.
  await runPanel(page).getByRole('tab', { name: 'Sweep', exact: true }).click();
  await runPanel(page).getByRole('button', { name: 'Sweep 100 runs' }).click();
  const status = page.getByTestId('sweep-status');
  await expect(status).toContainText('Sweep running');
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(box.x + 40, box.y + box.height - 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + box.height - 60, { steps: 10 });
    await page.mouse.up();
  }
  await expect(status).toContainText('Sweep finished: 100 / 100 runs', { timeout: 240_000 });

  // The best cell by Sharpe is outlined; its label names its values.
  const best = page.locator('.heatmap-cell.best');
  await expect(best).toHaveCount(1);
  const label = (await best.getAttribute('aria-label'))!;
  const [, fast, slow] = /sma_fast\.period (\d+), sma_slow\.period (\d+)/.exec(label)!;
  const sharpe = (await best.textContent())!.trim();

  // The table agrees: sorted by Sharpe by default, its first row is that cell.
  await runPanel(page).getByRole('tab', { name: 'Table' }).click();
  const first = page.getByRole('table', { name: 'Sweep runs' }).locator('tbody tr').first();
  await expect(first.locator('td').nth(1)).toHaveText(fast!);
  await expect(first.locator('td').nth(2)).toHaveText(slow!);
  await expect(first.locator('td').nth(3)).toHaveText(sharpe);
  // A filter in the condition language narrows the rows.
  await typeInto(
    page.getByPlaceholder('sharpe > 0.5 and sma_fast.period < 20'),
    `sma_fast.period == ${fast}`,
  );
  await expect(page.getByText(/^10 of 100 runs/)).toBeVisible();

  // Open the best cell from the heatmap: it runs in the simulator with its charts.
  await runPanel(page).getByRole('tab', { name: 'Heatmap' }).click();
  await page.locator('.heatmap-cell.best').click();
  await expect(page.getByTestId('cell-note')).toContainText(
    `sma_fast.period = ${fast}, sma_slow.period = ${slow}`,
  );
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await runPanel(page).getByRole('tab', { name: 'Results', exact: true }).click();
  await expect(runPanel(page).getByText(sharpe, { exact: true }).first()).toBeVisible();

  // The same table from the headless runner, on the flow as the designer holds it.
  const dir = mkdtempSync(join(tmpdir(), 'flow-studio-e2e-'));
  writeFileSync(join(dir, 'grid.yaml'), await yamlText(page));
  const cli = JSON.parse(
    execFileSync(
      process.execPath,
      [
        join(root, 'bin/flow-studio.mjs'),
        'sweep',
        join(dir, 'grid.yaml'),
        '--json',
        '--workers',
        '2',
      ],
      {
        encoding: 'utf8',
      },
    ),
  ) as { runs: number; best: { cell: Record<string, number> } };
  expect(cli.runs).toBe(100);
  expect(cli.best.cell).toEqual({
    'sma_fast.period': Number(fast),
    'sma_slow.period': Number(slow),
  });

  // Walk forward over the same grid.
  await runPanel(page).getByRole('tab', { name: 'Sweep', exact: true }).click();
  await runPanel(page).getByRole('button', { name: 'Walk-forward' }).click();
  await expect(status).toContainText('Walk-forward finished', { timeout: 240_000 });
  await expect(page.getByTestId('walk-summary')).toContainText('Stitched out of sample: return');
  await expect(
    page.getByRole('table', { name: 'Walk-forward windows' }).locator('tbody tr'),
  ).toHaveCount(6);
});

test('runs are kept in the history; two of them compare side by side with their differences', async ({
  page,
}) => {
  await freshStart(page);
  const run = async () => {
    await runPanel(page)
      .getByRole('button', { name: /^▶ Run/ })
      .click();
    await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  };
  await run();
  await node(page, 'risk').click();
  await typeInto(page.getByLabel(/^Equity/), '50');
  await run();
  await runPanel(page).getByRole('tab', { name: 'History' }).click();
  const list = page.getByRole('list', { name: 'Run history' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  for (const box of await list.getByRole('checkbox').all()) await box.click();
  const table = page.getByRole('table', { name: 'Compared runs' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /Total return/ })).toContainText(/\([+−]\d/);
  await expect(page.getByRole('img', { name: 'Equity curves of the compared runs' })).toBeVisible();
  // Kept across a reload, and deletable.
  await page.reload();
  await runPanel(page).getByRole('tab', { name: 'History' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
});
