/**
 * The page stays responsive under hostile input: the one test in the suite that measures time,
 * as the issue asks (no task on the page's thread over 200 ms), through the browser's own
 * long-task reports (PerformanceObserver).
 */
import { expect, test } from './fixtures';
import { focusYaml, freshStart, setSlowPeriod, slowPeriod, yamlText } from './helpers';
import { nestedYaml } from './hostile';

// A trace's DOM snapshots run on the page's thread, where they would be counted as the page's
// own tasks: this file measures the app, not the test harness.
test.use({ trace: 'off' });

test.describe('hostile pastes', () => {
  test('1.8 MB of nested brackets pasted: no task over 200 ms, a located message, and the flow intact after a reload', async ({
    page,
  }) => {
    // The browser reports every task over 50 ms on the page's thread (PerformanceObserver).
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const takeLongTasks = () =>
      page.evaluate(() => {
        const tasks = (window as unknown as { longTasks: number[] }).longTasks;
        return tasks.splice(0).map(Math.round);
      });
    await freshStart(page);
    await setSlowPeriod(page, 30);
    // As replaceYaml does, with the tasks counted from the paste itself.
    await page.evaluate((text) => navigator.clipboard.writeText(text), nestedYaml(900_000));
    await focusYaml(page);
    await page.keyboard.press('ControlOrMeta+A');
    await takeLongTasks();
    await page.keyboard.press('ControlOrMeta+V');
    const tooLarge = page.getByRole('region', { name: 'YAML too large to edit' });
    await expect(tooLarge).toContainText('This YAML is 1.8 MB, too large to edit here');
    await expect(
      page.getByText('The YAML has errors: the canvas shows the last flow'),
    ).toBeVisible();
    await page.getByRole('button', { name: '1 error, 0 warnings' }).click();
    await expect(page.getByRole('list', { name: 'Problems' })).toContainText(
      'Line 1:70 The flow nests deeper than 64 levels here',
    );
    const tasks = await takeLongTasks();
    test.info().annotations.push({ type: 'long tasks (ms)', description: tasks.join(', ') });
    expect(Math.max(0, ...tasks), `tasks over 50 ms: ${tasks.join(', ')}`).toBeLessThan(200);
    await page.reload();
    await expect(slowPeriod(page)).toContainText('30');
    await expect(tooLarge).toContainText('1.8 MB');
    await tooLarge.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => yamlText(page)).toContain('params: { period: 30 }');
    await expect(page.getByText('The YAML has errors')).toHaveCount(0);
  });
});
