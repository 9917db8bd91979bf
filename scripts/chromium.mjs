// Finds a Chromium for the end-to-end tests. Shared by ensure-chromium.mjs (which may install one)
// and playwright.config.ts (which launches it), so both agree on the same binary.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** @returns {{ path: string | undefined, origin: string } | null} path undefined = Playwright's own */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, origin: 'CHROMIUM_PATH' } : null;
  try {
    if (existsSync(chromium.executablePath())) return { path: undefined, origin: 'Playwright' };
  } catch {
    // Playwright throws when it has no browser registered for this platform.
  }
  const system = SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  return system ? { path: system, origin: 'system' } : null;
}
