/**
 * Users' own rules, written in the inspector with the keyboard: the issue's journey ("long when
 * RSI_14 crosses above 30 and close > SMA_200; exit when RSI_14 > 70"), run and traced to a fill;
 * completion, hover help and an error at its column while typing.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node, yamlText } from './helpers';

const runPanel = (page: Page) => page.getByRole('region', { name: 'Run' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

async function openRulesTemplate(page: Page) {
  await freshStart(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Your own rules (RSI)' }).click();
  await expect(node(page, 'rules')).toBeVisible();
  await node(page, 'rules').click();
}

/** Empties a field and types into it, as a person does. */
async function retype(page: Page, label: string, text: string) {
  await inspector(page).getByLabel(label, { exact: true }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

test('write a rule in the inspector, run it, trace a fill back to its bar', async ({ page }) => {
  await openRulesTemplate(page);
  await retype(page, 'Long entry', 'RSI_14 crosses_above 30 and close > SMA_200');
  await retype(page, 'Long exit', 'RSI_14 > 70');
  await inspector(page).getByLabel('Short entry', { exact: true }).click();
  const yaml = await yamlText(page);
  expect(yaml).toContain('long_entry: RSI_14 crosses_above 30 and close > SMA_200');
  expect(yaml).toContain('long_exit: RSI_14 > 70');
  await expect(inspector(page).getByRole('alert')).toHaveCount(0);

  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 30_000 });
  await runPanel(page).getByRole('tab', { name: 'Event log', exact: true }).click();
  await runPanel(page).getByLabel('Type').selectOption('FillEvent');
  await page.getByTestId('event-log').locator('.log-row').first().click();
  const trace = page.getByTestId('trace-view');
  await expect(trace).toBeVisible();
  const steps = trace.locator('.trace-step .trace-type');
  await expect(steps.first()).toHaveText('BarEvent');
  await expect(steps.filter({ hasText: 'TradingSignal' })).toHaveCount(1);
  await expect(steps.filter({ hasText: 'FillEvent' })).toHaveCount(1);
  await expect(node(page, 'rules').locator('.flow-node')).toHaveClass(/traced/);
});

test('completion, hover help and an error at its column while typing', async ({ page }) => {
  await openRulesTemplate(page);
  await retype(page, 'Long entry', 'cro');
  const suggestions = inspector(page).getByRole('listbox', { name: 'Suggestions' });
  await expect(suggestions.getByRole('option').first()).toContainText('crosses_above');
  await page.keyboard.press('Enter');
  await page.keyboard.type('RSI');
  await expect(suggestions.getByRole('option', { name: /RSI_14/ })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type(', 30) and close > SMA_50');
  const field = inspector(page).locator('[data-param="long_entry"]');
  await expect(field.getByRole('alert')).toHaveText(/^Column 39: Unknown name "SMA_50"/);
  await expect(field.getByRole('alert')).toContainText('Did you mean "SMA_200"?');
  await expect(field.locator('.tok-error')).toHaveText('SMA_50');
  // The flow holds the last valid text until the error is fixed.
  const held = await yamlText(page);
  expect(held).toContain('crosses_above(RSI_14, 30) and close');
  expect(held).not.toContain('SMA_50');

  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('200');
  await expect(field.getByRole('alert')).toHaveCount(0);
  await expect(field.locator('.tok-error')).toHaveCount(0);
  expect(await yamlText(page)).toContain(
    'long_entry: crosses_above(RSI_14, 30) and close > SMA_200',
  );
  // Each name in the preview explains itself on hover; the caret's name is explained below.
  await expect(field.locator('.tok-function').first()).toHaveAttribute(
    'title',
    /crosses_above\(a, b\).*ta\.crossover/,
  );
  await expect(field.locator('.tok-indicator', { hasText: 'SMA_200' })).toHaveAttribute(
    'title',
    /SMA/,
  );
  await page.keyboard.press('Home');
  await expect(field.locator('small')).toContainText('crosses_above(a, b)');
});

test('the YAML editor completes and explains names inside a rule expression', async ({ page }) => {
  await openRulesTemplate(page);
  const line = (await yamlText(page)).split('\n').findIndex((l) => l.includes('long_exit:')) + 1;
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  // Spaces too: the canvas must not take them for its pan key while the editor has the focus.
  await page.keyboard.type(' and SM');
  await page.keyboard.press('ControlOrMeta+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('SMA_200');
  await page.keyboard.press('Enter');
  expect(await yamlText(page)).toContain('long_exit: RSI_14 > 70 and SMA_200');
  // Hover the middle of RSI_14 in the long_exit value (Monaco draws it as one run of text).
  const value = page
    .locator('.monaco-editor .view-line span span', { hasText: /^RSI_14\s>\s70\sand\sSMA_200$/ })
    .first();
  const box = (await value.boundingBox())!;
  const perChar = box.width / 'RSI_14 > 70 and SMA_200'.length;
  await page.mouse.move(box.x + perChar * 3, box.y + box.height / 2);
  await expect(page.locator('.monaco-hover').filter({ hasText: 'RSI_14' })).toContainText(
    'Relative strength index',
  );
});

test('completion keeps every typed character in place on a slow machine', async ({ page }) => {
  test.setTimeout(180_000);
  await openRulesTemplate(page);
  // A machine several times slower: renders and frames lag the keys, which come as fast as ever.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  const entry = inspector(page).getByLabel('Long entry', { exact: true });
  for (let round = 0; round < 2; round++) {
    await retype(page, 'Long entry', 'cro');
    const suggestions = inspector(page).getByRole('listbox', { name: 'Suggestions' });
    await expect(suggestions.getByRole('option').first()).toContainText('crosses_above');
    // Accepted with Enter and typed on at once, the keys queued before the page draws again.
    await Promise.all([page.keyboard.press('Enter'), page.keyboard.type('RSI')]);
    await expect(suggestions.getByRole('option', { name: /RSI_14/ }).first()).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.type(', 30) and close > SMA_200');
    await expect(entry).toHaveValue('crosses_above(RSI_14, 30) and close > SMA_200');
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});
