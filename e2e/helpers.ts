/** Small steps the designer tests share: reading the YAML, typing in it, finding nodes. */
import { expect, type Locator, type Page } from '@playwright/test';

export const node = (page: Page, name: string): Locator =>
  page.locator(`.react-flow__node[data-id="${name}"]`);

/** The YAML as the editor holds it. */
export async function yamlText(page: Page): Promise<string> {
  // Monaco loads in stages after the designer (src/ui/editor/loadMonaco.ts): on a busy machine
  // that takes longer than the default wait for something already on screen.
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  return page.evaluate(() => {
    const monaco = (
      window as unknown as { __monaco?: { editor: { getModels(): { getValue(): string }[] } } }
    ).__monaco;
    return monaco?.editor.getModels()[0]?.getValue() ?? '';
  });
}

/** Replaces the whole YAML by typing into the editor, as a user pasting text would. */
export async function replaceYaml(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await focusYaml(page);
  await page.keyboard.press('ControlOrMeta+A');
  // Pasted, as a user would bring in a whole flow: typing would auto-indent every line.
  await page.keyboard.press('ControlOrMeta+V');
}

/** Puts the caret in the YAML editor, as a click would. */
export async function focusYaml(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
}

/** Starts from a known flow: the sample pipeline, freshly stored. */
export async function freshStart(page: Page): Promise<void> {
  await page.goto('/');
  // The designer starts after the page's load event (its code arrives in stages): once it shows,
  // it has read and written its storage, and clearing it cannot race its start.
  await expect(node(page, 'data')).toBeVisible();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(node(page, 'data')).toBeVisible();
}

/**
 * Types into a field as a person does: click it, select what is there, type. (Never
 * locator.fill(): it sets the value without the focus and keys a person's typing goes through.)
 */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

/**
 * Waits until the canvas stops moving (a fit or a zoom glides over a few hundred milliseconds,
 * longer on a busy machine), as a person waits before aiming at a handle.
 */
export async function canvasSettled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await viewport.evaluate((element) => (element as HTMLElement).style.transform);
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [150], timeout: 15_000 },
    )
    .toBe(true);
}

/**
 * Drags from one node's output handle to another's input handle, once the view is still, and
 * waits for the new connection to be drawn (a drag that started beside the handle moves the node
 * instead, and the caller's next step would fail far from the cause).
 */
export async function connect(page: Page, source: string, target: string): Promise<void> {
  await canvasSettled(page);
  const from = node(page, source).locator('.react-flow__handle.source');
  const to = node(page, target).locator('.react-flow__handle.target');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(
    page.locator(`.react-flow__edge[aria-label*="connection from ${source} to ${target}"]`),
  ).not.toHaveCount(0);
}

/** The run views below the designer. */
export const runPanel = (page: Page): Locator => page.getByRole('region', { name: 'Run' });

/** The run's status line: "Finished · bar 1,260 of 1,260 · …". */
export const runStatus = (page: Page): Locator => page.getByTestId('run-status');

/** One of the run views' tabs (Charts, Event log, Trace, Results, Data). */
export const runTab = (page: Page, name: string): Locator =>
  runPanel(page).getByRole('tab', { name, exact: true });

/** Runs the flow to its last bar with the Run button. */
export async function runToEnd(page: Page): Promise<void> {
  await runPanel(page)
    .getByRole('button', { name: /^▶ Run/ })
    .click();
  await expect(runStatus(page)).toContainText('Finished', { timeout: 30_000 });
}

/** Sets the slow SMA's period in the inspector, as a user types it, and waits for the YAML. */
export async function setSlowPeriod(page: Page, period: number) {
  await node(page, 'sma_slow').click();
  await typeInto(page.getByLabel('Period'), String(period));
  // The tab may have just come to the front with its editor still loading (it loads in stages).
  await expect
    .poll(() => yamlText(page), { timeout: 30_000 })
    .toContain(`params: { period: ${period} }`);
}

/** The slow SMA's node on the canvas (it shows its period). */
export const slowPeriod = (page: Page) => node(page, 'sma_slow');
