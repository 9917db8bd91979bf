/**
 * Zoomed out to tiles, the canvas draws the connections as one picture (a large flow zooms
 * smoothly): a person still sees, selects and follows every connection, and finds them all as
 * they were when zooming back in.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freshStart, node, replaceYaml, runPanel, runTab, runToEnd, yamlText } from './helpers';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

const viewZoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);

/** The middle of a connection's path, on screen. */
const middleOf = (path: Locator) =>
  path.evaluate((element: SVGPathElement) => {
    const point = element.getPointAtLength(element.getTotalLength() / 2);
    const m = element.getScreenCTM()!;
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  });

test('zoomed out to tiles, every connection is drawn, follows a dragged tile, is selected by a click or Enter, and glows as events cross it', async ({
  page,
}) => {
  // A first step opens the run's views (the canvas makes room for them) before zooming out.
  await page.getByRole('button', { name: 'Step bar' }).click();
  await expect(page.getByText(/bar 1 of/)).toBeVisible();
  const edges = page.locator('.react-flow__edge');
  const count = await edges.count();
  expect(count).toBeGreaterThan(4);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  while ((await viewZoom(page)) >= 0.3) await page.mouse.wheel(0, 200);

  const picture = page.getByTestId('edge-overview');
  const connections = picture.locator('.edge-overview-hit');
  await expect(connections).toHaveCount(count);
  await expect(edges).toHaveCount(0);
  await expect(picture.locator('.flow-edge')).toHaveCount(count);

  // A tile dragged at this zoom moves, in the YAML too, and its connections follow it.
  const fromRisk = picture.getByRole('group', { name: /connection from risk to broker/ });
  const before = await fromRisk.getAttribute('d');
  const tile = (await node(page, 'risk').boundingBox())!;
  await page.mouse.move(tile.x + tile.width / 2, tile.y + tile.height / 2);
  await page.mouse.down();
  await page.mouse.move(tile.x + tile.width / 2, tile.y + tile.height / 2 + 30, { steps: 4 });
  // While it is dragged, its connections are a picture of their own that follows it; the picture
  // of all the others is left exactly as it was (nothing in it to draw again).
  const pictures = picture.locator('.edge-overview-picture');
  await expect(pictures).toHaveCount(2);
  const ofRisk = picture.getByRole('group', { name: /from risk |to risk$/ });
  const riskCount = await ofRisk.count();
  expect(riskCount).toBeGreaterThanOrEqual(2);
  await expect(pictures.nth(1).locator('.edge-overview-hit')).toHaveCount(riskCount);
  await pictures.nth(0).evaluate((still) => {
    const changes: MutationRecord[] = [];
    new MutationObserver((records) => changes.push(...records)).observe(still, {
      subtree: true,
      attributes: true,
      childList: true,
    });
    (window as unknown as { __stillChanges: MutationRecord[] }).__stillChanges = changes;
  });
  const during = await fromRisk.getAttribute('d');
  await page.mouse.move(tile.x + tile.width / 2, tile.y + tile.height / 2 + 60, { steps: 4 });
  await expect.poll(() => fromRisk.getAttribute('d')).not.toBe(during);
  expect(
    await page.evaluate(
      () => (window as unknown as { __stillChanges: MutationRecord[] }).__stillChanges.length,
    ),
  ).toBe(0);
  await page.mouse.up();
  await expect(pictures).toHaveCount(1);
  await expect(connections).toHaveCount(count);
  await expect.poll(() => fromRisk.getAttribute('d')).not.toBe(before);
  await expect
    .poll(async () => (await yamlText(page)).match(/ {2}risk: \[ (-?\d+), (-?\d+) \]/)?.[2])
    .not.toBe('170');

  // A click on a connection selects it: React Flow draws it again, selected.
  const toCrossover = picture.getByRole('group', { name: /connection from sma_slow to crossover/ });
  const { x, y } = await middleOf(toCrossover);
  await page.mouse.click(x, y);
  const selected = page.locator('.react-flow__edge.selected');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('aria-label', /from sma_slow to crossover/);
  await expect(connections).toHaveCount(count - 1);

  // From the keyboard, as React Flow's own edges: focus one, Enter.
  const toRisk = picture.getByRole('group', { name: /connection from crossover to risk/ });
  await toRisk.focus();
  await page.keyboard.press('Enter');
  await expect(selected).toHaveAttribute('aria-label', /from crossover to risk/);

  // A step's events light the connections they cross, as when zoomed in.
  await page.getByRole('button', { name: 'Step bar' }).click();
  await expect(picture.locator('.edge-pulse').first()).toBeAttached();

  // Zoomed back in, React Flow draws every connection again; the selection is kept.
  const room = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(room.x + room.width / 2, room.y + room.height / 2);
  while ((await viewZoom(page)) < 0.6) await page.mouse.wheel(0, -200);
  await expect(edges).toHaveCount(count);
  await expect(picture).toHaveCount(0);
  await expect(selected).toHaveAttribute('aria-label', /from crossover to risk/);
});

test('zoomed out to tiles, a tile is one fill in its kind colour (no border, no dots behind) yet a tile with a problem keeps its border, and each is still selected by a click or Enter', async ({
  page,
}) => {
  // A container with a parameter it cannot read: it has a problem to show.
  const yaml = await yamlText(page);
  await replaceYaml(
    page,
    yaml.replace(
      '  portfolio:\n',
      '  journal:\n    component: sma\n    params: { period: banana }\n  portfolio:\n',
    ),
  );
  const journal = node(page, 'journal').locator('.flow-node');
  await expect(journal).toHaveClass(/has-(warning|error)/);
  const tile = node(page, 'crossover').locator('.flow-node');
  const border = (element: Locator) => element.evaluate((e) => getComputedStyle(e).borderLeftColor);
  const dots = page.locator('.react-flow__background');
  await expect(dots).toHaveCount(1);
  const kindColour = await border(tile);
  expect(kindColour).not.toBe('rgba(0, 0, 0, 0)');

  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  while ((await viewZoom(page)) >= 0.3) await page.mouse.wheel(0, 200);
  await expect(page.getByTestId('canvas')).toHaveClass(/zoomed-far/);
  await expect(dots).toHaveCount(0);
  await expect.poll(() => border(tile)).toBe('rgba(0, 0, 0, 0)');
  expect(await tile.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(
    'rgba(0, 0, 0, 0)',
  );
  expect(await border(journal)).not.toBe('rgba(0, 0, 0, 0)');

  // Still a container to pick: a click on the tile, or Enter on it reached from the keyboard.
  const box = (await node(page, 'crossover').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(tile).toHaveClass(/selected/);
  await node(page, 'risk').focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'risk').locator('.flow-node')).toHaveClass(/selected/);

  // Zoomed back in, borders and dots are drawn again.
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  while ((await viewZoom(page)) < 0.6) await page.mouse.wheel(0, -200);
  await expect(dots).toHaveCount(1);
  await expect.poll(() => border(tile)).toBe(kindColour);
});

test('zoomed out to tiles, the path of a traced fill is drawn lit, and unlit when the trace is closed', async ({
  page,
}) => {
  await runToEnd(page);
  await runTab(page, 'Event log').click();
  await runPanel(page).getByLabel('Type').selectOption('FillEvent');
  await page.getByTestId('event-log').locator('.log-row').first().click();
  const trace = page.getByTestId('trace-view');
  await expect(trace).toBeVisible();

  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  while ((await viewZoom(page)) >= 0.3) await page.mouse.wheel(0, 200);
  const picture = page.getByTestId('edge-overview');
  await expect(picture.locator('.flow-edge').first()).toBeAttached();
  const lit = picture.locator('.flow-edge.traced');
  await expect(lit.first()).toBeAttached();

  await trace.getByRole('button', { name: 'Close trace' }).click();
  await expect(lit).toHaveCount(0);
});
