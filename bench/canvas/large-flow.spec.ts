/**
 * bench/canvas: does a flow of 500 containers still pan, zoom and drag smoothly? The same gestures
 * run on the sample flow (7 containers) as the baseline in the same run; frame times come from a
 * requestAnimationFrame loop in the page. Fitted, the 500 containers are tiles; the zoom is then
 * measured once more from where their names show (zoom 0.5). `npm run bench:canvas`
 */
import { expect, type Page, test } from '@playwright/test';
import {
  type FrameStats,
  HEADER,
  pan,
  row,
  startFrames,
  stopFrames,
  zoom,
} from '../browser/frames';

const PIPELINES = 50;
const STAGES = 10;

/** 50 pipelines of 10 containers: a data source and nine moving averages each. */
function largeFlow(): string {
  const lines = ['name: Five hundred containers', 'containers:'];
  const layout = ['layout:'];
  const blocks = ['event_flow:'];
  for (let p = 0; p < PIPELINES; p++) {
    const names = [`data_${p}`];
    lines.push(`  data_${p}:`, '    component: sample_bars', '    params: { sample: aapl_daily }');
    layout.push(`  data_${p}: [0, ${p * 130}]`);
    for (let s = 1; s < STAGES; s++) {
      const name = `sma_${p}_${s}`;
      names.push(name);
      lines.push(`  ${name}:`, '    component: sma', `    params: { period: ${5 + s} }`);
      layout.push(`  ${name}: [${s * 230}, ${p * 130}]`);
    }
    blocks.push('  - type: pipeline', `    containers: [${names.join(', ')}]`);
  }
  return [...lines, '', ...blocks, '', ...layout, ''].join('\n');
}

async function open(page: Page, name: string, text: string) {
  await page.getByLabel('Open a YAML flow file').setInputFiles({
    name,
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
}

/** The canvas's zoom, read from the view's transform. */
const viewZoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);

async function gestures(page: Page, nodeName: string): Promise<Record<string, FrameStats>> {
  const results: Record<string, FrameStats> = {};
  await startFrames(page);
  await pan(page, 4);
  results.pan = await stopFrames(page);
  await startFrames(page);
  await zoom(page, 3);
  await page.waitForTimeout(300);
  results.zoom = await stopFrames(page);
  const target = page.locator(`.react-flow__node[data-id="${nodeName}"]`);
  await startFrames(page);
  for (let i = 0; i < 3; i++) {
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + 80, { steps: 20 });
    await page.mouse.up();
  }
  results.drag = await stopFrames(page);
  return results;
}

test('500 containers: frame times while panning, zooming and dragging', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('.react-flow__node[data-id="crossover"]')).toBeVisible();
  const baseline = await gestures(page, 'crossover');

  const opened = performance.now();
  await open(page, 'large.yaml', largeFlow());
  // The canvas draws only the containers in view (over 150 of them), so the flow counts as open
  // once the inspector's summary counts all of it.
  await expect(
    page.getByText(`${PIPELINES * STAGES} containers, ${PIPELINES} event flow blocks`),
  ).toBeVisible({ timeout: 60_000 });
  const openMs = performance.now() - opened;
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(500);
  const large = await gestures(page, 'sma_25_5');
  const fitZoom = await viewZoom(page);

  // Fitted, 500 containers are tiles (too small on screen for a name). Zoomed in to where the
  // names show, the same wheel gesture again: the containers' text is sized when it ends.
  await page.mouse.move(500, 400);
  while ((await viewZoom(page)) < 0.5) await page.mouse.wheel(0, -120);
  await page.waitForTimeout(800);
  const namesZoom = await viewZoom(page);
  await startFrames(page);
  await zoom(page, 3);
  await page.waitForTimeout(300);
  large.zoomNames = await stopFrames(page);

  const lines = [
    `Opening the 500-container flow took ${openMs.toFixed(0)} ms (file to the flow read and drawn).`,
    '',
    HEADER,
  ];
  for (const gesture of ['pan', 'zoom', 'drag'] as const) {
    lines.push(row(`${gesture}, sample flow (7, baseline)`, baseline[gesture]!));
    lines.push(row(`${gesture}, 500 containers`, large[gesture]!));
  }
  lines.push(row(`zoom, 500 containers from ${namesZoom.toFixed(2)} (names)`, large.zoomNames));
  lines.push('');
  for (const gesture of ['pan', 'zoom', 'drag'] as const)
    lines.push(
      `${gesture}: p95 frame ${(large[gesture]!.p95Ms / baseline[gesture]!.p95Ms).toFixed(2)}x the baseline`,
    );
  lines.push(
    `zoom from ${namesZoom.toFixed(2)}: p95 frame ${(large.zoomNames.p95Ms / baseline.zoom!.p95Ms).toFixed(2)}x the baseline (fit zoom ${fitZoom.toFixed(2)})`,
  );
  console.log(lines.join('\n'));
});
