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
import { profile, startTrace, stopTrace, tracing } from './trace';

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

/** Frame times of one gesture; with BENCH_TRACE=1, also where its main-thread time went. */
async function measure(page: Page, label: string, gesture: () => Promise<void>) {
  const browser = page.context().browser()!;
  if (tracing()) await startTrace(browser, page);
  await startFrames(page);
  if (process.env.BENCH_PROFILE === '1')
    console.log(
      `${label} (profiled)\n${await profile(page, gesture, `/tmp/canvas-${label.replace(/\W+/g, '-')}.cpuprofile`)}`,
    );
  else await gesture();
  const stats = await stopFrames(page);
  if (tracing()) console.log(`${label} (traced)\n${await stopTrace(browser)}`);
  return stats;
}

async function gestures(
  page: Page,
  nodeName: string,
  flow: string,
): Promise<Record<string, FrameStats>> {
  const results: Record<string, FrameStats> = {};
  results.pan = await measure(page, `pan, ${flow}`, () => pan(page, 4));
  results.zoom = await measure(page, `zoom, ${flow}`, async () => {
    await zoom(page, 3);
    await page.waitForTimeout(300);
  });
  results.drag = await measure(page, `drag, ${flow}`, () => drag(page, nodeName));
  return results;
}

/**
 * Drags the container by its middle, left and back and left again, so that it stays on the
 * canvas (a drag that ends under the inspector makes the next one a drag in the inspector).
 * Fitted, a 500-container flow draws each one a few pixels tall, so a grab at a fixed offset from
 * its top edge would miss it and pan the canvas instead: each drag must move the container, or
 * the figures are not a drag's.
 */
async function drag(page: Page, nodeName: string) {
  const target = page.locator(`.react-flow__node[data-id="${nodeName}"]`);
  let box = (await target.boundingBox())!;
  for (let i = 0; i < 3; i++) {
    const way = i % 2 === 0 ? -1 : 1;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + way * 150, y + way * 70, { steps: 20 });
    await page.mouse.up();
    const before = box;
    box = (await target.boundingBox())!;
    expect(
      Math.abs(box.x - before.x),
      `drag ${i + 1} moved ${nodeName} (from ${JSON.stringify(before)})`,
    ).toBeGreaterThan(100);
  }
}

test('500 containers: frame times while panning, zooming and dragging', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('.react-flow__node[data-id="crossover"]')).toBeVisible();
  const baseline = await gestures(page, 'crossover', 'sample flow');

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
  const large = await gestures(page, 'sma_25_5', '500 containers');
  const fitZoom = await viewZoom(page);

  // Fitted, 500 containers are tiles (too small on screen for a name). Zoomed in to where the
  // names show, the same wheel gesture again: the containers' text is sized when it ends.
  await page.mouse.move(500, 400);
  while ((await viewZoom(page)) < 0.5) await page.mouse.wheel(0, -120);
  await page.waitForTimeout(800);
  const namesZoom = await viewZoom(page);
  large.zoomNames = await measure(page, 'zoom from names, 500 containers', async () => {
    await zoom(page, 3);
    await page.waitForTimeout(300);
  });

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
