/**
 * ADMF-PC configs in the app: a config pasted into the YAML editor is offered for conversion and
 * becomes a flow; a flow downloads as an ADMF-PC config, after listing what has no counterpart.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { freshStart, node, replaceYaml, yamlText } from './helpers';

const CONFIG = `name: pasted_admf
symbols: ["SPY"]
strategy: [
  {keltner_bands: {period: 26, multiplier: 3.0}, filter: "volume > sma(volume, 20)"}
]
risk: {position_size: 0.5}
`;

test('paste an ADMF-PC config, convert it, and download a flow back as one', async ({ page }) => {
  await freshStart(page);
  await replaceYaml(page, CONFIG);
  const offer = page.getByRole('status').filter({ hasText: 'This is an ADMF-PC config' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Convert to a flow' }).click();
  await expect(node(page, 'keltner_bands')).toBeVisible();
  await expect(
    page.getByText(/filter "volume > sma\(volume, 20\)" of keltner_bands is not translated/),
  ).toBeVisible();
  expect(await yamlText(page)).toContain('component: keltner_bands');

  const clean = page.waitForEvent('download');
  await page.getByRole('button', { name: 'As ADMF-PC' }).click();
  const file = await clean;
  expect(file.suggestedFilename()).toBe('pasted_admf.admf.yaml');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('type: keltner_bands');
  expect(text).toContain('position_size: 0.5');

  // A flow with parts ADMF-PC has no place for: they are listed before the download.
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Your own rules (RSI)' }).click();
  await page.getByRole('button', { name: 'As ADMF-PC' }).click();
  const dialog = page.getByRole('dialog', { name: 'Some parts have no ADMF-PC counterpart' });
  await expect(dialog.getByRole('listitem').filter({ hasText: 'rule_strategy' })).toBeVisible();
  const partial = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download the ADMF-PC config' }).click();
  expect(readFileSync((await (await partial).path())!, 'utf8')).toContain(
    'name: RSI rule strategy',
  );
});
