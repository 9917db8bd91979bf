/**
 * Browser benchmarks (bench/**\/*.spec.ts): the production build in Chromium, one at a time so
 * that the two cores are not shared with another page. `npm run bench:canvas`, `npm run bench:simulator`.
 */
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

const chromium = findChromium();
const port = Number(process.env.BENCH_PORT ?? 4174);

export default defineConfig({
  testDir: './bench',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 240_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromium?.path,
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
