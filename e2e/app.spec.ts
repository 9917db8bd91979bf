import { expect, test } from './fixtures';

test('the app loads offline with the sample flow: no console error, no CSP violation, nothing from outside', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'ADMF-PC Flow Studio' })).toBeVisible();
  await expect(page.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline)');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  // Monaco, its YAML worker and schema are the heaviest things the page loads: all from the app.
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await expect(page.getByText('No problems')).toBeVisible();
});

test('the page forbids eval and remote origins', async ({ page, guard }) => {
  guard.allow(/CSP violation: script-src/);
  guard.allow(/Content Security Policy/);
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(event.violatedDirective),
    );
    const state = window as unknown as Record<string, unknown>;
    // A string handed to setTimeout is compiled like eval, under the page's policy.
    (setTimeout as unknown as (code: string, ms: number) => number)('window.__evaluated = 1', 0);
    const inline = document.createElement('script');
    inline.textContent = 'window.__inline = 1';
    document.head.append(inline);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { evaluated: state.__evaluated, inline: state.__inline, violations };
  });
  expect(outcome.evaluated).toBeUndefined();
  expect(outcome.inline).toBeUndefined();
  expect(outcome.violations.length).toBeGreaterThanOrEqual(2);
});

test('when the app’s scripts cannot load, the page says so instead of loading forever', async ({
  page,
  guard,
}) => {
  guard.allow(/Failed to load resource/);
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('status')).toContainText('Loading the designer');
  await expect(
    page.getByText('If nothing changes, the app’s files could not be loaded'),
  ).toBeHidden();
  await expect(
    page.getByText('If nothing changes, the app’s files could not be loaded'),
  ).toBeVisible({
    timeout: 30_000,
  });
});
