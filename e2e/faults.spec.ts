/**
 * Fault injection in Chromium: hostile links and pastes, a full or failing storage, a damaged
 * store, crashing workers, two tabs on one flow. Faults are injected from outside the app (init
 * scripts, routes, the page's own storage), never through hooks in its code. Each case ends as a
 * user would check it: a message on screen, then a reload, and the user's flow intact.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node } from './helpers';
import { deflateBomb, legacyBomb } from './hostile';

const problemDialog = (page: Page) => page.getByRole('dialog');

/** The user's flow, as the canvas shows it: its name and its containers. */
async function expectSampleFlow(page: Page) {
  await expect(page.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline)');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(node(page, 'crossover')).toBeVisible();
}

test.describe('share links', () => {
  test('a link that unpacks to hundreds of megabytes is refused, cleared, and changes nothing', async ({
    page,
  }) => {
    await freshStart(page);
    for (const hash of [`#flow=${legacyBomb(400_000_000)}`, `#flow2=${deflateBomb(10_000_000)}`]) {
      await page.goto(`/${hash}`);
      await expect(problemDialog(page)).toContainText('The shared link could not be opened');
      await expect(problemDialog(page)).toContainText('unpacks to more than 2 MB');
      await expect(problemDialog(page)).toContainText('Your flows were not changed.');
      expect(new URL(page.url()).hash).toBe('');
      await problemDialog(page).getByRole('button', { name: 'OK' }).click();
      await expectSampleFlow(page);
    }
    await page.reload();
    await expect(problemDialog(page)).toBeHidden();
    await expectSampleFlow(page);
    await page.getByRole('button', { name: 'My flows' }).click();
    await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(1);
  });

  test('a link cut short or with changed characters says so, in the tab already open', async ({
    page,
  }) => {
    await freshStart(page);
    await page.getByRole('button', { name: 'Share link' }).click();
    const url = await page.getByLabel('Share link').inputValue();
    await page.keyboard.press('Escape');
    const hash = new URL(url).hash;
    // Pasted into the address bar of this tab: only the hash changes.
    await page.evaluate(
      (h) => {
        window.location.hash = h;
      },
      hash.slice(0, -40),
    );
    await expect(problemDialog(page)).toContainText('This link is incomplete');
    expect(new URL(page.url()).hash).toBe('');
    await problemDialog(page).getByRole('button', { name: 'OK' }).click();
    const changed = `${hash.slice(0, 60)}${hash[60] === 'A' ? 'B' : 'A'}${hash.slice(61)}`;
    await page.evaluate((h) => {
      window.location.hash = h;
    }, changed);
    await expect(problemDialog(page)).toContainText('This link is damaged');
    await problemDialog(page).getByRole('button', { name: 'OK' }).click();
    await page.reload();
    await expectSampleFlow(page);
  });
});
