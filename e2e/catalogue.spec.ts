/**
 * The palette at the catalogue's full size: families within each kind, kinds that fold away, a
 * search that puts the best match first, and adding a found component with the keyboard.
 */
import { expect, test } from './fixtures';
import { freshStart, node } from './helpers';

test('find a component among many: families, folding, best match first', async ({ page }) => {
  await freshStart(page);
  const palette = page.getByRole('complementary', { name: 'Palette' });
  await expect(palette.getByRole('group', { name: 'strategy: Divergence' })).toBeVisible();
  await expect(palette.getByRole('group', { name: 'indicator: Oscillators' })).toBeVisible();

  const indicators = palette.getByRole('button', { name: /^indicator \(\d+\)$/ });
  await indicators.click();
  await expect(indicators).toHaveAttribute('aria-expanded', 'false');
  await expect(palette.getByTestId('palette-sma')).toHaveCount(0);
  await indicators.click();
  await expect(palette.getByTestId('palette-sma')).toBeVisible();

  await palette.getByLabel('Search components').click();
  await page.keyboard.type('divergence');
  await expect(palette.getByRole('status')).toContainText('best first');
  await expect(palette.getByRole('option').first()).toContainText('RSI');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(node(page, 'rsi_divergence')).toBeVisible();

  await palette.getByLabel('Search components').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('supertrend');
  await expect(palette.getByRole('option').first()).toContainText('Supertrend');
});
