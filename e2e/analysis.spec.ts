/**
 * A flow that cannot work as drawn says so where the user looks, before any run: a selective
 * route's condition that reads a misspelt field, and a second route that repeats the first, are
 * warnings on the canvas (the source container's badge), in the problems list with their line,
 * and under the text in the YAML editor.
 */
import { expect, test } from './fixtures';
import { freshStart, node } from './helpers';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('a misspelt field in a route condition is a located warning on the canvas, in the problems and in the editor', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Conviction routing' }).click();
  await expect(node(page, 'aggressive')).toBeVisible();
  await expect(page.getByText('No problems')).toBeVisible();

  await page.getByRole('button', { name: /Route 1 from signals: signal.strength > 0.6/ }).click();
  const input = page.getByLabel('Condition of route 1 from signals');
  await expect(input).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('signal.strenght > 0.6');
  await input.press('Enter');

  // The canvas: the container the route leaves from carries a warning, with its reason.
  const badge = node(page, 'signals').getByLabel('0 errors, 1 warnings');
  await expect(badge).toBeVisible();
  await expect(node(page, 'signals').locator('[title*="strenght"]')).toHaveAttribute(
    'title',
    'A TradingSignal has no field "strenght", so this reads null. Did you mean "strength"?',
  );
  // The problems list: the same words, at the condition's line.
  await page.getByRole('button', { name: '0 errors, 1 warning' }).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('Line 35');
  await expect(problems).toContainText('Did you mean "strength"?');
  // A click on the line takes the editor there, where the condition is underlined.
  await problems.getByRole('button', { name: /^Line 35:/ }).click();
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeVisible();
});
