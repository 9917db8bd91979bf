// Makes docs/screenshots/: each view of the built app (run `vite build` first) at 1280x720 and
// 1600x1000, driven as a person would (keys and clicks). `npm run screenshots`; SHOTS_PORT picks
// the port of the preview server it starts, SHOTS_DIR where the pictures go, SHOTS_ONLY a comma
// list of views to take.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.SHOTS_PORT ?? 4174);
const out = resolve(root, process.env.SHOTS_DIR ?? 'docs/screenshots');
const only = process.env.SHOTS_ONLY?.split(',');
const base = `http://127.0.0.1:${port}/`;
const SIZES = [
  [1280, 720],
  [1600, 1000],
];

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the preview server did not start on port ${port}`);
}

async function fresh(page) {
  await page.goto(base);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('.react-flow__node').first().waitFor();
  await page.locator('.monaco-editor').first().waitFor();
  await page.waitForTimeout(400);
}

async function canvasKey(page, key) {
  await page.locator('.react-flow__pane').click({ position: { x: 12, y: 12 } });
  await page.keyboard.press(key);
}

/** Waits until the canvas stops gliding (a layout or a fit animates the view), ELK loaded. */
async function settled(page) {
  const transform = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((element) => getComputedStyle(element).transform);
  let last = await transform();
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(400);
    const now = await transform();
    if (now === last) return;
    last = now;
  }
}

async function runToEnd(page) {
  await page.getByRole('button', { name: /^▶ Run/ }).click();
  await page.getByTestId('run-status').filter({ hasText: 'Finished' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1200);
}

async function openFile(page, path) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await page.waitForTimeout(800);
}

/** An outage on the broker (its 30th handled delivery and the 24 after it fail), three attempts a
 * bar apart, and a breaker judging the latest 20 outcomes: what the event-system views show. */
async function injectOutage(page) {
  const type = async (label, text) => {
    await page.getByLabel(label).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };
  await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
  await page.getByText(/^Event system:/).click();
  await page.getByText('Circuit breaker', { exact: true }).click();
  await type('Window', '20');
  await page.locator('.react-flow__node[data-id="broker"]').click();
  await page.getByText('Fault injection', { exact: true }).click();
  await page.getByLabel('Inject faults into broker').click();
  await type('Failure rate', '0');
  await type('Fail the Nth delivery', '30');
  await type('In a row', '25');
  await page.getByText('Retries', { exact: true }).click();
  await page.getByLabel('Own retry policy for broker').click();
  await page.getByLabel('Wait counted in').selectOption('bars');
}

/** Drags a connection from one container's output to another's input. */
async function drag(page, source, target) {
  const from = page.locator(`.react-flow__node[data-id="${source}"] .react-flow__handle.source`);
  const to = page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`);
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Each view: a name and the steps that show it, from a fresh page with the sample flow. */
const VIEWS = [
  ['designer', async () => {}],
  [
    'designer-dark',
    async (page) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(300);
    },
  ],
  [
    'quick-add',
    async (page) => {
      await canvasKey(page, 'Control+K');
      await page.keyboard.type('rsi');
    },
  ],
  [
    'command-palette',
    async (page) => {
      await canvasKey(page, 'Control+Shift+P');
      await page.keyboard.type('run');
    },
  ],
  [
    'selective-routes',
    async (page) => {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template Conviction routing' }).click();
      await page.waitForTimeout(600);
    },
  ],
  [
    'flow-warnings',
    async (page) => {
      // A selective condition with a misspelt field: a warning on the canvas and in the problems.
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template Conviction routing' }).click();
      await page.getByRole('button', { name: /Route 1 from signals/ }).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('signal.strenght > 0.6');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '0 errors, 1 warning' }).click();
      await page.getByRole('button', { name: /^Line 35:/ }).click();
      await page.waitForTimeout(600);
    },
  ],
  [
    'twenty-containers',
    async (page) => {
      await openFile(page, join(root, 'e2e/flows/twenty.yaml'));
      await canvasKey(page, 'Shift+L');
      // ELK loads on first use, then the view glides to the new layout.
      await page.waitForTimeout(1000);
      await settled(page);
    },
  ],
  [
    'charts',
    async (page) => {
      await runToEnd(page);
    },
  ],
  [
    'symbol-picker',
    async (page) => {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template Three symbols' }).click();
      await page.waitForTimeout(600);
      await runToEnd(page);
      await page.getByRole('button', { name: /^Symbol / }).click();
      await page.keyboard.type('b');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1200);
    },
  ],
  [
    'event-log',
    async (page) => {
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Event log' }).click();
    },
  ],
  [
    'trace',
    async (page) => {
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Event log' }).click();
      await page.getByLabel('Type').selectOption('FillEvent');
      await page.getByTestId('event-log').locator('.log-row').nth(3).click();
    },
  ],
  [
    'results',
    async (page) => {
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Results' }).click();
    },
  ],
  [
    'results-incidents',
    async (page) => {
      // All of the equity at the decision close: the entries the next open makes dearer are
      // cancelled, and the run says so.
      await page.locator('.react-flow__node[data-id="risk"]').click();
      await page.getByLabel('Equity (%)').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('100');
      await runToEnd(page);
      await page.getByRole('button', { name: 'Show in Results' }).click();
      await page.waitForTimeout(400);
    },
  ],
  [
    'data',
    async (page) => {
      await page.getByRole('tab', { name: 'Data' }).click();
    },
  ],
  [
    'container-events',
    async (page) => {
      await injectOutage(page);
      await page.locator('.side .inspector').evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
    },
  ],
  [
    'event-system',
    async (page) => {
      await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
      await page.getByText(/^Event system:/).click();
      await page.getByText('Circuit breaker', { exact: true }).click();
    },
  ],
  [
    'route',
    async (page) => {
      await page.getByRole('button', { name: 'Route', exact: true }).click();
      await drag(page, 'crossover', 'broker');
      const form = page.getByTestId('route-form');
      await form.getByLabel('TradingSignal').click();
      await form.getByRole('button', { name: 'Add filter' }).click();
      await form.getByLabel('Transformation').selectOption('signal_to_order_transformer');
      await page.waitForTimeout(300);
    },
  ],
  [
    'breaker-open',
    async (page) => {
      await injectOutage(page);
      await page.locator('.react-flow__pane').click({ position: { x: 300, y: 20 } });
      const breaker = page.getByTestId('breaker-broker');
      for (let bar = 1; bar < 60 && !(await breaker.isVisible()); bar++) {
        await page.keyboard.press('Shift+N');
        await page
          .getByTestId('run-status')
          .filter({ hasText: `bar ${bar} of` })
          .waitFor();
      }
      await page.getByRole('tab', { name: 'Event log' }).click();
      await page.getByLabel('Type').selectOption('BreakerStateChanged');
    },
  ],
  [
    'dead-letters',
    async (page) => {
      await injectOutage(page);
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Dead letters' }).click();
    },
  ],
  [
    'breaker-changes',
    async (page) => {
      await injectOutage(page);
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Dead letters' }).click();
      await page.getByRole('tab', { name: /^Breaker changes/ }).click();
    },
  ],
  [
    'trace-retries',
    async (page) => {
      await injectOutage(page);
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Dead letters' }).click();
      await page.getByTestId('dead-letters').getByLabel('Reason').selectOption('handler_error');
      await page
        .getByRole('button', { name: /^Trace dead letter/ })
        .first()
        .click();
    },
  ],
  [
    'trade-trace',
    async (page) => {
      await runToEnd(page);
      await page.getByRole('tab', { name: 'Results' }).click();
      await page.getByRole('button', { name: 'Whole trade' }).first().click();
    },
  ],
  [
    'design-templates',
    async (page) => {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template Design: event system' }).click();
      await page.waitForTimeout(600);
    },
  ],
  [
    'data-upload',
    async (page) => {
      await page.getByRole('tab', { name: 'Data' }).click();
      const rows = ['date,open,high,low,close,volume'];
      for (let i = 0; i < 500; i++) {
        const day = new Date(Date.UTC(2022, 0, 3 + i)).toISOString().slice(0, 10);
        const price = 50 + 8 * Math.sin(i / 6);
        rows.push(`${day},${price},${price + 1},${price - 1},${price + 0.3},5000`);
      }
      await page.getByLabel('CSV file of bars').setInputFiles({
        name: 'my-bars.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(rows.join('\n')),
      });
      await page.getByRole('button', { name: 'Remove my-bars.csv' }).waitFor();
    },
  ],
  [
    'version-history',
    async (page) => {
      await page.locator('.react-flow__node').filter({ hasText: 'sma_slow' }).click();
      const period = page.getByLabel('Period');
      await period.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('30');
      await page.waitForTimeout(800);
      await page.getByRole('button', { name: 'Version history…' }).click();
      await page
        .getByRole('button', { name: /^Show the version/ })
        .last()
        .click();
      await page.waitForTimeout(300);
    },
  ],
  [
    'yaml-too-large',
    async (page) => {
      const depth = 900_000;
      await page.evaluate(
        (d) => navigator.clipboard.writeText(`name: ${'['.repeat(d)}${']'.repeat(d)}\n`),
        depth,
      );
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      await page.getByRole('region', { name: 'YAML too large to edit' }).waitFor();
      await page.waitForTimeout(1000);
    },
  ],
  [
    'shortcuts',
    async (page) => {
      await canvasKey(page, '?');
    },
  ],
];

// Vite's own entry, not npx: one process, which kill() then ends.
const vite = join(root, 'node_modules/vite/bin/vite.js');
const server = spawn(
  process.execPath,
  [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { cwd: root, stdio: 'ignore' },
);
try {
  await waitForServer();
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromium()?.path });
  for (const [name, show] of VIEWS) {
    if (only && !only.includes(name)) continue;
    for (const [width, height] of SIZES) {
      const context = await browser.newContext({
        viewport: { width, height },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const page = await context.newPage();
      await fresh(page);
      await show(page);
      await page.waitForTimeout(500);
      const file = join(out, `${name}-${width}x${height}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshots: ${file}`);
      await context.close();
    }
  }
  await browser.close();
} finally {
  server.kill();
}
