/**
 * A readable canvas at the two sizes the app is checked at: with a flow of up to twenty containers
 * laid out and fitted, no text on a container or a connection is under 11 px on screen (its
 * computed font size times the canvas's zoom), and a fitted flow is never blown up past 1.
 */
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node } from './helpers';

const root = resolve(import.meta.dirname, '..');

/** Every piece of text drawn on the canvas, with its size on screen; and the zoom. */
async function canvasText(page: Page) {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const texts: { text: string; px: number }[] = [];
    const elements = document.querySelectorAll(
      '.react-flow__node *, .react-flow__edgelabel-renderer *',
    );
    for (const element of elements) {
      const own = [...element.childNodes]
        .filter((child) => child.nodeType === Node.TEXT_NODE)
        .map((child) => child.textContent ?? '')
        .join('')
        .trim();
      if (!own) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
      // Only what shows inside the canvas counts (a fitted flow shows all of it).
      if (box.right < pane.left || box.left > pane.right || box.bottom < pane.top) continue;
      if (box.top > pane.bottom) continue;
      // To a hundredth of a pixel: text sized 11px / zoom comes back as 10.99998 times zoom.
      const px = Math.round(Number.parseFloat(style.fontSize) * zoom * 100) / 100;
      texts.push({ text: own, px });
    }
    return { zoom, texts };
  });
}

/** Waits until the canvas stops gliding (a layout or a fit animates the view). */
async function settled(page: Page) {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await page
          .locator('.react-flow__viewport')
          .evaluate((element) => getComputedStyle(element).transform);
        const still = now === last;
        last = now;
        return still;
      },
      // Patient: on a loaded machine one reading of the page can take seconds, and two equal
      // readings in a row are needed.
      { intervals: [400], timeout: 30_000 },
    )
    .toBe(true);
}

async function layOutAndFit(page: Page) {
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Shift+L');
  await settled(page);
  await page.keyboard.press('f');
  await settled(page);
}

for (const [width, height] of [
  [1280, 720],
  [1600, 1000],
] as const) {
  test.describe(`at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test('twenty containers laid out and fitted: no canvas text under 11 px', async ({ page }) => {
      await freshStart(page);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open…' }).click();
      await (await chooser).setFiles(join(root, 'e2e/flows/twenty.yaml'));
      await expect(node(page, 'sma13')).toBeVisible();
      await expect(page.locator('.react-flow__node')).toHaveCount(20);
      await layOutAndFit(page);
      const { zoom, texts } = await canvasText(page);
      expect(zoom).toBeLessThanOrEqual(1);
      // Each container shows its name at least; the two selective routes show their conditions.
      const names = new Set(texts.map((t) => t.text));
      for (const name of ['data', 'sma1', 'sma13', 'cross2', 'risk2', 'broker', 'portfolio'])
        expect(names, `${name} is on screen`).toContain(name);
      expect([...names].some((text) => text.includes('signal.strength > 0.8'))).toBe(true);
      const small = texts.filter((t) => t.px < 11);
      expect(small, `text under 11 px at zoom ${zoom.toFixed(2)}`).toEqual([]);
    });

    test('the toolbar keeps to one row', async ({ page }) => {
      await freshStart(page);
      const tops = await page
        .locator('.toolbar button:visible')
        .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
      expect(tops.length).toBeGreaterThan(10);
      expect(new Set(tops).size, `button tops: ${tops.join(', ')}`).toBe(1);
    });

    test('the sample flow fitted: no canvas text under 11 px, zoom at most 1', async ({ page }) => {
      await freshStart(page);
      await layOutAndFit(page);
      const { zoom, texts } = await canvasText(page);
      expect(zoom).toBeLessThanOrEqual(1);
      expect(texts.length).toBeGreaterThan(7);
      const small = texts.filter((t) => t.px < 11);
      expect(small, `text under 11 px at zoom ${zoom.toFixed(2)}`).toEqual([]);
    });
  });
}
