/**
 * Fault injection in Chromium: hostile links and pastes, a full or failing storage, a damaged
 * store, crashing workers, two tabs on one flow. Faults are injected from outside the app (init
 * scripts, routes, the page's own storage), never through hooks in its code. Each case ends as a
 * user would check it: a message on screen, then a reload, and the user's flow intact.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  freshStart,
  node,
  replaceYaml,
  runPanel,
  runStatus,
  runTab,
  runToEnd,
  setSlowPeriod,
  slowPeriod,
  typeInto,
  yamlText,
} from './helpers';
import { deflateBomb, legacyBomb } from './hostile';

const problemDialog = (page: Page) => page.getByRole('dialog');
/** The page's notices (Monaco keeps empty alert regions of its own for screen readers). */
const notices = (page: Page) => page.locator('.notices');

/** The user's flow, as the canvas shows it: its name and its containers. */
async function expectSampleFlow(page: Page) {
  await expect(page.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline)');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(node(page, 'crossover')).toBeVisible();
}

test.describe('share links', () => {
  test('a link that unpacks to hundreds of megabytes is refused, cleared, and changes nothing', async ({
    page,
  }) => {
    await freshStart(page);
    for (const hash of [`#flow=${legacyBomb(400_000_000)}`, `#flow2=${deflateBomb(10_000_000)}`]) {
      await page.goto(`/${hash}`);
      await expect(problemDialog(page)).toContainText('The shared link could not be opened');
      await expect(problemDialog(page)).toContainText('unpacks to more than 2 MB');
      await expect(problemDialog(page)).toContainText('Your flows were not changed.');
      expect(new URL(page.url()).hash).toBe('');
      await problemDialog(page).getByRole('button', { name: 'OK' }).click();
      await expectSampleFlow(page);
    }
    await page.reload();
    await expect(problemDialog(page)).toBeHidden();
    await expectSampleFlow(page);
    await page.getByRole('button', { name: 'My flows' }).click();
    await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(1);
  });

  test('a link cut short or with changed characters says so, in the tab already open', async ({
    page,
  }) => {
    await freshStart(page);
    await page.getByRole('button', { name: 'Share link' }).click();
    const url = await page.getByLabel('Share link').inputValue();
    await page.keyboard.press('Escape');
    const hash = new URL(url).hash;
    // Pasted into the address bar of this tab: only the hash changes.
    await page.evaluate(
      (h) => {
        window.location.hash = h;
      },
      hash.slice(0, -40),
    );
    await expect(problemDialog(page)).toContainText('This link is incomplete');
    expect(new URL(page.url()).hash).toBe('');
    await problemDialog(page).getByRole('button', { name: 'OK' }).click();
    const changed = `${hash.slice(0, 60)}${hash[60] === 'A' ? 'B' : 'A'}${hash.slice(61)}`;
    await page.evaluate((h) => {
      window.location.hash = h;
    }, changed);
    await expect(problemDialog(page)).toContainText('This link is damaged');
    await problemDialog(page).getByRole('button', { name: 'OK' }).click();
    await page.reload();
    await expectSampleFlow(page);
  });
});

test.describe('storage', () => {
  test('full: the user is told at once, and a reload shows the last version saved', async ({
    page,
  }) => {
    await freshStart(page);
    await setSlowPeriod(page, 30);
    // The browser's storage fills up: every write is refused from now on (until the reload).
    await page.evaluate(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await setSlowPeriod(page, 40);
    await expect(
      page.getByRole('alert').filter({ hasText: 'storage for Flow Studio is full' }),
    ).toBeVisible();
    await page.reload();
    await expect(slowPeriod(page)).toContainText('30');
    expect(await yamlText(page)).toContain('params: { period: 30 }');
  });

  test('throwing on every access, mid-session or from the start: told, and nothing lost', async ({
    page,
  }) => {
    await freshStart(page);
    await setSlowPeriod(page, 30);
    await page.evaluate(() => {
      const denied = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Storage.prototype.setItem = denied;
      Storage.prototype.getItem = denied;
    });
    await setSlowPeriod(page, 40);
    await expect(
      page.getByRole('alert').filter({ hasText: 'does not let Flow Studio save' }),
    ).toBeVisible();
    // From the start: the page's storage cannot even be reached (as with cookies blocked).
    await page.addInitScript(() => {
      if (window.name !== 'storage-blocked') return;
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.evaluate(() => {
      window.name = 'storage-blocked';
    });
    await page.reload();
    await expect(
      page.getByRole('alert').filter({ hasText: 'does not let Flow Studio save' }),
    ).toBeVisible();
    await expect(node(page, 'crossover')).toBeVisible();
    await page.evaluate(() => {
      window.name = '';
    });
    await page.reload();
    await expect(slowPeriod(page)).toContainText('30');
    await expect(notices(page).getByRole('alert')).toHaveCount(0);
  });

  test('a damaged store: its flows recovered, the damage kept aside and reported', async ({
    page,
  }) => {
    await freshStart(page);
    await setSlowPeriod(page, 30);
    // The record is cut short after its flow text, as a crash in the middle of a write would.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('flow-studio:v2:flow:'))!;
      const raw = localStorage.getItem(key)!;
      localStorage.setItem(key, raw.slice(0, raw.indexOf('"draft"') + 5));
    });
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'were damaged' });
    await expect(alert).toContainText('Recovered 1 flow');
    await expect(slowPeriod(page)).toContainText('30');
    await page.getByRole('button', { name: 'My flows' }).click();
    const dialog = page.getByRole('dialog', { name: 'My flows' });
    await expect(
      dialog.getByRole('button', { name: 'SMA crossover (pipeline) (recovered)', exact: true }),
    ).toBeVisible();
    await expect(dialog.getByRole('region', { name: 'Damaged data' })).toContainText('characters');
    await page.keyboard.press('Escape');
    await page.reload();
    await expect(notices(page).getByRole('alert')).toHaveCount(0);
    await expect(slowPeriod(page)).toContainText('30');
  });

  test('an old library full of garbage: what is readable comes back', async ({ page }) => {
    await page.goto('/');
    await expect(node(page, 'data')).toBeVisible();
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem(
        'flow-studio:v1:library',
        '{"flows":[{"id":7,"text":"name: Kept\\ncontainers: {}\\n"},{"text":null}],"currentId":[',
      );
    });
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: 'were damaged' })).toContainText(
      'Recovered 1 flow',
    );
    await expect(page.getByTestId('flow-name')).toHaveText('Kept');
  });

  test('a bad paste, then a reload: the draft in the editor, the last valid flow on the canvas', async ({
    page,
  }) => {
    await freshStart(page);
    await setSlowPeriod(page, 30);
    await replaceYaml(page, 'name: [this is not a flow');
    await expect(
      page.getByText('The YAML has errors: the canvas shows the last flow'),
    ).toBeVisible();
    await page.reload();
    await expect(
      page.getByText('The YAML has errors: the canvas shows the last flow'),
    ).toBeVisible();
    await expect(slowPeriod(page)).toContainText('30');
    await expect.poll(() => yamlText(page)).toBe('name: [this is not a flow');
    await page.getByRole('button', { name: 'My flows' }).click();
    await expect(page.getByRole('dialog', { name: 'My flows' }).getByText('draft')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => yamlText(page)).toContain('params: { period: 30 }');
    await expect(page.getByText('The YAML has errors')).toHaveCount(0);
  });
});

test.describe('two tabs on one flow', () => {
  // Two pages with an editor each, and reloads: more work than one page (not a wait on the app).
  test.slow();
  test('each tab follows the other’s changes and says so; a reload keeps the latest', async ({
    page,
    context,
  }) => {
    await freshStart(page);
    const other = await context.newPage();
    await other.goto('/');
    await expect(node(other, 'crossover')).toBeVisible();
    // A person works in the tab in front: a tab in the background draws nothing new (the canvas
    // places its containers once it can measure them).
    await page.bringToFront();
    await setSlowPeriod(page, 30);
    await other.bringToFront();
    await expect(slowPeriod(other)).toContainText('30');
    await expect(
      other.getByRole('status').filter({ hasText: 'changed in another tab' }),
    ).toBeVisible();
    await setSlowPeriod(other, 40);
    await page.bringToFront();
    await expect(slowPeriod(page)).toContainText('40');
    await page.reload();
    await expect(slowPeriod(page)).toContainText('40');
  });

  test('a tab that missed the other’s change never writes over it: the user chooses', async ({
    page,
    context,
  }) => {
    await freshStart(page);
    const other = await context.newPage();
    // This tab never hears of the other's saves (as a tab frozen in the background may not).
    await other.addInitScript(() => {
      const listen = window.addEventListener.bind(window);
      window.addEventListener = ((type: string, ...rest: [EventListener]) => {
        if (type !== 'storage') listen(type, ...rest);
      }) as typeof window.addEventListener;
    });
    await other.goto('/');
    await expect(node(other, 'crossover')).toBeVisible();
    await setSlowPeriod(page, 30);
    // The first key typed here is the first change this tab cannot save over the other's.
    await node(other, 'sma_slow').click();
    await typeInto(other.getByLabel('Period'), '4');
    const conflict = other.getByRole('dialog', { name: 'This flow was changed in another tab' });
    await expect(conflict).toContainText('Neither version has been written over');
    await conflict.getByRole('button', { name: 'Keep both (this tab’s as a new flow)' }).click();
    await expect(other.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline) (2)');
    await expect(slowPeriod(other)).toContainText('4');
    await other.reload();
    await expect(other.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline) (2)');
    await page.reload();
    await expect(slowPeriod(page)).toContainText('30');
    await page.getByRole('button', { name: 'My flows' }).click();
    await expect(page.getByRole('dialog', { name: 'My flows' }).getByRole('listitem')).toHaveCount(
      2,
    );
  });
});

/** A CSV of `count` daily bars of a made-up symbol. */
function barsCsv(count: number): Buffer {
  const rows = ['date,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2023, 0, 2 + i)).toISOString().slice(0, 10);
    const price = 50 + 8 * Math.sin(i / 6);
    rows.push(
      `${day},${price.toFixed(2)},${(price + 1).toFixed(2)},${(price - 1).toFixed(2)},${(price + 0.3).toFixed(2)},5000`,
    );
  }
  return Buffer.from(rows.join('\n'));
}

/**
 * The next engine worker the page starts is the real one with `fault` run before it: a fault
 * that strikes on a message the page sends. The workers after it are the real one.
 */
async function faultInNextEngine(page: Page, fault: string) {
  let served = 0;
  await page.route('**/engine.worker-*.js', async (route) => {
    served++;
    if (served > 1) return route.continue();
    const real = await (await route.fetch()).text();
    return route.fulfill({ contentType: 'text/javascript', body: `${fault}\n${real}` });
  });
}

/** Sets the risk manager's share of equity in the inspector, as a user types it (a change that
 * leaves the flow runnable, unlike an SMA period, which strategies name). */
async function setEquity(page: Page, pct: number) {
  await node(page, 'risk').click();
  await typeInto(page.getByRole('spinbutton', { name: 'Equity (%)' }), String(pct));
  await expect.poll(() => yamlText(page)).toContain(`equity_pct: ${pct}`);
}

/** The risk manager's share of equity, as the inspector shows it. */
async function expectEquity(page: Page, pct: number) {
  await node(page, 'risk').click();
  await expect(page.getByRole('spinbutton', { name: 'Equity (%)' })).toHaveValue(String(pct));
}

/**
 * The user's flow with a change of theirs (equity 90%), then a reload into a page whose next
 * engine worker carries `fault`: the change comes back with it.
 */
async function editedFlowWithFault(page: Page, fault: string) {
  await freshStart(page);
  await setEquity(page, 90);
  await faultInNextEngine(page, fault);
  await page.reload();
  await expectEquity(page, 90);
}

test.describe('the engine crashing', () => {
  // Each runs a backtest and reloads twice: more work than most tests (not a wait on the app).
  test.slow();
  test('mid-run: the user is told, the flow is intact after a reload, and it runs', async ({
    page,
    guard,
  }) => {
    guard.allow(/engine failed on purpose/);
    await editedFlowWithFault(
      page,
      `self.addEventListener('message', (event) => {
        if (event.data?.type === 'play')
          setTimeout(() => { throw new Error('engine failed on purpose mid-run'); }, 200);
      });`,
    );
    await runPanel(page).getByLabel('Speed').selectOption({ label: '20 bars/s' });
    await runPanel(page)
      .getByRole('button', { name: /^▶ Run/ })
      .click();
    await expect(runPanel(page).getByRole('alert').filter({ hasText: 'crashed' })).toContainText(
      'your flow is safe',
    );
    await expectEquity(page, 90);
    await page.reload();
    await expectEquity(page, 90);
    await runPanel(page).getByLabel('Speed').selectOption({ label: 'As fast as possible' });
    await runToEnd(page);
  });

  test('mid-upload: the user is told to upload again; the CSV then survives a reload, and can be removed', async ({
    page,
    guard,
  }) => {
    guard.allow(/engine failed on purpose/);
    // The worker dies on the CSV, before it says anything more.
    await editedFlowWithFault(
      page,
      `const post = self.postMessage.bind(self);
      let dead = false;
      self.postMessage = (message, transfer) => { if (!dead) post(message, transfer); };
      self.addEventListener('message', (event) => {
        if (event.data?.type !== 'upload') return;
        dead = true;
        throw new Error('engine failed on purpose while reading a CSV');
      });`,
    );
    await runTab(page, 'Data').click();
    const upload = runPanel(page).getByLabel('CSV file of bars');
    const csv = { name: 'mine.csv', mimeType: 'text/csv', buffer: barsCsv(120) };
    await upload.setInputFiles(csv);
    await expect(runPanel(page).getByRole('alert').filter({ hasText: 'crashed' })).toContainText(
      'mine.csv was being read and is not loaded: upload it again',
    );
    await expect(runPanel(page).getByLabel(/My CSV file/)).toBeDisabled();
    await upload.setInputFiles(csv);
    const loaded = runPanel(page).getByRole('status').filter({ hasText: 'mine.csv' });
    const size = `${Math.round(csv.buffer.length / 1000)} KB`;
    await expect(loaded).toContainText(`mine.csv (${size}): 120 bars of MINE`);
    await expect(loaded).toContainText('Kept in this browser');

    await page.reload();
    await expectEquity(page, 90);
    await runTab(page, 'Data').click();
    await expect(loaded).toContainText(`mine.csv (${size}): 120 bars of MINE`);
    await expect(runPanel(page).getByLabel(/My CSV file/)).toBeChecked();
    await runToEnd(page);
    await expect(runStatus(page)).toContainText('bar 120 of 120');

    await runTab(page, 'Data').click();
    await runPanel(page).getByRole('button', { name: 'Remove mine.csv' }).click();
    await expect(runPanel(page).getByLabel(/upload one first/)).toBeDisabled();
    await page.reload();
    await runTab(page, 'Data').click();
    await expect(runPanel(page).getByLabel(/upload one first/)).toBeDisabled();
    await expect(runPanel(page).getByLabel(/The flow's data containers/)).toBeChecked();
  });
});
