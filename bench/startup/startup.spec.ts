/**
 * bench/startup: the production build opened cold (a new browser context each time: no cache, no
 * stored flow), as a first-time user opens it. Measured in the page from navigation: first paint,
 * first contentful paint, when the canvas shows the sample flow's containers, when the YAML editor
 * (Monaco) has loaded, every main-thread task over 50 ms until then (a PerformanceObserver set up
 * before the page's own scripts), and the JavaScript fetched by then.
 *
 * Baselines in the same run, loaded alternately with the app: a blank page (the browser's own
 * floor on this machine right now) and, when BENCH_BASELINE_DIST names another build of the app
 * (e.g. main's `dist`), that build served on BENCH_PORT + 1. `npm run bench:startup`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Browser, expect, test } from '@playwright/test';

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const port = Number(process.env.BENCH_PORT ?? 4174);
const baselineDist = process.env.BENCH_BASELINE_DIST;
const baselinePort = port + 1;

interface Load {
  firstPaint: number;
  firstContentfulPaint: number;
  /** The sample flow's containers drawn on the canvas. */
  canvas: number;
  /** Monaco's editor in the page (-1: not loaded by the end of the wait). */
  editor: number;
  longTasks: number[];
  /** JavaScript fetched (encoded bytes) before the canvas showed. */
  scriptBytesBeforeCanvas: number;
}

/** Runs in the page before its own scripts: records long tasks and when canvas and editor show. */
function instrument() {
  const w = window as unknown as {
    __long: number[];
    __marks: Record<string, number>;
  };
  w.__long = [];
  w.__marks = {};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__long.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (w.__marks.canvas === undefined && document.querySelector('.react-flow__node .flow-node'))
      w.__marks.canvas = performance.now();
    if (w.__marks.editor === undefined && document.querySelector('.monaco-editor .view-lines'))
      w.__marks.editor = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function loadOnce(browser: Browser, url: string, app: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  if (app) {
    await expect(page.locator('.react-flow__node[data-id="crossover"]')).toBeVisible();
    await page
      .locator('.monaco-editor .view-lines')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
  }
  // Long tasks are reported a little after they end.
  await page.waitForTimeout(1000);
  const load = await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __marks: Record<string, number> };
    const paint = (name: string) =>
      performance.getEntriesByType('paint').find((entry) => entry.name === name)?.startTime ?? -1;
    const canvas = w.__marks.canvas ?? -1;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'))
      .filter((entry) => canvas < 0 || entry.responseEnd <= canvas);
    return {
      firstPaint: paint('first-paint'),
      firstContentfulPaint: paint('first-contentful-paint'),
      canvas,
      editor: w.__marks.editor ?? -1,
      longTasks: w.__long,
      scriptBytesBeforeCanvas: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
    };
  });
  await context.close();
  return load;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? -1;
};
const ms = (value: number) => (value < 0 ? '—' : value.toFixed(0));

function summary(label: string, loads: Load[]): string {
  const longest = loads.map((load) => Math.max(0, ...load.longTasks));
  const counts = loads.map((load) => load.longTasks.length);
  const over100 = loads.map((load) => load.longTasks.filter((t) => t > 100).length);
  const before = loads.filter(
    (load) => load.canvas >= 0 && (load.editor < 0 || load.canvas < load.editor),
  );
  return `| ${label} | ${ms(median(loads.map((l) => l.firstPaint)))} | ${ms(median(loads.map((l) => l.firstContentfulPaint)))} | ${ms(median(loads.map((l) => l.canvas)))} | ${ms(median(loads.map((l) => l.editor)))} | ${loads.some((load) => load.canvas >= 0) ? `${before.length}/${loads.length}` : '—'} | ${median(counts)} (${Math.min(...counts)}–${Math.max(...counts)}) | ${ms(median(longest))} (worst ${ms(Math.max(...longest))}) | ${over100.reduce((a, b) => a + b, 0)} | ${(median(loads.map((l) => l.scriptBytesBeforeCanvas)) / 1024).toFixed(0)} |`;
}

let baselineServer: ChildProcess | undefined;
test.beforeAll(async () => {
  if (!baselineDist) return;
  baselineServer = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      baselineDist,
      '--port',
      String(baselinePort),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${baselinePort}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the baseline build did not start on port ${baselinePort}`);
});
test.afterAll(() => {
  if (baselineServer?.pid) process.kill(-baselineServer.pid);
});

test('start-up, cold: first paint, long tasks, the canvas before the YAML editor', async ({
  browser,
}) => {
  test.setTimeout(LOADS * 3 * 60_000);
  const blankPage = `http://127.0.0.1:${port}/bench-blank`;
  const blank: Load[] = [];
  const app: Load[] = [];
  const baseline: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    const blankContext = await browser.newContext();
    const page = await blankContext.newPage();
    // Answered by the test harness, not the app's server: a page with nothing to load.
    await page.route(blankPage, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html><body><div id="root">Flow Studio</div></body></html>',
      }),
    );
    await page.addInitScript(instrument);
    await page.goto(blankPage);
    await page.waitForTimeout(500);
    blank.push(
      await page.evaluate(() => {
        const paint = (name: string) =>
          performance.getEntriesByType('paint').find((entry) => entry.name === name)?.startTime ??
          -1;
        const w = window as unknown as { __long: number[] };
        return {
          firstPaint: paint('first-paint'),
          firstContentfulPaint: paint('first-contentful-paint'),
          canvas: -1,
          editor: -1,
          longTasks: w.__long,
          scriptBytesBeforeCanvas: 0,
        };
      }),
    );
    await blankContext.close();
    if (baselineDist)
      baseline.push(await loadOnce(browser, `http://127.0.0.1:${baselinePort}/`, true));
    app.push(await loadOnce(browser, `http://127.0.0.1:${port}/`, true));
  }
  const lines = [
    `${LOADS} cold loads each, alternated, 1440x900.`,
    '',
    '| page | first paint (ms) | first contentful paint (ms) | canvas drawn (ms) | YAML editor loaded (ms) | canvas before editor | long tasks | longest task (ms) | tasks > 100 ms, all loads | JS before canvas (KiB) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    summary('blank page (baseline)', blank),
  ];
  if (baselineDist) lines.push(summary(`baseline build (${baselineDist})`, baseline));
  lines.push(summary('this build', app));
  lines.push('', 'Each load, this build: long tasks (ms)');
  for (const load of app)
    lines.push(`- ${load.longTasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
  if (baselineDist) {
    lines.push('', 'Each load, baseline build: long tasks (ms)');
    for (const load of baseline)
      lines.push(`- ${load.longTasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
  }
  console.log(lines.join('\n'));
});
