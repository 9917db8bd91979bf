/** The version history of a flow: look at an earlier version, restore it, undo the restore. */
import { expect, test } from './fixtures';
import { freshStart, setSlowPeriod, slowPeriod, yamlText } from './helpers';

test('restore an earlier version of the flow, undo it, and find the history again after a reload', async ({
  page,
}) => {
  await freshStart(page);
  await setSlowPeriod(page, 30);
  await page.getByRole('button', { name: 'Version history…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Version history' });
  const versions = dialog.getByRole('list', { name: 'Versions' }).getByRole('listitem');
  // The version the flow was opened with, and the edit (the open version).
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('the open version');
  const opened = versions.filter({ hasText: 'As opened' });
  await opened.getByRole('button', { name: /^Show/ }).click();
  await expect(dialog.getByTestId('version-preview')).toContainText('params: { period: 20 }');
  await opened.getByRole('button', { name: /^Restore/ }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Restored the version of' }),
  ).toBeVisible();
  await expect(slowPeriod(page)).toContainText('20');
  expect(await yamlText(page)).toContain('params: { period: 20 }');

  // A restore is one step of undo.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(slowPeriod(page)).toContainText('30');

  await page.reload();
  await expect(slowPeriod(page)).toContainText('30');
  await page.getByRole('button', { name: 'Version history…' }).click();
  await expect(versions.filter({ hasText: 'As opened' }).first()).toBeVisible();
  await expect(versions.first()).toContainText('the open version');
});
