/**
 * Every end-to-end test runs under these guards: it fails on any console error or warning, any
 * Content-Security-Policy violation, any uncaught page error, and any request that leaves the
 * app's own origin (nothing may come from a CDN).
 */
import { test as base, expect } from '@playwright/test';

export interface PageGuard {
  /** Let console messages matching the pattern pass, for a test that provokes them on purpose. */
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return;
        const text = message.text();
        if (!allowed.some((pattern) => pattern.test(text))) {
          problems.push(`console ${message.type()}: ${text}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) problems.push(`request outside the app: ${url}`);
      });
      await use({ allow: (pattern) => allowed.push(pattern) });
      expect(problems, 'console errors, CSP violations or requests outside the app').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
