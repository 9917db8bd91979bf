/**
 * The designer's journeys, driven as a person would: drag from the palette, connect handles, build
 * each pattern, edit a condition in place, type YAML, undo and redo, download and open, reload,
 * share.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { connect, focusYaml, freshStart, node, replaceYaml, typeInto, yamlText } from './helpers';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('drag a component from the palette onto the canvas, and see it in the YAML', async ({
  page,
}) => {
  const canvas = page.getByTestId('canvas');
  await page.getByTestId('palette-rsi').dragTo(canvas, { targetPosition: { x: 300, y: 120 } });
  await expect(node(page, 'rsi')).toBeVisible();
  const yaml = await yamlText(page);
  // Minimal YAML: the component, no default parameters (the inspector shows them all).
  expect(yaml).toMatch(/ {2}rsi:\n {4}component: rsi\n(?! {4}params)/);
  await node(page, 'rsi').click();
  await expect(page.getByLabel('Period')).toHaveValue('14');
  expect(yaml).toMatch(/ {2}rsi: \[ -?\d+, -?\d+ \]/);
  // The sample's comments are still there.
  expect(yaml).toContain('# SMA 10/20 crossover on AAPL daily');
});

test('connect two containers by dragging between their handles', async ({ page }) => {
  await page
    .getByTestId('palette-portfolio')
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x: 500, y: 300 } });
  await expect(node(page, 'portfolio_2')).toBeVisible();
  await connect(page, 'broker', 'portfolio_2');
  await expect.poll(() => yamlText(page)).toContain('type: broadcast');
  const yaml = await yamlText(page);
  expect(yaml).toMatch(/source: broker\n\s+targets: \[ portfolio, portfolio_2 \]/);

  // Select the new connection and delete it: the broadcast goes, the container stays.
  await page
    .getByRole('group', { name: /broadcast connection from broker to portfolio_2/ })
    .focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect.poll(() => yamlText(page)).not.toContain('portfolio_2 ]');
  await expect(node(page, 'portfolio_2')).toBeVisible();
  // A broadcast left with one target is a pipeline again, and looks it.
  await expect(page.locator('.flow-edge.edge-broadcast')).toHaveCount(0);
  expect(await yamlText(page)).not.toContain('type: broadcast');
});

test('a refused connection says why', async ({ page }) => {
  const from = node(page, 'portfolio').locator('.react-flow__handle.source');
  const to = node(page, 'sma_fast').locator('.react-flow__handle.target');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + 4, a.y + 4);
  await page.mouse.down();
  await page.mouse.move(b.x + 4, b.y + 4, { steps: 15 });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Cannot connect: That would make a cycle' }),
  ).toBeVisible();
  await page.mouse.up();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot connect' })).toHaveCount(0);
});

test('build each pattern: pipeline, broadcast, hierarchical, selective', async ({ page }) => {
  await replaceYaml(
    page,
    [
      'name: Patterns',
      'containers:',
      '  data: { component: sample_bars }',
      '  sma10: { component: sma, params: { period: 10 } }',
      '  sma50: { component: sma, params: { period: 50 } }',
      '  regime: { component: trend_classifier }',
      '  a: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_50 } }',
      '  b: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_50 } }',
      'event_flow: []',
      'layout: { data: [0, 0], sma10: [220, 0], sma50: [440, 0], regime: [660, 0], a: [900, -120], b: [900, 120] }',
      '',
    ].join('\n'),
  );
  await expect(node(page, 'b')).toBeVisible();
  await page.keyboard.press('Escape');
  // Pipeline by chaining.
  await connect(page, 'data', 'sma10');
  await connect(page, 'sma10', 'sma50');
  await connect(page, 'sma50', 'regime');
  await expect.poll(() => yamlText(page)).toContain('containers: [ data, sma10, sma50, regime ]');
  // Broadcast: one source, two targets.
  await connect(page, 'regime', 'a');
  await connect(page, 'regime', 'b');
  await expect
    .poll(() => yamlText(page))
    .toMatch(/type: broadcast\s+source: regime\s+targets: \[ a, b \]/);
  await expect(page.locator('.flow-edge.edge-broadcast')).toHaveCount(2);
  // Hierarchical: turn the fan-out into regimes, each child edge labelled.
  await page
    .locator('.react-flow__edge[aria-label^="broadcast connection from regime to a"]')
    .click({ force: true });
  await page.getByLabel('How regime sends its events').selectOption('hierarchical');
  await expect(
    page.getByRole('button', { name: 'Regime of a: trending_up. Edit regime' }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Regime of b: trending_down. Edit regime' }),
  ).toBeVisible();
  expect(await yamlText(page)).toMatch(/type: hierarchical\s+parent: regime\s+children:/);
  // The connection stays selected under its new pattern: the inspector is still on it.
  await expect(page.getByLabel('How regime sends its events')).toHaveValue('hierarchical');
  // Selective: ordered routes with conditions, and a default.
  await page.getByLabel('How regime sends its events').selectOption('selective');
  await expect(page.getByLabel('How regime sends its events')).toHaveValue('selective');
  await page.getByRole('button', { name: 'Move route 2 up' }).click();
  await expect(page.getByRole('region', { name: 'Connection regime to a' })).toBeVisible();
  await page.getByRole('button', { name: 'Move route 1 down' }).click();
  await expect(
    page.getByRole('button', { name: /Route 1 from regime: signal.strength > 0.8/ }),
  ).toBeVisible();
  // Each route has its own condition (the same one twice would leave the second dead).
  await expect(
    page.getByRole('button', { name: /Route 2 from regime: signal.strength > 0.5/ }),
  ).toBeVisible();
  await page
    .locator('.react-flow__edge[aria-label^="selective connection from regime to b"]')
    .first()
    .click({ force: true });
  await page.getByLabel('Default route (when no condition holds)').selectOption('b');
  await expect.poll(() => yamlText(page)).toMatch(/type: selective[\s\S]*default: b/);
  await expect(page.locator('.edge-label.default')).toBeVisible();
});

test('edit a selective condition in place, checked as you type', async ({ page }) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Open template Conviction routing' }).click();
  await expect(node(page, 'aggressive')).toBeVisible();
  await page.getByRole('button', { name: /Route 1 from signals: signal.strength > 0.6/ }).click();
  const input = page.getByLabel('Condition of route 1 from signals');
  // The editor opens with the focus in it: typing replaces the selected condition.
  await expect(input).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('signal.strength >> 0.7');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Column 17: Operator ">>" is not supported' }),
  ).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('alert').filter({ hasText: 'Column' })).toHaveCount(0);
  await input.press('Enter');
  await expect.poll(() => yamlText(page)).toContain('condition: signal.strength > 0.7');
  expect(await yamlText(page)).toContain('# Conviction-based sizing');
});

test('edit the YAML and the canvas follows; invalid YAML keeps the canvas and says so', async ({
  page,
}) => {
  const yaml = await yamlText(page);
  await replaceYaml(
    page,
    yaml.replace('  portfolio:\n', '  journal:\n    component: portfolio\n  portfolio:\n'),
  );
  await expect(node(page, 'journal')).toBeVisible();
  await replaceYaml(page, `${yaml}\ncontainers: [broken\n`);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'the canvas shows the last flow that could be read' }),
  ).toBeVisible();
  await expect(node(page, 'journal')).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await page.getByRole('button', { name: /\d+ errors?, \d+ warnings?/ }).click();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('Line');
});

test('scrolled into the containers, the YAML editor keeps their scope in sight at its top', async ({
  page,
}) => {
  // Sticky scroll reads its scopes from the indentation (not the YAML worker's outline, which cost
  // a dropped frame after every edit of a large flow): a scope scrolled past stays at the top.
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.hover();
  // Down past `containers:` (line 7) into its entries.
  for (let notch = 0; notch < 6; notch++) await page.mouse.wheel(0, 120);
  await expect(page.locator('.monaco-editor .sticky-widget')).toContainText('containers:');
});

test('schema completion and hover work in the YAML editor', async ({ page }) => {
  await focusYaml(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nevent_sys');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget').getByText('event_system')).toBeVisible();
  await page.keyboard.press('Escape');
  // Back to the top, so that the line is not under the editor's sticky scroll header.
  await page.keyboard.press('ControlOrMeta+Home');
  // Hover over a component id shows its description from the catalogue.
  await page
    .locator('.monaco-editor .view-line')
    .filter({ hasText: 'component: sma_crossover' })
    .getByText('sma_crossover')
    .hover();
  await expect(
    page
      .locator('.monaco-hover')
      .filter({ hasText: 'Long from the bar the fast SMA crosses above the slow SMA' }),
  ).toBeVisible();
});

test('undo and redo cover canvas, inspector and YAML edits', async ({ page }) => {
  const original = await yamlText(page);
  await node(page, 'sma_slow').click();
  await typeInto(page.getByLabel('Period'), '30');
  await expect.poll(() => yamlText(page)).toContain('params: { period: 30 }');
  // The strategy reading SMA_20 reads SMA_30 now, in the same undo step as the period.
  expect(await yamlText(page)).toContain('slow: SMA_30');
  await node(page, 'data').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'data')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'data')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => yamlText(page)).toBe(original);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => yamlText(page)).toContain('params: { period: 30 }');
  // Ctrl+Z inside the editor undoes the same history.
  await focusYaml(page);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => yamlText(page)).toBe(original);
});

test('download the flow, then open the file as a new flow', async ({ page }) => {
  await node(page, 'sma_fast').click();
  await typeInto(page.getByLabel('Period'), '7');
  await expect.poll(() => yamlText(page)).toContain('params: { period: 7 }');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('sma-crossover-pipeline.yaml');
  const saved = readFileSync(await download.path(), 'utf8');
  expect(saved).toContain('params: { period: 7 }');
  await page.getByTestId('open-file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'text/yaml',
    buffer: Buffer.from(saved),
  });
  const opened = page
    .getByRole('status')
    .filter({ hasText: 'Opened “SMA crossover (pipeline) (2)” as a new flow.' });
  await expect(opened).toBeVisible();
  // The notice leaves the run controls free: it shows above them, over the canvas.
  const notice = await opened.boundingBox();
  const runPanel = await page.locator('.run-panel').boundingBox();
  expect(notice!.y + notice!.height).toBeLessThanOrEqual(runPanel!.y);
  // The library never holds two flows of one name.
  await expect(page.getByTestId('flow-name')).toHaveText('SMA crossover (pipeline) (2)');
  await page.getByRole('button', { name: 'My flows' }).click();
  await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(2);
});

test('a flow indented by four spaces keeps its indentation through an inspector edit', async ({
  page,
}) => {
  const two = readFileSync(join(import.meta.dirname, '../examples/pipeline.yaml'), 'utf8');
  // The same flow written with four spaces (its lists of containers stay on one line).
  const four = two
    .replace(/^( +)/gm, (spaces) => spaces + spaces)
    .replace('\n        containers: [data', '\n      containers: [data');
  await page.getByTestId('open-file').setInputFiles({
    name: 'four-spaces.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(four),
  });
  await expect(node(page, 'sma_fast')).toBeVisible();
  await node(page, 'broker').click();
  await typeInto(page.getByLabel('Rate (%)'), '0.2');
  await expect
    .poll(() => yamlText(page))
    .toContain('    broker:\n        component: simulated_broker\n        params: {');
  expect(await yamlText(page)).toContain('commission_pct: 0.2');
  // Printed at two spaces, the changed line made a container of its own called "params".
  await expect(node(page, 'params')).toHaveCount(0);
  await expect(page.getByText('No problems')).toBeVisible();
});

test('drop a YAML file on the canvas to open it as a new flow', async ({ page }) => {
  const text = readFileSync(join(import.meta.dirname, '../examples/broadcast.yaml'), 'utf8');
  const dropped = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'broadcast.yaml', { type: 'text/yaml' }));
    return transfer;
  }, text);
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer: dropped });
  // While the file is over the canvas, the canvas says what dropping it will do.
  await expect(
    page.getByRole('status').filter({ hasText: 'Drop the YAML file to open it as a new flow' }),
  ).toBeVisible();
  await pane.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByText('Drop the YAML file to open it as a new flow')).toHaveCount(0);
  await expect(node(page, 'momentum')).toBeVisible();
  await expect.poll(() => yamlText(page)).toContain('name: Three strategies (broadcast)');
  await page.getByRole('button', { name: 'My flows' }).click();
  await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(2);
});

test('a file that is not a flow is refused and the open flow stays as it was', async ({ page }) => {
  const before = await yamlText(page);
  await page.getByTestId('open-file').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('name: [oops\n'),
  });
  await expect(
    page.getByRole('dialog', { name: 'broken.yaml is not a flow Flow Studio can open' }),
  ).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText(
    'Line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
  );
  await expect(page.getByRole('dialog')).toContainText('Your open flow was not changed.');
  await page.getByRole('button', { name: 'OK' }).click();
  expect(await yamlText(page)).toBe(before);
});

test('the flow survives a reload', async ({ page }) => {
  await node(page, 'sma_fast').click();
  await typeInto(page.getByLabel('Period'), '12');
  await expect.poll(() => yamlText(page)).toContain('params: { period: 12 }');
  await page.reload();
  await expect(node(page, 'sma_fast')).toContainText('12');
  expect(await yamlText(page)).toContain('params: { period: 12 }');
});

test('a share link opens the same flow in a new tab', async ({ page, context }) => {
  await node(page, 'sma_fast').click();
  await typeInto(page.getByLabel('Period'), '9');
  await expect.poll(() => yamlText(page)).toContain('params: { period: 9 }');
  const text = await yamlText(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = page.getByRole('link', { name: 'Open in a new tab' });
  await expect(link).toBeVisible();
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(node(tab, 'sma_fast')).toContainText('9');
  // The same flow, under its own name: this browser's library already has one of that name.
  expect(await yamlText(tab)).toBe(
    text.replace('name: SMA crossover (pipeline)', 'name: SMA crossover (pipeline) (2)'),
  );
  expect(new URL(tab.url()).hash).toBe('');
});

test('work from the keyboard: quick add, palette, shortcuts help', async ({ page }) => {
  await page.getByTestId('canvas').click({ position: { x: 50, y: 50 } });
  // Quick-add opens with the focus in its search field: typing and Enter add the component.
  await page.keyboard.press('ControlOrMeta+K');
  await expect(page.getByLabel('Component to add')).toBeFocused();
  await page.keyboard.type('bollinger band');
  await page.keyboard.press('Enter');
  await expect(node(page, 'bollinger')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Add a component' })).toBeHidden();
  // "/" opens it too; arrows choose among the matches.
  await page.getByTestId('canvas').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('/');
  await page.keyboard.type('sma');
  const options = page.getByRole('dialog', { name: 'Add a component' }).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Add a component' })).toBeHidden();
  await typeInto(page.getByLabel('Search components'), 'macd');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(node(page, 'macd')).toBeVisible();
  await page.getByTestId('canvas').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // The help reads the command registry: the keys it lists are the keys that work.
  await expect(help.getByRole('row', { name: /Add a component… Ctrl\+K or \// })).toBeVisible();
  await expect(help.getByRole('row', { name: /Auto-layout Shift\+L/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('the command palette finds and runs any command by name', async ({ page }) => {
  await page.getByTestId('canvas').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await expect(palette.getByLabel('Command to run')).toBeFocused();
  // Nothing to undo yet: the command is listed but cannot be taken.
  await page.keyboard.type('undo');
  await expect(palette.getByRole('option', { name: /Edit: Undo/ })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('new empty');
  await expect(palette.getByRole('option').first()).toContainText('New empty flow');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('flow-name')).toHaveText('Flow 2');
  // It also opens from the YAML editor, where most keys belong to the editor.
  await focusYaml(page);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(palette).toBeVisible();
  await page.keyboard.type('templates');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Templates' })).toBeVisible();
});

test('copy and paste containers, and delete a selection', async ({ page }) => {
  await node(page, 'sma_fast').click();
  await node(page, 'sma_slow').click({ modifiers: ['Shift'] });
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(node(page, 'sma_fast_2')).toBeVisible();
  await expect(node(page, 'sma_slow_2')).toBeVisible();
  await expect.poll(() => yamlText(page)).toContain('containers: [ sma_fast_2, sma_slow_2 ]');
  await page.keyboard.press('Delete');
  await expect(node(page, 'sma_fast_2')).toHaveCount(0);
});

test('switch a container off with D and back, and write a note on the canvas: both kept in the YAML', async ({
  page,
}) => {
  await node(page, 'crossover').click();
  await page.keyboard.press('d');
  await expect(node(page, 'crossover').locator('.flow-node')).toHaveClass(/disabled/);
  await expect(node(page, 'crossover')).toContainText('off');
  await expect.poll(() => yamlText(page)).toMatch(/crossover:\n(\s{4}.*\n)*\s{4}disabled: true/);
  await expect(page.getByRole('checkbox', { name: 'Disabled' })).toBeChecked();
  // The inspector's box does the same.
  await page.getByRole('checkbox', { name: 'Disabled' }).click();
  await expect(node(page, 'crossover').locator('.flow-node')).not.toHaveClass(/disabled/);
  await expect.poll(() => yamlText(page)).not.toContain('disabled: true');

  // A note: Shift+S on the canvas, type, Escape.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Shift+S');
  const editor = page.getByLabel('Text of note note');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Long while fast is above slow.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('note-note')).toHaveText('Long while fast is above slow.');
  await expect.poll(() => yamlText(page)).toMatch(/notes:\n {2}note:\n {4}text: Long while fast/);
  await page.reload();
  await expect(page.getByTestId('note-note')).toHaveText('Long while fast is above slow.');
  // Selected and deleted like a container.
  await page.getByTestId('note-note').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('note-note')).toHaveCount(0);
  await expect.poll(() => yamlText(page)).not.toContain('notes:');
});
